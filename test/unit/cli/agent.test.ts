// `tandem agent` end to end: the CLI bundled the way it ships (esbuild, like dist/cli.js), run with
// plain node against the fake model server, on a small node:test project whose tests really run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { resolveSetup } from '../../../src/cli/cliSetup';
import { runAgentCommand } from '../../../src/cli/commands/agent';
import { FakeLlmServer, misbehaving, nativeAgentSession } from '../../support/fakeLlm';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.ts');

const project: Record<string, string> = {
  'package.json': '{ "name": "shop", "type": "module", "scripts": { "test": "node --test" } }\n',
  'src/price.js': 'export function total(items) {\n  return items.reduce((sum, item) => sum + item.price, 0);\n}\n',
  'test/price.test.js': "import assert from 'node:assert/strict';\nimport { test } from 'node:test';\nimport { total } from '../src/price.js';\n\ntest('adds prices', () => {\n  assert.equal(total([{ price: 2 }, { price: 3 }]), 5);\n});\n",
  '.gitignore': 'node_modules/\n',
};

const editBoth = [
  'src/price.js',
  '<<<<<<< SEARCH',
  'export function total(items) {',
  '  return items.reduce((sum, item) => sum + item.price, 0);',
  '=======',
  'export function total(items, discount = 0) {',
  '  return items.reduce((sum, item) => sum + item.price, 0) - discount * 100;',
  '>>>>>>> REPLACE',
  '',
  'test/price.test.js',
  '<<<<<<< SEARCH',
  '  assert.equal(total([{ price: 2 }, { price: 3 }]), 5);',
  '=======',
  '  assert.equal(total([{ price: 2 }, { price: 3 }]), 5);',
  '  assert.equal(total([{ price: 10 }], 0.5), 5);',
  '>>>>>>> REPLACE',
].join('\n');
const fix = 'src/price.js\n<<<<<<< SEARCH\n  return items.reduce((sum, item) => sum + item.price, 0) - discount * 100;\n=======\n  return items.reduce((sum, item) => sum + item.price, 0) * (1 - discount);\n>>>>>>> REPLACE\n';

interface Run { code: number | null; stdout: string; stderr: string }

describe('tandem agent (the bundled CLI)', function () {
  this.timeout(90_000);
  let server: FakeLlmServer;
  let dir: string;
  let bundle: string;
  let work: string;
  let home: string;

  const run = (args: string[], input?: string): Promise<Run> => {
    const child = spawn(process.execPath, [bundle, 'agent', ...args], { cwd: work, env: { ...process.env, TANDEM_API_KEY: '', TANDEM_HOME: home }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(input ?? '');
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  };
  const events = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown> & { type: string });

  before(async () => {
    server = await FakeLlmServer.start();
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-agent-cli-'));
    bundle = path.join(dir, 'cli.js');
    await build({ entryPoints: [MAIN], outfile: bundle, bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'silent' });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    work = mkdtempSync(path.join(dir, 'work-'));
    home = mkdtempSync(path.join(dir, 'home-'));
    for (const [rel, text] of Object.entries(project)) {
      mkdirSync(path.dirname(path.join(work, rel)), { recursive: true });
      writeFileSync(path.join(work, rel), text);
    }
    mkdirSync(path.join(work, '.vscode'));
    writeFileSync(path.join(work, '.vscode/settings.json'), JSON.stringify({
      'tandem.provider': 'fake',
      'tandem.providers': { fake: { kind: 'openai-compatible', baseUrl: server.baseUrl, models: { chat: 'fake-chat' }, contextWindow: 32768 } },
      'tandem.retries.maxRetries': 0,
    }));
  });
  afterEach(() => server.reset());

  it('says where the server address came from and how to change it when no server answers (exit 1)', async () => {
    writeFileSync(path.join(work, '.vscode/settings.json'), JSON.stringify({
      'tandem.provider': 'down', 'tandem.providers': { down: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', models: { chat: 'm' } } }, 'tandem.retries.maxRetries': 0,
    }));
    const result = await run(['fix the discount']);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /Stopped: No model server answers at http:\/\/127\.0\.0\.1:9\/v1/);
    assert.match(result.stderr, /The address http:\/\/127\.0\.0\.1:9\/v1 comes from tandem\.providers\.down\.baseUrl in .*settings\.json.* --base-url URL/);
    assert.match(result.stderr, /continue it with: tandem agent --continue \d{8}-\d{6}-[0-9a-f]{6}/);
  });

  it('edits two files, runs the tests, fixes the failure and finishes (exit 0, --json events)', async () => {
    server.setOptions({ rules: nativeAgentSession([
      { text: 'Reading the code and its test.', calls: [{ name: 'read_file', args: { path: 'src/price.js' } }, { name: 'read_file', args: { path: 'test/price.test.js' } }] },
      { calls: [{ name: 'apply_edits', args: { response: editBoth } }] },
      { calls: [{ name: 'run_tests', args: {} }] },
      { text: 'The discount is a fraction, not a percentage.', calls: [{ name: 'apply_edits', args: { response: fix } }] },
      { calls: [{ name: 'run_tests', args: {} }] },
      { text: 'Added a discount parameter to total() and a test; the tests pass.' },
    ]) });
    const result = await run(['add a discount to total', '--json', '--auto-edit', '--allow', 'npm test*']);
    assert.equal(result.code, 0, result.stderr + result.stdout);
    const list = events(result.stdout);
    assert.equal(list[0]?.type, 'task');
    assert.match(String(list[0]?.taskId), /^\d{8}-\d{6}-[0-9a-f]{6}$/);
    const tests = list.filter((e) => e.type === 'toolResult' && e.name === 'run_tests');
    assert.deepEqual(tests.map((e) => e.ok), [false, true]);
    assert.match(String(tests[0]?.summary), /tests failed: .*1 failed/);
    // The failure the model was given names the test and the numbers.
    const fourth = server.requests[3]?.body as { messages: Array<{ role: string; content: string }> };
    assert.match(fourth.messages.filter((m) => m.role === 'tool').pop()?.content ?? '', /FAILED: .*adds prices failed/s);
    assert.match(readFileSync(path.join(work, 'src/price.js'), 'utf8'), /\* \(1 - discount\)/);
    assert.match(readFileSync(path.join(work, 'test/price.test.js'), 'utf8'), /total\(\[\{ price: 10 \}\], 0\.5\), 5/);
    const stop = list.find((e) => e.type === 'stop');
    assert.equal(stop?.reason, 'finished');
    const summary = list.find((e) => e.type === 'summary')?.summary as { filesChanged: string[]; commandsRun: Array<{ command: string; exitCode: number }> };
    assert.deepEqual(summary.filesChanged.sort(), ['src/price.js', 'test/price.test.js']);
    assert.deepEqual(summary.commandsRun, [{ command: 'npm test', exitCode: 1 }, { command: 'npm test', exitCode: 0 }]);
    assert.ok(list.every((e) => typeof e.type === 'string'));

    // The checkpoints: every step numbered from 1, with the files it changed.
    const taskId = String(list[0]?.taskId);
    const listed = await run(['--checkpoints', taskId, '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const checkpoints = JSON.parse(listed.stdout) as { taskId: string; steps: Array<{ step: number; files: string[] }> };
    assert.equal(checkpoints.taskId, taskId);
    assert.deepEqual(checkpoints.steps.map((s) => [s.step, [...s.files].sort()]), [
      [1, []], [2, ['src/price.js', 'test/price.test.js']], [3, []], [4, ['src/price.js']], [5, []], [6, []],
    ]);
    // Restore to before step 4: the fix is undone, the test edit stays.
    const before4 = await run(['--restore', taskId, '4']);
    assert.equal(before4.code, 0, before4.stderr);
    assert.match(readFileSync(path.join(work, 'src/price.js'), 'utf8'), /- discount \* 100/);
    // The user edits the test file; undoing the whole task leaves it as the user left it (exit 1).
    writeFileSync(path.join(work, 'test/price.test.js'), `${readFileSync(path.join(work, 'test/price.test.js'), 'utf8')}// mine\n`);
    const all = await run(['--restore', taskId, '1']);
    assert.equal(all.code, 1, all.stderr);
    assert.match(all.stdout, /conflict: test\/price\.test\.js left as it is/);
    assert.equal(readFileSync(path.join(work, 'src/price.js'), 'utf8'), project['src/price.js']);
    assert.match(readFileSync(path.join(work, 'test/price.test.js'), 'utf8'), /\/\/ mine\n$/);
    // A restore to the wrong step loses nothing: --undo-restore puts back what the last one replaced.
    assert.match(all.stdout, new RegExp(`Undo this with: tandem agent --undo-restore ${taskId} \\S+`));
    const undone = await run(['--undo-restore', taskId]);
    assert.equal(undone.code, 0, undone.stderr);
    assert.match(undone.stdout, /restored src\/price\.js/);
    assert.match(readFileSync(path.join(work, 'src/price.js'), 'utf8'), /- discount \* 100/, 'as it was before the last restore');
    assert.match(readFileSync(path.join(work, 'test/price.test.js'), 'utf8'), /\/\/ mine\n$/, 'the user\'s file is untouched');
    const none = await run(['--undo-restore', '20990101-000000-abcdef']);
    assert.equal(none.code, 2);
  });

  it('without a terminal, a command that needs approval is refused (a piped y approves nothing); the task goes on', async () => {
    server.setOptions({ rules: nativeAgentSession([
      { calls: [{ name: 'run_command', args: { command: 'touch approved.txt' } }] },
      misbehaving.destructiveCommand(),
      { text: 'I could not run them.' },
    ]) });
    const result = await run(['make a file', '--allow', 'npm test*'], 'y\ny\n');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /⊘ refused: the command `touch approved.txt` needs the user's approval/);
    assert.match(result.stdout, /⊘ refused: the command `rm -rf src` needs the user's approval .*destructive|⊘ refused: the command `rm -rf src` needs the user's approval \(`rm -rf src` deletes/);
    assert.equal(existsSync(path.join(work, 'approved.txt')), false);
    assert.equal(existsSync(path.join(work, 'src/price.js')), true);
    assert.match(result.stdout, /I could not run them\./);
    assert.match(result.stdout, /Files changed: none\nCommands run: none/);
  });

  it('Ctrl+C stops at once, closes the connection and exits 130; --continue picks the task up again', async () => {
    server.setOptions({ rules: [{ match: { endpoint: 'chat' }, fault: { kind: 'hangAfterHeaders' }, times: 1 }, { match: { endpoint: 'chat', lastUser: 'go on' }, reply: { text: 'Resumed and done.' } }] });
    const child = spawn(process.execPath, [bundle, 'agent', 'do it', '--json'], { cwd: work, env: { ...process.env, TANDEM_API_KEY: '', TANDEM_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await server.waitForRequests(1);
    const sent = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 130);
    assert.ok(Date.now() - sent < 2_000);
    await server.requests[0]?.closed;
    assert.equal(server.requests[0]?.aborted, true);
    const list = events(stdout);
    assert.equal(list.find((e) => e.type === 'stop')?.reason, 'cancelled');
    const resumed = await run(['--continue', String(list[0]?.taskId), 'go on', '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(events(resumed.stdout).find((e) => e.type === 'stop')?.message, 'Resumed and done.');
  });

  it('exits 1 naming the bound when a loop is stopped, and 2 on bad usage', async () => {
    server.setOptions({ rules: [{ match: { endpoint: 'chat' }, reply: { toolCalls: [{ name: 'list_files', arguments: '{}' }] } }] });
    const looped = await run(['list things', '--json']);
    assert.equal(looped.code, 1);
    const stop = events(looped.stdout).find((e) => e.type === 'stop');
    assert.equal(stop?.bound, 'repeat');
    assert.match(String(stop?.message), /the same call was repeated 3 times/);
    const steps = await run(['list things', '--max-steps', '2']);
    assert.equal(steps.code, 1);
    assert.match(steps.stdout, /Stopped: step limit 2 reached/);
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['x', '--max-steps', 'lots'])).code, 2);
    const unknown = await run(['--continue', 'nope-123']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no task nope-123/);
  });
});

describe('tandem agent on a terminal (in process)', function () {
  this.timeout(30_000);
  let server: FakeLlmServer;
  let work: string;
  let home: string;
  before(async () => {
    server = await FakeLlmServer.start();
  });
  after(() => server.close());
  beforeEach(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'tandem-agent-tty-'));
    home = mkdtempSync(path.join(os.tmpdir(), 'tandem-agent-tty-home-'));
    writeFileSync(path.join(work, 'a.txt'), 'old\n');
    mkdirSync(path.join(work, '.vscode'));
    writeFileSync(path.join(work, '.vscode/settings.json'), JSON.stringify({
      'tandem.provider': 'fake', 'tandem.retries.maxRetries': 0,
      'tandem.providers': { fake: { kind: 'openai-compatible', baseUrl: server.baseUrl, models: { chat: 'fake-chat' } } },
    }));
  });
  afterEach(() => {
    server.reset();
    rmSync(work, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('asks y/n for edits and commands, shows the diff, and takes a follow-up on the same task', async () => {
    server.setOptions({ rules: nativeAgentSession([
      { calls: [{ name: 'write_file', args: { path: 'a.txt', content: 'new\n' } }] },
      { calls: [{ name: 'run_command', args: { command: 'echo done > b.txt' } }] },
      { text: 'Wrote a.txt; the command was declined.' },
      { calls: [{ name: 'read_file', args: { path: 'a.txt' } }] },
      { text: 'a.txt says new.' },
    ]) });
    const questions: string[] = [];
    const answers = ['y', 'n', 'what does a.txt say?', ''];
    let out = '';
    const code = await runAgentCommand(['update a.txt'], {
      cwd: work, env: { TANDEM_HOME: home }, signal: new AbortController().signal,
      stdout: (t) => void (out += t), stderr: () => {},
      ask: async (q) => (questions.push(q), answers.shift()),
    }, (root) => resolveSetup({ verbose: false, cwd: root }, { TANDEM_HOME: home }, work));
    assert.equal(code, 0);
    assert.match(questions[0] ?? '', /^Apply the edit to a\.txt\? \[y\/N\] $/);
    assert.match(questions[1] ?? '', /^Run `echo done > b\.txt`\? .*\[y\/N\] $/);
    assert.match(questions[2] ?? '', /Follow-up/);
    assert.match(out, /^-old\n\+new$/m);
    assert.equal(readFileSync(path.join(work, 'a.txt'), 'utf8'), 'new\n');
    assert.equal(existsSync(path.join(work, 'b.txt')), false);
    assert.match(out, /⊘ refused: the user declined to run `echo done > b\.txt`/);
    assert.match(out, /a\.txt says new\./);
    const followUp = server.requests[3]?.body as { messages: Array<{ role: string; content: string }> };
    assert.equal(followUp.messages.filter((m) => m.role === 'user').pop()?.content, 'what does a.txt say?');
  });
});
