import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { FakeLlmServer } from '../support/fakeLlm';
import { tandemApi } from './tandemApi';
import { waitFor } from './waitFor';
import { dropFakeProvider, useFakeProvider } from './fakeProvider';

interface GitApi { openRepository(root: vscode.Uri): Promise<{ rootUri: vscode.Uri } | null> }
interface Outcome { findings: Array<{ id: string; path: string; line: number; severity: string; hasFix: boolean; message: string }>; reviewed: string[] }
interface ThreadRow { id: string; uri: string; line: number; state: string; label: string; contextValue: string }

const original = 'export function average(values: number[]): number {\n  return 0;\n}\n';
const changed = 'export function average(values: number[]): number {\n  let total = 0;\n  for (let i = 0; i <= values.length; i++) total += values[i];\n  return total / values.length;\n}\n';
const reply = `<finding>
file: stats.ts
line: 3
severity: error
category: bug
message: The loop reads one past the end of values.
explanation: values[values.length] is undefined, so the average is NaN.
<fix>
<<<<<<< SEARCH
  for (let i = 0; i <= values.length; i++) total += values[i];
=======
  for (let i = 0; i < values.length; i++) total += values[i];
>>>>>>> REPLACE
</fix>
</finding>
<finding>
file: stats.ts
line: 1
severity: warning
category: test-gap
message: average() has no test for an empty list.
</finding>
<finding>
file: stats.ts
line: 40
severity: error
category: bug
message: On a line the change did not touch.
</finding>`;

describe('Review Changes (real Git extension, comment threads, against the fake server)', () => {
  let server: FakeLlmServer;
  let root: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });
  const threads = () => vscode.commands.executeCommand<ThreadRow[]>('tandem.reviewChanges.threads');

  before(async function () {
    this.timeout(60_000);
    ({ server } = await useFakeProvider());
    root = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'review-repo');
    mkdirSync(root, { recursive: true });
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'dev@example.com');
    git('config', 'user.name', 'Dev');
    writeFileSync(path.join(root, 'stats.ts'), original);
    git('add', '.');
    git('commit', '-q', '-m', 'stats');
    writeFileSync(path.join(root, 'stats.ts'), changed);
    git('add', 'stats.ts');
    const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
    assert.ok(extension, 'the built-in Git extension is present');
    const gitApi = (await extension.activate()).getAPI(1);
    await waitFor(() => gitApi.openRepository(vscode.Uri.file(root)), 'Git to open the repository', 20_000);
  });

  after(async () => {
    for (const row of (await threads()) ?? []) await vscode.commands.executeCommand('tandem.reviewChanges.dismiss', row.id);
    for (let tries = 0; tries < 5 && (await (await tandemApi()).review.snapshot()).reviews.length > 0; tries++) await vscode.commands.executeCommand('tandem.review.rejectAll');
    await dropFakeProvider(server);
  });

  it('reviews the staged diff and shows threads on the changed lines only; Apply Fix opens the review; dismiss removes a thread', async function () {
    this.timeout(60_000);
    server.addRule({ match: { lastUser: 'Review this change' }, reply: { text: reply } });
    const outcome = await vscode.commands.executeCommand<Outcome>('tandem.reviewChanges', { scope: 'staged', repository: vscode.Uri.file(root) });
    assert.ok(outcome, 'the review ran');
    assert.deepEqual(outcome.reviewed, ['stats.ts']);
    assert.deepEqual(outcome.findings.map((f) => [f.path, f.line, f.severity, f.hasFix]), [['stats.ts', 1, 'warning', false], ['stats.ts', 3, 'error', true]]);
    const prompt = JSON.stringify(server.requests.find((r) => r.path.endsWith('/chat/completions'))?.body);
    assert.match(prompt, /3 \+ {3}for \(let i = 0; i <= values\.length/, 'the staged change was sent with new-file line numbers');

    const shown = await threads();
    const fileUri = vscode.Uri.file(path.join(root, 'stats.ts')).toString();
    assert.deepEqual(shown.map((t) => [t.uri, t.line, t.state]), [[fileUri, 1, 'unresolved'], [fileUri, 3, 'unresolved']]);
    assert.match(shown[1]!.label, /error · Bug/);
    assert.deepEqual(shown.map((t) => t.contextValue), ['tandemFinding-unresolved', 'tandemFinding-fixable-unresolved'], 'Apply Fix only on the thread with a fix');

    const bug = outcome.findings.find((f) => f.hasFix)!;
    assert.equal(await vscode.commands.executeCommand('tandem.reviewChanges.applyFix', bug.id), true);
    const api = await tandemApi();
    const opened = await waitFor(async () => (await api.review.snapshot()).reviews.find((r) => r.title.startsWith('Fix: ')), 'the fix to open in the review');
    assert.equal(opened.files[0]!.uri, fileUri);
    assert.match(opened.files[0]!.text, /i < values\.length/);
    await vscode.commands.executeCommand('tandem.review.rejectAll');

    const gap = outcome.findings.find((f) => !f.hasFix)!;
    assert.equal(await vscode.commands.executeCommand('tandem.reviewChanges.dismiss', gap.id), true);
    assert.deepEqual((await threads()).map((t) => t.line), [3]);
    assert.equal(await vscode.commands.executeCommand('tandem.reviewChanges.resolve', bug.id), true);
    assert.deepEqual((await threads()).map((t) => [t.state, t.contextValue]), [['resolved', 'tandemFinding-fixable-resolved']]);
  });

  it('/review in the chat runs the review and answers with the counts and a link to each finding', async function () {
    this.timeout(60_000);
    server.addRule({ match: { lastUser: 'Review this change' }, reply: { text: reply } });
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(root, 'stats.ts')));
    await vscode.commands.executeCommand('tandem.openChat');
    const api = await tandemApi();
    await waitFor(async () => (await api.chat.pagesLoaded()) > 0, 'the chat page to load');
    await api.chat.receive({ type: 'send', text: '/review staged', editing: false });
    const transcript = await waitFor(async () => {
      const { transcript: text } = await api.chat.snapshot();
      return /Review of the staged changes/.test(text) ? text : undefined;
    }, 'the review summary in the chat');
    assert.match(transcript, /1 error, 1 warning/);
    assert.match(transcript, /review-repo\/stats\.ts:3/);
    assert.equal((await threads()).filter((t) => t.state === 'unresolved').length, 2, 'the threads are back on the re-reviewed file');
  });

  it('is offered in the Source Control title bar and comment thread title', () => {
    const manifest = vscode.extensions.getExtension('tandem-dev.tandem')!.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when?: string }>> } };
    assert.ok(manifest.contributes.menus['scm/title']!.some((m) => m.command === 'tandem.reviewChanges' && m.when === 'scmProvider == git'));
    assert.deepEqual(manifest.contributes.menus['comments/commentThread/title']!.map((m) => m.command), ['tandem.reviewChanges.applyFix', 'tandem.reviewChanges.resolve', 'tandem.reviewChanges.dismiss']);
  });
});
