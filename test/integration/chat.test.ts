import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { HistoryStore } from '../../src/core/chat/historyStore';
import { FakeLlmServer } from '../support/fakeLlm';
import { tandemApi } from './tandemApi';
import { waitFor } from './waitFor';
import { dropFakeProvider, useFakeProvider } from './fakeProvider';

const answer = 'The total is **correct**.\n\n```ts\nexport const cents = 100;\n```\n\nAnything else?';

describe('chat panel (real webview, against the fake server)', () => {
  let server: FakeLlmServer;

  before(async () => {
    ({ server } = await useFakeProvider());
  });

  after(async () => {
    await dropFakeProvider(server);
  });

  beforeEach(() => server.reset());

  /** Chat requests only (the health monitor also asks the server for its models). */
  const chatRequests = () => server.requests.filter((r) => r.path.endsWith('/chat/completions'));

  /** Polls what the webview shows until `test` passes on its transcript. */
  async function shown(test: (transcript: string) => boolean, what: string) {
    const api = await tandemApi();
    return waitFor(async () => {
      const snapshot = await api.chat.snapshot();
      return test(snapshot.transcript) ? snapshot : undefined;
    }, what);
  }

  it('opens the Chat view with the selection attached, sends a message and shows the streamed answer', async () => {
    const api = await tandemApi();
    const money = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'src', 'money.ts');
    const editor = await vscode.window.showTextDocument(money);
    editor.selection = new vscode.Selection(0, 0, 2, 0);
    server.setOptions({ tokensPerSecond: 300 });
    server.addRule({ match: { lastUser: 'is the total right' }, reply: { text: answer } });

    await vscode.commands.executeCommand('tandem.openChat');
    await waitFor(async () => (await api.chat.pagesLoaded()) > 0, 'the chat page to load');
    const chips = await waitFor(async () => (await api.chat.snapshot()).chips.find((c) => c.startsWith('money.ts:1-2 ')), 'the selection chip');
    assert.match(chips, /^money\.ts:1-2 \d+$/);

    await api.chat.receive({ type: 'send', text: 'is the total right?', editing: false });
    const done = await shown((t) => t.includes('Anything else?') && /first token/.test(t), 'the answer and its footer');
    assert.match(done.transcript, /You\s+With money\.ts:1-2\s+is the total right\?\s+Edit\s+Tandem\s+The total is correct\./);
    assert.match(done.transcript, /ts\s+Copy\s*Insert\s*Apply\s+export const cents = 100;/);
    assert.match(done.transcript, /fake-chat · first token [\d.]+ m?s · total [\d.]+ m?s · \d+ in \/ \d+ out tokens\s+Regenerate$/);
    const prompt = (chatRequests()[0]?.body as { messages: Array<{ content: string }> }).messages.at(-1)?.content ?? '';
    assert.match(prompt, /#### money\.ts:1-2\n```typescript\n\/\*\* Amounts are integer cents/, 'the selection went with the question');
  });

  it('stops mid-answer: the connection closes and the panel says so', async () => {
    const api = await tandemApi();
    server.setOptions({ tokensPerSecond: 40 });
    server.addRule({ reply: { text: 'slowly '.repeat(400) } });
    const sending = api.chat.receive({ type: 'send', text: 'tell me a long story', editing: false });
    await shown((t) => /tell me a long story\s+Tandem\s+slowly/.test(t), 'the first words of the answer');
    await api.chat.receive({ type: 'stop' });
    await sending;
    const request = chatRequests()[0];
    await request?.closed;
    assert.equal(request?.aborted, true, 'the fake server saw the client close the connection');
    const stopped = await shown((t) => t.includes('Stopped.'), 'the stopped marker');
    assert.ok((stopped.transcript.match(/slowly/g) ?? []).length < 400, 'the answer was cut short');
  });

  it('keeps the conversation when the view is reloaded, and on disk', async () => {
    const api = await tandemApi();
    const loads = await api.chat.pagesLoaded();
    await vscode.commands.executeCommand('workbench.action.webview.reloadWebviewAction');
    await waitFor(async () => (await api.chat.pagesLoaded()) > loads, 'the page to load again');
    const after = await shown((t) => t.includes('is the total right?') && t.includes('Stopped.'), 'the earlier messages after the reload');
    assert.match(after.transcript, /Anything else\?/);

    const store = new HistoryStore(api.chat.historyDir());
    const id = await store.currentId();
    const saved = id ? await store.load(id) : undefined;
    assert.equal(saved?.title, 'is the total right?');
    assert.deepEqual(saved?.turns.map((t) => `${t.role}:${t.status ?? ''}`), ['user:', 'assistant:done', 'user:', 'assistant:stopped']);
  });

  it('Apply places a changed function through the edit engine into the review; nothing is written before Accept', async () => {
    const api = await tandemApi();
    const money = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'src', 'money.ts');
    const original = (await vscode.workspace.openTextDocument(money)).getText();
    // One changed function, as models answer: the engine finds where it goes (no whole-file replace).
    const snippet = [
      '/** Formats cents as a decimal string with two places: -4210 -> "-42.10". */',
      'export function formatMoney(cents: Cents): string {',
      '  const sign = cents < 0 ? \'-\' : \'\';',
      '  const absolute = Math.abs(Math.round(cents));',
      '  const whole = Math.floor(absolute / 100);',
      '  const fraction = String(absolute % 100).padStart(2, \'0\');',
      '  return `${sign}${whole}.${fraction}`;',
      '}',
      '',
    ].join('\n');
    await api.chat.receive({ type: 'codeAction', action: 'apply', code: snippet, language: 'ts', path: 'src/money.ts' });

    const file = await waitFor(async () => (await api.review.snapshot()).reviews.find((r) => r.origin === 'chat')?.files.find((f) => f.hunks.length > 0), 'a chat review with its hunk');
    assert.equal(file.uri, money.toString());
    assert.deepEqual(file.hunks.map((h) => [h.oldLines, h.newLines]), [[['  const absolute = Math.abs(cents);'], ['  const absolute = Math.abs(Math.round(cents));']]]);
    assert.equal((await vscode.workspace.openTextDocument(money)).getText(), original, 'nothing written before Accept');

    await vscode.commands.executeCommand('tandem.review.acceptAll', vscode.Uri.parse(file.reviewUri));
    const document = await vscode.workspace.openTextDocument(money);
    await waitFor(() => document.getText() !== original, 'the accepted change in the file');
    assert.equal(document.getText(), original.replace('Math.abs(cents)', 'Math.abs(Math.round(cents))'));

    await vscode.commands.executeCommand('undo');
    await waitFor(() => document.getText() === original, 'one undo to restore the file');
    await document.save();
  });

  it('Apply refuses a short block that matches no part of the file instead of replacing the file with it', async () => {
    const api = await tandemApi();
    const money = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'src', 'money.ts');
    const original = (await vscode.workspace.openTextDocument(money)).getText();
    const before = (await api.review.snapshot()).reviews.length;
    await api.chat.receive({ type: 'codeAction', action: 'apply', code: 'export const ZERO: Cents = 0;\n', language: 'ts', path: 'src/money.ts' });
    assert.equal((await api.review.snapshot()).reviews.length, before, 'no review opened');
    assert.equal((await vscode.workspace.openTextDocument(money)).getText(), original);
  });

  it('Apply All Edits puts every file of a multi-file answer into one review, new files included', async () => {
    const api = await tandemApi();
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    const money = vscode.Uri.joinPath(root, 'src', 'money.ts');
    const zero = vscode.Uri.joinPath(root, 'src', 'zero.ts');
    const original = (await vscode.workspace.openTextDocument(money)).getText();
    const multiFile = [
      'Two changes:', '', 'src/money.ts', '```ts', '<<<<<<< SEARCH', '  const absolute = Math.abs(cents);', '=======', '  const absolute = Math.abs(Math.round(cents));', '>>>>>>> REPLACE', '```', '',
      '```ts src/zero.ts', "import type { Cents } from './money';", '', 'export const ZERO: Cents = 0;', '```',
    ].join('\n');
    server.addRule({ match: { lastUser: 'round and add zero' }, reply: { text: multiFile } });
    await api.chat.receive({ type: 'send', text: 'round and add zero', editing: false });
    await shown((t) => t.includes('Apply All Edits'), 'the Apply All Edits button under the answer');
    const store = new HistoryStore(api.chat.historyDir());
    const saved = await store.load((await store.currentId())!);
    const answer = saved?.turns.filter((t) => t.role === 'assistant').at(-1);
    assert.ok(answer);

    await api.chat.receive({ type: 'applyAnswer', turnId: answer.id });
    const review = await waitFor(async () => (await api.review.snapshot()).reviews.find((r) => r.origin === 'chat' && r.files.length === 2 && r.files.every((f) => f.hunks.length > 0)), 'one review with both files');
    assert.deepEqual(review.files.map((f) => [f.uri, f.created]), [[money.toString(), false], [zero.toString(), true]]);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(zero)), 'the new file does not exist before Accept');

    await vscode.commands.executeCommand('tandem.review.acceptAll', review.id);
    await waitFor(async () => (await vscode.workspace.fs.stat(zero).then(() => true, () => false)), 'the new file');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(zero)), "import type { Cents } from './money';\n\nexport const ZERO: Cents = 0;\n");
    const document = await vscode.workspace.openTextDocument(money);
    await waitFor(() => document.getText() === original.replace('Math.abs(cents)', 'Math.abs(Math.round(cents))'), 'the edit in money.ts');

    // Put the workspace back for the tests after this one.
    const restore = new vscode.WorkspaceEdit();
    restore.replace(money, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), original);
    restore.deleteFile(zero);
    await vscode.workspace.applyEdit(restore);
    await document.save();
  });

  it('Insert puts the code at the cursor of the editor the user was in', async () => {
    const api = await tandemApi();
    const ledger = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'src', 'ledger.ts');
    const editor = await vscode.window.showTextDocument(ledger);
    const original = editor.document.getText();
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('tandem.openChat');
    await api.chat.receive({ type: 'codeAction', action: 'insert', code: '// inserted by Tandem\n', language: 'ts' });
    await waitFor(() => editor.document.getText().startsWith('// inserted by Tandem\n'), 'the code at the cursor');
    assert.equal(editor.document.getText(), `// inserted by Tandem\n${original}`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('attaches a workspace file as a chip with its token count, but never an ignored one', async () => {
    const api = await tandemApi();
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, '.env'), new TextEncoder().encode('API_KEY=sk-not-for-the-model\n'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, 'node_modules', 'dep', 'index.js'), new TextEncoder().encode('module.exports = 1;\n'));
    await api.chat.receive({ type: 'addFile', path: '.env' });
    await api.chat.receive({ type: 'addFile', path: 'node_modules/dep/index.js' });
    await api.chat.receive({ type: 'addFile', path: '../outside.txt' });
    await api.chat.receive({ type: 'addFile', path: 'src/ledger.ts' });
    const chips = await waitFor(async () => {
      const shown = (await api.chat.snapshot()).chips;
      return shown.some((c) => c.startsWith('src/ledger.ts ')) ? shown : undefined;
    }, 'the file chip');
    assert.match(chips.find((c) => c.startsWith('src/ledger.ts ')) ?? '', /^src\/ledger\.ts \d+$/);
    assert.deepEqual(chips.filter((c) => /\.env|dep|outside/.test(c)), [], 'tandem.ignore (.env), .gitignore (node_modules/) and paths outside the workspace are refused');
    await api.chat.receive({ type: 'removeContext', id: 'file:src/ledger.ts' });
    await waitFor(async () => !(await api.chat.snapshot()).chips.some((c) => c.startsWith('src/ledger.ts')), 'the chip to be removed');
  });

  it('shows a server error inline with the buttons that fix it, and drops invalid messages', async () => {
    const api = await tandemApi();
    server.addRule({ fault: { kind: 'status', status: 401 } });
    await api.chat.receive({ type: 'runCommand', command: 'workbench.action.quit' });
    await api.chat.receive({ type: 'send', text: 'are you there?', editing: false });
    const failed = await shown((t) => t.includes('Authentication failed'), 'the error in the conversation');
    assert.match(failed.transcript, /Authentication failed at 127\.0\.0\.1:\d+ \(HTTP 401\)[^\n]*\s+Set API Key\s*Show Log/);
    assert.equal(failed.input, 'are you there?', 'the unsent text is back in the input');
  });

  it('takes a question from another feature (tandem.askInChat) with its attached context', async () => {
    server.addRule({ match: { lastUser: 'Explain these test failures' }, reply: { text: 'The sum is off by one.' } });
    await vscode.commands.executeCommand('tandem.askInChat', { text: 'Explain these test failures', context: [{ label: 'Test output', content: 'not ok 1 - adds two numbers\n  expected 3, got 4' }] });
    // The panel may still be loading when the question is sent: its state arrives a moment later.
    await shown((t) => /With Test output\s+Explain these test failures\s+Edit\s+Tandem\s+The sum is off by one\./.test(t), 'the handed-over question with its context chip, and the answer');
    const prompt = JSON.stringify(chatRequests().at(-1)?.body);
    assert.match(prompt, /expected 3, got 4/, 'the attached output went with the question');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('tandem.askInChat', { text: '' })), /"text" must be a non-empty string/);
  });

  it('does not attach a selection in .env or another ignored file', async () => {
    const api = await tandemApi();
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    const env = vscode.Uri.joinPath(root, '.env');
    await vscode.workspace.fs.writeFile(env, new TextEncoder().encode('DATABASE_URL=postgres://app:hunter2@db/app\nPORT=8080\n'));
    try {
      // Control: a selection in an ordinary file is attached.
      const money = await vscode.window.showTextDocument(vscode.Uri.joinPath(root, 'src', 'money.ts'), { preview: false });
      money.selection = new vscode.Selection(0, 0, 2, 0);
      await vscode.commands.executeCommand('tandem.openChat');
      await waitFor(async () => (await api.chat.pagesLoaded()) > 0, 'the chat page to load');
      await waitFor(async () => (await api.chat.snapshot()).chips.some((chip) => chip.startsWith('money.ts:1-2 ')), 'the money.ts selection chip');

      const editor = await vscode.window.showTextDocument(env);
      editor.selection = new vscode.Selection(0, 0, 2, 0);
      await vscode.commands.executeCommand('tandem.openChat');
      await waitFor(async () => !(await api.chat.snapshot()).chips.some((chip) => chip.startsWith('money.ts')), 'the money.ts chip to go with the editor switch');
      await new Promise((resolve) => setTimeout(resolve, 500)); // past the selection tracker's settle time
      const { chips } = await api.chat.snapshot();
      assert.ok(!chips.some((chip) => chip.startsWith('.env')), `no chip for the .env selection: ${JSON.stringify(chips)}`);

      // #editors names the open .env as left out but sends none of it.
      server.addRule({ match: { lastUser: 'what is open' }, reply: { text: 'Some files.' } });
      await api.chat.receive({ type: 'addOpenEditors' });
      await api.chat.receive({ type: 'send', text: 'what is open', editing: false });
      await shown((t) => t.includes('Some files.'), 'the answer');
      const prompt = JSON.stringify(chatRequests().at(-1)?.body);
      assert.match(prompt, /--- src\/money\.ts ---/, 'the other open editor went with the question');
      assert.doesNotMatch(prompt, /DATABASE_URL|hunter2/, 'nothing of .env was sent');
    } finally {
      await vscode.workspace.fs.delete(env);
    }
  });

  it('exports the conversation as Markdown', async () => {
    await vscode.commands.executeCommand('tandem.exportChat');
    const document = await waitFor(() => {
      const active = vscode.window.activeTextEditor?.document;
      return active?.languageId === 'markdown' && active.isUntitled ? active : undefined;
    }, 'the exported document');
    assert.match(document.getText(), /^# is the total right\?\n\n_Exported from Tandem on .+ UTC\._\n\n## You\n\n> Context: money\.ts:1-2\n\nis the total right\?\n\n## Tandem\n\nThe total is \*\*correct\*\*\./);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('offers the configured model to vscode.lm where the host has that API, answering through the fake server', async function () {
    const host = vscode as unknown as { lm?: HostLm; LanguageModelChatMessage?: { User(text: string): unknown } };
    if (!host.lm?.selectChatModels || !host.LanguageModelChatMessage) return this.skip();
    const models = await waitFor(async () => {
      const found = await host.lm!.selectChatModels({ vendor: 'tandem' });
      return found.length ? found : undefined;
    }, 'Tandem models in vscode.lm');
    assert.deepEqual(models.map((m) => [m.id, m.name, m.vendor]), [['fake/fake-chat', 'fake-chat', 'tandem']]);
    server.addRule({ match: { lastUser: 'through the host' }, reply: { text: 'answered through vscode.lm' } });
    const response = await models[0]!.sendRequest([host.LanguageModelChatMessage.User('through the host')], {});
    let text = '';
    for await (const part of response.text) text += part;
    assert.equal(text, 'answered through vscode.lm');
  });

  it('answers @tandem in the host\'s own Chat view where the host has one, with the panel\'s commands', async function () {
    if (!(vscode as unknown as { chat?: { createChatParticipant?: unknown } }).chat?.createChatParticipant) return this.skip();
    server.addRule({ match: { lastUser: 'through the participant' }, reply: { text: 'answered as @tandem' } });
    // Ask mode: Agent mode only offers models with tool calling, which Tandem's models do not declare.
    await vscode.commands.executeCommand('workbench.action.chat.open', { query: '@tandem /explain through the participant', mode: 'ask', modelSelector: { vendor: 'tandem' } });
    const request = await waitFor(() => chatRequests().find((r) => JSON.stringify(r.body).includes('through the participant')), 'the participant to ask the fake server', 15_000);
    const messages = (request.body as { messages: Array<{ role: string; content: string }> }).messages;
    assert.match(messages[0]?.content ?? '', /^You are Tandem/);
    assert.match(messages.at(-1)?.content ?? '', /Explain what the attached code does[\s\S]*through the participant$/);
  });
});

/** The slice of `vscode.lm` this test calls (absent from our 1.82 typings). */
interface HostLm {
  selectChatModels(selector: { vendor: string }): Thenable<Array<{
    id: string; name: string; vendor: string;
    sendRequest(messages: unknown[], options: object): Thenable<{ text: AsyncIterable<string> }>;
  }>>;
}
