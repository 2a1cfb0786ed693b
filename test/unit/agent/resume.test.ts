import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TaskStore, type ShellRunOptions } from '../../../src/core/agent';
import { FakeLlmServer, nativeAgentSession } from '../../support/fakeLlm';
import { makeWorkspace, removeAll, runTask, testEnvironment } from './harness';

describe('agent tasks saved and resumed', function () {
  this.timeout(20_000);
  let server: FakeLlmServer;
  let root: string;
  let home: string;
  let crashHome: string;

  before(async () => {
    server = await FakeLlmServer.start();
  });
  after(() => server.close());
  beforeEach(() => {
    root = makeWorkspace({ 'a.txt': 'one\n' });
    home = mkdtempSync(path.join(os.tmpdir(), 'tandem-agent-home-'));
    crashHome = mkdtempSync(path.join(os.tmpdir(), 'tandem-agent-crash-'));
  });
  afterEach(() => {
    server.reset();
    removeAll(root, home, crashHome);
  });

  const session = nativeAgentSession([
    { calls: [{ name: 'write_file', args: { path: 'b.txt', content: 'two\n' } }] },
    { calls: [{ name: 'run_command', args: { command: 'echo built > out.txt' } }, { name: 'read_file', args: { path: 'a.txt' } }] },
    { text: 'Done.' },
  ]);

  it('a kill while a command runs: --continue does not run it again, and finishes the rest', async () => {
    server.setOptions({ rules: session });
    const ran: string[] = [];
    let taskId = '';
    const abort = new AbortController();
    // What is on disk at the moment the command starts is what a kill -9 would leave behind.
    const crashing = await testEnvironment(root, {
      runShell: async (options: ShellRunOptions) => {
        ran.push(options.command);
        cpSync(home, crashHome, { recursive: true });
        abort.abort();
        return { exitCode: null, signal: 'SIGTERM', output: '', durationMs: 1, timedOut: false, cancelled: true };
      },
    });
    await runTask({ server, root, home, env: crashing, signal: abort.signal, onEvent: (e) => { if (e.type === 'task') taskId = e.taskId; } });
    assert.deepEqual(ran, ['echo built > out.txt']);

    const record = await new TaskStore(crashHome).load(taskId);
    assert.equal(record.status, 'running');
    assert.deepEqual(record.pending?.started, [record.pending?.calls[0]?.id]);
    const spy = await testEnvironment(root, { runShell: async (options) => { ran.push(options.command); throw new Error('must not run'); } });
    const resumed = await runTask({ server, root, home: crashHome, env: spy, record });
    assert.equal(resumed.outcome.reason, 'finished', resumed.outcome.message);
    assert.deepEqual(ran, ['echo built > out.txt'], 'the command ran once');
    const toolMessages = resumed.record.messages.filter((m) => m.role === 'tool').map((m) => String(m.content));
    assert.match(toolMessages[1] ?? '', /run_command was interrupted when the task stopped; its outcome is unknown and it was not run again/);
    assert.match(toolMessages[2] ?? '', /1\| one/);
    assert.equal(resumed.events[0]?.type, 'task');
    assert.deepEqual(resumed.events.filter((e) => e.type === 'toolResult').map((e) => e.type === 'toolResult' && [e.name, e.reused === true]), [['run_command', false], ['read_file', false]]);
    assert.equal(resumed.outcome.summary.filesChanged[0], 'b.txt');
  });

  it('a kill between steps: --continue resumes from the last completed step', async () => {
    server.setOptions({ rules: session });
    let taskId = '';
    const abort = new AbortController();
    await runTask({ server, root, home, signal: abort.signal, onEvent: (e) => {
      if (e.type === 'task') taskId = e.taskId;
      if (e.type === 'step' && e.step === 2) {
        cpSync(home, crashHome, { recursive: true });
        abort.abort();
      }
    } });
    const record = await new TaskStore(crashHome).load(taskId);
    assert.equal(record.bounds.steps, 1);
    assert.equal(readFileSync(path.join(root, 'b.txt'), 'utf8'), 'two\n');
    server.reset();
    server.setOptions({ rules: session });
    const resumed = await runTask({ server, root, home: crashHome, record });
    assert.equal(resumed.outcome.reason, 'finished', resumed.outcome.message);
    assert.equal((server.requests[0]?.body as { messages: Array<{ role: string }> }).messages.filter((m) => m.role === 'assistant').length, 1, 'the first request of the resumed run is turn 2');
    assert.equal(readFileSync(path.join(root, 'out.txt'), 'utf8'), 'built\n');
    assert.deepEqual(resumed.outcome.summary.commandsRun, [{ command: 'echo built > out.txt', exitCode: 0 }]);
    const reused = resumed.events.filter((e) => e.type === 'toolResult' && e.reused);
    assert.deepEqual(reused.map((e) => e.type === 'toolResult' && e.name), ['write_file']);
  });

  it('one process at a time works on a task; a lock left by a dead process is taken over', async () => {
    const store = new TaskStore(home);
    const unlock = await store.lock('20261204-000000-abcdef');
    const { writeFileSync } = await import('node:fs');
    const lockFile = path.join(store.taskDir('20261204-000000-abcdef'), 'lock');
    writeFileSync(lockFile, String(process.ppid));
    await assert.rejects(store.lock('20261204-000000-abcdef'), /task 20261204-000000-abcdef is running in another process \(pid \d+\)/);
    writeFileSync(lockFile, '999999999');
    const again = await store.lock('20261204-000000-abcdef');
    await again();
    await unlock();
  });

  it('refuses an id that is not a task', async () => {
    await assert.rejects(new TaskStore(home).load('../../etc'), /is not a task id/);
    await assert.rejects(new TaskStore(home).load('20261204-000000-abcdef'), /no task 20261204-000000-abcdef in/);
  });
});
