import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TandemApi } from '../../src/extension';
import { FakeLlmServer, unusedPort } from '../support/fakeLlm';
import { setSetting, tandemApi } from './tandemApi';
import { waitFor } from './waitFor';

/** Completion requests the fake server received (not health checks or model lists). */
const completionRequests = (server: FakeLlmServer) => server.requests.filter((r) => r.path.startsWith('/v1/completions'));

/** The id of the provider's latest call: later calls have larger ids. */
const lastCallId = (api: TandemApi) => api.completions.calls().at(-1)?.id ?? 0;

/** The provider's calls for this editor's document since `mark` (untitled documents reuse URIs). */
const callsSince = (api: TandemApi, editor: vscode.TextEditor, mark: number) =>
  api.completions.calls().filter((c) => c.id > mark && c.uri === editor.document.uri.toString());

async function openEditor(language: string, content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  const editor = await vscode.window.showTextDocument(document);
  const end = document.lineAt(document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  return editor;
}

/** Asks for ghost text until the provider has answered this document with items matching `want`. */
async function suggestion(api: TandemApi, editor: vscode.TextEditor, want: (insertText: string) => boolean, what: string) {
  const mark = lastCallId(api);
  return waitFor(async () => {
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    return callsSince(api, editor, mark).find((c) => c.items?.some((i) => want(i.insertText)));
  }, what);
}

/** Asks for ghost text until the provider has been called for this document. */
async function anyCall(api: TandemApi, editor: vscode.TextEditor, what: string) {
  const mark = lastCallId(api);
  return waitFor(async () => {
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    return callsSince(api, editor, mark)[0];
  }, what);
}

/** Commits the ghost text as Tab would, retrying until the workbench has rendered it. */
async function commitUntil(editor: vscode.TextEditor, line: number, expected: string): Promise<void> {
  await waitFor(async () => {
    if (editor.document.lineAt(line).text !== expected) await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
    return editor.document.lineAt(line).text === expected;
  }, `line ${line} to read ${JSON.stringify(expected)}`);
}

describe('inline completions (against the fake server)', () => {
  let server: FakeLlmServer;
  let api: TandemApi;
  const completionRule = () => server.addRule({ match: { endpoint: 'completions', prompt: /const total = $/ }, reply: { text: 'computeTotal(items);' } });

  before(async () => {
    server = await FakeLlmServer.start({ models: ['fake-chat', 'fake-coder'] });
    await setSetting('providers', { fake: { kind: 'openai-compatible', label: 'Fake server', baseUrl: server.baseUrl, models: { chat: 'fake-chat', completion: 'fake-coder' } } });
    await setSetting('provider', 'fake');
    api = await tandemApi();
    await waitFor(() => api.config().provider.baseUrl === server.baseUrl, 'the fake provider to be active');
  });

  beforeEach(() => {
    server.reset();
    completionRule();
  });

  afterEach(async () => {
    while (vscode.window.activeTextEditor) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  after(async () => {
    await setSetting('provider', undefined);
    await setSetting('providers', undefined);
    await server.close();
  });

  it('shows the fake model\'s suggestion as ghost text and inserts it on commit (Tab)', async () => {
    const editor = await openEditor('typescript', 'const items = [1, 2, 3];\nconst total = ');
    const call = await suggestion(api, editor, (t) => t === 'computeTotal(items);', 'the suggestion from the fake server');
    assert.equal(call.items?.[0]?.source, 'network');
    const [request] = completionRequests(server);
    assert.ok(request, 'one /v1/completions request');
    assert.equal((request.body as { model?: string }).model, 'fake-coder', 'the completion model, not the chat model');

    await commitUntil(editor, 1, 'const total = computeTotal(items);');
    await waitFor(() => api.completions.stats().accepted >= 1, 'the acceptance to be counted');
    assert.ok(api.completions.stats().shown >= 1);
  });

  it('serves typed-through keystrokes from the shown suggestion without a new request', async () => {
    const editor = await openEditor('typescript', 'const items = [4, 5];\nconst total = ');
    await suggestion(api, editor, (t) => t === 'computeTotal(items);', 'the first suggestion');
    assert.equal(completionRequests(server).length, 1);
    const hitsBefore = api.completions.stats();

    await vscode.commands.executeCommand('type', { text: 'comp' });
    await waitFor(() => editor.document.lineAt(1).text === 'const total = comp', 'the typed text');
    const call = await suggestion(api, editor, (t) => t === 'uteTotal(items);', 'the rest of the suggestion');
    assert.notEqual(call.items?.[0]?.source, 'network');
    assert.equal(completionRequests(server).length, 1, 'no new request for typed-through keystrokes');
    const after = api.completions.stats();
    assert.ok(after.typedThroughHits + after.cacheHits > hitsBefore.typedThroughHits + hitsBefore.cacheHits, 'counted as a hit');

    await commitUntil(editor, 1, 'const total = computeTotal(items);');
  });

  it('after a whole accept, the next suggestion is already asked for (prefetch): ghost text with no new request', async () => {
    server.addRule({ match: { endpoint: 'completions', prompt: /computeTotal\(items\);$/ }, reply: { text: ' // the sum of the items' } });
    const editor = await openEditor('typescript', 'const items = [7, 8];\nconst total = ');
    await suggestion(api, editor, (t) => t === 'computeTotal(items);', 'the first suggestion');
    const prefetchesBefore = api.completions.stats().prefetches;
    await commitUntil(editor, 1, 'const total = computeTotal(items);');
    await waitFor(() => api.completions.stats().prefetches > prefetchesBefore, 'the prefetch after the accept');
    await waitFor(() => completionRequests(server).length === 2, 'the prefetch request at the server');
    const call = await suggestion(api, editor, (t) => t === ' // the sum of the items', 'the prefetched suggestion');
    assert.notEqual(call.items?.[0]?.source, 'network');
    assert.equal(completionRequests(server).length, 2, 'no request beyond the prefetch');
    assert.ok(api.completions.stats().prefetchHits >= 1);
  });

  it('with tandem.completions.prefetch off, an accept starts no prefetch; the next ghost text is asked for as usual', async () => {
    await setSetting('completions.prefetch', false);
    try {
      await waitFor(() => api.config().completions.prefetch === false, 'the setting to be read');
      server.addRule({ match: { endpoint: 'completions', prompt: /computeTotal\(items\);$/ }, reply: { text: ' // the sum of the items' } });
      const editor = await openEditor('typescript', 'const items = [9, 10];\nconst total = ');
      await suggestion(api, editor, (t) => t === 'computeTotal(items);', 'the first suggestion');
      const before = api.completions.stats();
      await commitUntil(editor, 1, 'const total = computeTotal(items);');
      await waitFor(() => api.completions.stats().accepted > before.accepted, 'the acceptance to be counted');
      await new Promise((resolve) => setTimeout(resolve, 300)); // a prefetch starts at once after the accept
      assert.equal(api.completions.stats().prefetches, before.prefetches, 'no prefetch after the accept');
      await suggestion(api, editor, (t) => t === ' // the sum of the items', 'the next suggestion');
      const after = api.completions.stats();
      assert.deepEqual({ prefetches: after.prefetches, hits: after.prefetchHits }, { prefetches: before.prefetches, hits: before.prefetchHits });
      assert.ok(completionRequests(server).some((r) => /computeTotal\(items\);$/.test(String((r.body as { prompt?: string }).prompt))), 'asked for at the new cursor position');
    } finally {
      await setSetting('completions.prefetch', undefined);
    }
  });

  it('gives a language turned off in tandem.completions.languages nothing, and says so in the status bar', async () => {
    const editor = await openEditor('markdown', 'Notes\nconst total = ');
    const call = await anyCall(api, editor, 'the provider to be asked for markdown');
    assert.equal(call.verdict, 'languageOff');
    assert.equal(call.items, undefined);
    assert.equal(completionRequests(server).length, 0, 'no request for a disabled language');
    await waitFor(() => api.completions.statusBar().text === '$(circle-slash) Completions', 'the status bar to show completions off');
    assert.match(api.completions.statusBar().tooltip, /off for markdown/);
    assert.equal(editor.document.lineAt(1).text, 'const total = ');
  });

  it('turns completions off everywhere with tandem.completions.enabled', async () => {
    await setSetting('completions.enabled', false);
    try {
      await waitFor(() => !api.config().completions.enabled, 'the setting to apply');
      const editor = await openEditor('typescript', 'const total = ');
      const call = await anyCall(api, editor, 'the provider to be asked');
      assert.equal(call.verdict, 'disabled');
      assert.equal(completionRequests(server).length, 0);
    } finally {
      await setSetting('completions.enabled', undefined);
    }
  });

  it('renders the stats as a read-only Markdown page, shown in the Markdown preview (not as raw Markdown)', async () => {
    await vscode.commands.executeCommand('tandem.showCompletionStats');
    const tab = await waitFor(() => {
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      return active?.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(active.input.viewType) ? active : undefined;
    }, 'the rendered stats page');
    assert.match(tab.label, /Completion Stats/);
    assert.notEqual(vscode.window.activeTextEditor?.document.uri.scheme, 'tandem-stats', 'the Markdown source is not what is shown');
    const text = (await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'tandem-stats', path: '/Completion Stats.md' }))).getText();
    const stats = api.completions.stats();
    assert.match(text, /^# Tandem completion stats/);
    assert.ok(text.includes(`| Requests sent to the model | ${stats.requests} |`), text);
    assert.ok(text.includes(`| Suggestions accepted | ${stats.accepted} (`), text);
    assert.match(text, /\| Tandem's overhead \(beyond debounce and model\) \| [\d.]+ ms \| [\d.]+ ms \| \d+ \|/);
    assert.match(text, /nothing is sent anywhere/);
  });

  it('with the server down shows no ghost text and one quiet warning in the status bar, without retrying on every keystroke', async () => {
    const port = await unusedPort();
    await setSetting('providers', { fake: { kind: 'openai-compatible', baseUrl: `http://127.0.0.1:${port}/v1`, models: { chat: 'fake-chat', completion: 'fake-coder' } } });
    try {
      await waitFor(() => api.config().provider.baseUrl.includes(String(port)), 'the dead base URL');
      const before = api.completions.stats();
      const editor = await openEditor('typescript', 'const items = [7];\nconst total = ');
      const mark = lastCallId(api);
      await waitFor(async () => {
        await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
        return api.completions.statusBar().warning;
      }, 'the status bar warning', 15_000);
      assert.equal(api.completions.statusBar().text, '$(warning) Completions');
      assert.match(api.completions.statusBar().tooltip, new RegExp(`Paused: the model server fails \\(.*127\\.0\\.0\\.1:${port}`));

      // More keystrokes while it is down: still no ghost text, and the backoff holds requests back.
      for (const text of ['c', 'o', 'm']) {
        await vscode.commands.executeCommand('type', { text });
        await anyCall(api, editor, 'the provider to be asked again');
      }
      const calls = callsSince(api, editor, mark);
      assert.ok(calls.length >= 4);
      assert.ok(calls.every((c) => c.items === undefined), 'no ghost text');
      const after = api.completions.stats();
      // The backoff pauses 5 s after the first failure (then 10 s): a slow run may see a second one, never a flood.
      const failures = after.errors - before.errors;
      assert.ok(failures >= 1 && failures <= 2, `${failures} failed requests`);
      assert.equal(api.completions.statusBar().warning, true);
    } finally {
      await setSetting('providers', { fake: { kind: 'openai-compatible', baseUrl: server.baseUrl, models: { chat: 'fake-chat', completion: 'fake-coder' } } });
    }
    // Back up: the warning clears with the rebuilt engine and ghost text returns.
    await waitFor(() => !api.completions.statusBar().warning, 'the warning to clear');
    const editor = await openEditor('typescript', 'const items = [8];\nconst total = ');
    await suggestion(api, editor, (t) => t === 'computeTotal(items);', 'a suggestion once the server is back');
  });
});
