import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { FakeLlmServer } from '../support/fakeLlm';
import { nativeAgentSession } from '../support/fakeLlm/agentScript';
import { setSetting, tandemApi } from './tandemApi';
import { waitFor } from './waitFor';

const root = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
const read = (file: string) => readFileSync(path.join(root(), file));
const check = 'const text = require("fs").readFileSync("src/money.ts", "utf8");\nif (!text.includes("AGENT-FIXED")) { console.log("FAIL: money.ts is not fixed"); process.exit(1); }\nconsole.log("PASS");\n';

describe('agent mode in the chat panel (real webview, fake model)', () => {
  let server: FakeLlmServer;

  before(async () => {
    server = await FakeLlmServer.start();
    await setSetting('providers', { fake: { kind: 'openai-compatible', label: 'Fake server', baseUrl: server.baseUrl, models: { chat: 'fake-chat' } } });
    await setSetting('provider', 'fake');
    await setSetting('agent.autoApplyEdits', true);
    const api = await tandemApi();
    await waitFor(() => api.config().provider.id === 'fake', 'the fake provider to be active');
    await vscode.commands.executeCommand('tandem.openChat');
    await waitFor(async () => (await api.chat.pagesLoaded()) > 0, 'the chat page to load');
    await api.chat.receive({ type: 'agentSetMode', mode: 'agent' });
  });

  after(async () => {
    const api = await tandemApi();
    await api.chat.receive({ type: 'agentSetMode', mode: 'ask' });
    await setSetting('agent.autoApplyEdits', undefined);
    await setSetting('agent.allowedCommands', undefined);
    await setSetting('provider', undefined);
    await setSetting('providers', undefined);
    await server.close();
  });

  beforeEach(async () => {
    server.reset();
    await (await tandemApi()).chat.receive({ type: 'agentNewTask' });
  });

  async function shown(test: (text: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
    const api = await tandemApi();
    return waitFor(async () => {
      const { transcript } = await api.chat.snapshot();
      return test(transcript) ? transcript : undefined;
    }, what, timeoutMs);
  }

  /** Answers the approval the agent waits for, as the card's button would. */
  async function approve(decision: 'run' | 'always' | 'deny'): Promise<void> {
    const api = await tandemApi();
    const agent = await api.chat.agent();
    const id = await waitFor(() => agent.state().pendingApproval, 'an approval card');
    await api.chat.receive({ type: 'agentApprove', id, decision });
  }

  it('reads, edits two files, runs a command with approval, reads the failure, fixes it and finishes; then restores byte for byte', async () => {
    const api = await tandemApi();
    const agent = await api.chat.agent();
    const originalMoney = read('src/money.ts');
    const money = originalMoney.toString('utf8');
    const firstLine = money.split('\n')[0] ?? '';
    for (const rule of nativeAgentSession([
      { calls: [{ name: 'read_file', args: { path: 'src/money.ts' } }] },
      { text: 'I will add a check script and a note.', calls: [
        { name: 'write_file', args: { path: 'scripts/check.cjs', content: check } },
        { name: 'write_file', args: { path: 'NOTES.md', content: '# Notes\n<img src=x onerror="window.__xss=1">\n' } },
      ] },
      { calls: [{ name: 'run_command', args: { command: 'node scripts/check.cjs' } }] },
      { text: 'The check fails; fixing money.ts.', calls: [{ name: 'apply_edits', args: { response: `src/money.ts\n<<<<<<< SEARCH\n${firstLine}\n=======\n${firstLine} // AGENT-FIXED\n>>>>>>> REPLACE` } }] },
      { calls: [{ name: 'run_command', args: { command: 'node scripts/check.cjs' } }] },
      { text: 'Done: **money.ts** is fixed and the check passes.' },
    ], { lastUser: 'fix the money check' })) server.addRule(rule);

    await api.chat.receive({ type: 'agentSend', text: 'fix the money check' });
    await approve('run');
    await shown((t) => t.includes('The check fails; fixing money.ts.'), 'the model reading the failure');
    await approve('run');
    const done = await shown((t) => /Summary/.test(t) && /Commands run \(2\)/.test(t), 'the final summary');
    await agent.settled();

    assert.match(done, /You\s+fix the money check/);
    assert.match(done, /Done: money\.ts is fixed and the check passes\./, 'the answer is rendered as Markdown');
    assert.match(done, /Files changed \(3\)/);
    assert.match(done, /node scripts\/check\.cjs exit 1/);
    assert.match(done, /node scripts\/check\.cjs exit 0/);
    assert.match(read('src/money.ts').toString('utf8'), /AGENT-FIXED/);
    // The failure went back to the model before it fixed anything.
    const chat = server.requests.filter((r) => r.path.endsWith('/chat/completions'));
    assert.match(JSON.stringify(chat[3]?.body), /FAIL: money\.ts is not fixed/);

    // Undo all of this task: back to the exact bytes, the created files removed.
    (await api.chat.agent()).answerConfirmations(true);
    try {
      await api.chat.receive({ type: 'agentRestore', step: 1 });
      await shown((t) => /Restored to before step 1/.test(t), 'the restore result');
    } finally {
      agent.answerConfirmations(undefined);
    }
    assert.deepEqual(read('src/money.ts'), originalMoney);
    assert.equal(existsSync(path.join(root(), 'NOTES.md')), false, 'a file the agent created is removed');
    assert.equal(existsSync(path.join(root(), 'scripts', 'check.cjs')), false);
  });

  it('a denied command is not run; the agent is told and adapts', async () => {
    const api = await tandemApi();
    for (const rule of nativeAgentSession([
      { calls: [{ name: 'run_command', args: { command: 'node -e "require(\'fs\').writeFileSync(\'ran.txt\', \'x\')"' } }] },
      { text: 'Understood, I will not run it. Here is the change to make instead.' },
    ], { lastUser: 'try a command' })) server.addRule(rule);
    await api.chat.receive({ type: 'agentSend', text: 'try a command' });
    await approve('deny');
    const done = await shown((t) => t.includes('I will not run it'), 'the agent adapting');
    await (await api.chat.agent()).settled();
    assert.match(done, /refused: the user declined to run/);
    assert.equal(existsSync(path.join(root(), 'ran.txt')), false, 'the denied command never ran');
    const chat = server.requests.filter((r) => r.path.endsWith('/chat/completions'));
    assert.match(JSON.stringify(chat[1]?.body), /Refused: the user declined to run/);
  });

  it('continues a task after the panel is rebuilt from disk, without redoing what ran', async () => {
    const api = await tandemApi();
    for (const rule of nativeAgentSession([
      { calls: [{ name: 'write_file', args: { path: 'resume.txt', content: 'written once\n' } }] },
      { calls: [{ name: 'run_command', args: { command: 'node -e "console.log(1)"' } }] },
      { calls: [{ name: 'run_command', args: { command: 'node -e "console.log(2)"' } }] },
      { text: 'Resumed and finished.' },
    ], { lastUser: 'resume me' })) server.addRule(rule);
    await api.chat.receive({ type: 'agentSend', text: 'resume me' });
    const before = await api.chat.agent();
    await waitFor(() => before.state().pendingApproval, 'the approval mid-task');
    const taskId = before.state().taskId;

    await before.reopen(); // as a window reload: a new panel from what is on disk
    const after = await api.chat.agent();
    assert.equal(after.state().taskId, taskId);
    const stopped = await shown((t) => /Continue/.test(t) && t.includes('resume me'), 'the task where it stopped, with Continue');
    assert.match(stopped, /Stopped by you/);

    await api.chat.receive({ type: 'agentContinue', raise: false });
    await approve('run');
    const done = await shown((t) => t.includes('Resumed and finished.'), 'the resumed task to finish');
    await after.settled();
    assert.match(done, /Resumed/);
    assert.equal(read('resume.txt').toString('utf8'), 'written once\n');
    const writes = server.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
    assert.equal(writes, 4, 'one model turn per scripted step: nothing was asked again');
  });
});
