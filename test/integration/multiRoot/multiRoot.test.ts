import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TandemApi } from '../../../src/extension';
import type { FakeLlmServer } from '../../support/fakeLlm';
import { assertSendsRestockShelfSummary, completionRequestAt } from '../completionPrompt';
import { dropFakeProvider, useFakeProvider } from '../fakeProvider';
import { writeScratch } from '../scratchFiles';
import { waitFor } from '../waitFor';

// Runs in a .code-workspace of two folders: pocket-ledger (the sample) and shelf-keeper, whose
// src/shelf.ts defines restockShelf. Each folder has its own index.

function secondFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[1];
  assert.ok(folder, 'a second workspace folder');
  return folder.uri;
}

describe('multi-root workspace: a codebase index for every folder', function () {
  this.timeout(60_000);
  let server: FakeLlmServer;
  let api: TandemApi;
  const written: vscode.Uri[] = [];

  before(async () => {
    ({ server, api } = await useFakeProvider({ models: ['fake-chat', 'fake-coder'], completion: true }));
  });

  after(async () => {
    while (vscode.window.activeTextEditor) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    for (const uri of written) await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
    await dropFakeProvider(server);
  });

  beforeEach(() => server.reset());

  it('opens the two folders of the .code-workspace', () => {
    assert.deepEqual((vscode.workspace.workspaceFolders ?? []).map((f) => f.name), ['pocket-ledger', 'shelf-keeper']);
  });

  it('indexes each folder on its own, and the status bar counts the files of both', async () => {
    await waitFor(() => api.knowledge.combinedState().kind === 'ready', 'every folder\'s index to be ready', 40_000);
    const first = await api.knowledge.getIndex();
    const second = await api.knowledge.getIndexFor(vscode.Uri.joinPath(secondFolder(), 'src', 'shelf.ts'));
    assert.ok(first && second && first !== second, 'one index per folder');
    assert.ok(first.file('src/money.ts'), 'the first folder\'s files are in its index');
    assert.equal(first.file('src/shelf.ts'), undefined, 'and only them');
    assert.deepEqual(second.file('src/shelf.ts')?.definitions.map((d) => d.name).sort(), ['Shelf', 'restockShelf']);
    const total = first.fileCount + second.fileCount;
    assert.equal(api.knowledge.statusBar().text, `$(database) ${total} files`);
    assert.match(api.knowledge.statusBar().tooltip, new RegExp(`Tandem codebase index: ${total} files`));
  });

  it('sends a completion in the second folder the definition of a function from another file of that folder', async () => {
    server.addRule({ match: { endpoint: 'completions' }, reply: { text: 'shelf, 12);' } });
    const useUri = await writeScratch(vscode.Uri.joinPath(secondFolder(), 'src'), 'store.ts', 'const shelf = { items: 1, capacity: 10 };\nconst moved = restockShelf(');
    written.push(useUri);
    assertSendsRestockShelfSummary(await completionRequestAt(server, useUri, 1));
  });

  it('#codebase, with an editor of the second folder active, sends snippets from that folder\'s index', async () => {
    const store = written[0];
    assert.ok(store, 'the completion test wrote src/store.ts');
    await vscode.window.showTextDocument(store);
    server.addRule({ match: { lastUser: 'restock' }, reply: { text: 'It moves what fits.' } });
    await vscode.commands.executeCommand('tandem.openChat');
    await waitFor(async () => (await api.chat.pagesLoaded()) > 0, 'the chat page to load');
    await api.chat.receive({ type: 'addCodebase' });
    await waitFor(async () => (await api.chat.snapshot()).chips.some((c) => c.startsWith('#codebase')), 'the #codebase chip');
    await api.chat.receive({ type: 'send', text: 'how much does a restock move to the shelf?', editing: false });
    const request = await waitFor(() => server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1), 'the chat request');
    const prompt = (request.body as { messages: Array<{ content: string }> }).messages.at(-1)?.content ?? '';
    // In a multi-root workspace a snippet's path starts with its folder's name, as the chat resolves it.
    assert.match(prompt, /#### shelf-keeper\/src\/shelf\.ts:3-\d+\n```typescript\n\/\*\* Fills the shelf up to its capacity from the back room\. \*\/\nexport function restockShelf/, prompt.slice(0, 2_000));
  });

  it('#codebase, with an editor of the first folder active, also finds what the second folder defines', async () => {
    await vscode.window.showTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'src', 'money.ts'));
    server.addRule({ match: { lastUser: 'restockShelf' }, reply: { text: 'What fits on the shelf.' } });
    await api.chat.receive({ type: 'newChat' });
    await api.chat.receive({ type: 'addCodebase' });
    await waitFor(async () => (await api.chat.snapshot()).chips.some((c) => c.startsWith('#codebase')), 'the #codebase chip');
    await api.chat.receive({ type: 'send', text: 'what does restockShelf return?', editing: false });
    const request = await waitFor(() => server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1), 'the chat request');
    const prompt = (request.body as { messages: Array<{ content: string }> }).messages.at(-1)?.content ?? '';
    assert.match(prompt, /#### shelf-keeper\/src\/shelf\.ts:3-\d+\n```typescript\n\/\*\* Fills the shelf up to its capacity/, prompt.slice(0, 2_000));
    const transcript = await waitFor(async () => {
      const snapshot = await api.chat.snapshot();
      return snapshot.transcript.includes('What fits on the shelf.') ? snapshot.transcript : undefined;
    }, 'the answer');
    assert.match(transcript, /With [^\n]*shelf-keeper\/src\/shelf\.ts:3-\d+/, 'the snippet is listed with the question, under its folder');
  });

  it('indexes a file created in the second folder', async () => {
    const crate = await writeScratch(vscode.Uri.joinPath(secondFolder(), 'src'), 'crate.ts', 'export function packCrate(count: number): number {\n  return count * 2;\n}\n');
    written.push(crate);
    await waitFor(async () => (await api.knowledge.getIndexFor(crate))?.file('src/crate.ts')?.definitions.some((d) => d.name === 'packCrate') ?? false, 'the new file to be indexed', 20_000);
    assert.equal((await api.knowledge.getIndex())?.file('src/crate.ts'), undefined, 'not in the first folder\'s index');
  });

  it('indexes a folder added to the workspace while it is open, and forgets it when it is removed', async () => {
    const fileCount = () => Number(/(\d[\d,]*) files/.exec(api.knowledge.statusBar().text)?.[1]?.replace(/,/g, '') ?? NaN);
    const before = fileCount();
    const added = vscode.Uri.file(mkdtempSync(path.join(os.tmpdir(), 'tandem-added-folder-')));
    const pallet = await writeScratch(vscode.Uri.joinPath(added, 'src'), 'pallet.ts', '/** Stacks the crates four high. */\nexport function stackPallet(crates: number): number {\n  return Math.ceil(crates / 4);\n}\n');
    try {
      assert.ok(vscode.workspace.updateWorkspaceFolders(2, 0, { uri: added, name: 'crate-yard' }), 'the folder can be added');
      const index = await waitFor(async () => { const found = await api.knowledge.getIndexFor(pallet); return found?.file('src/pallet.ts') ? found : undefined; }, 'the added folder to be indexed', 30_000);
      assert.deepEqual(index.file('src/pallet.ts')?.definitions.map((d) => d.name), ['stackPallet']);
      await waitFor(() => api.knowledge.combinedState().kind === 'ready' && fileCount() === before + 1, `the status bar to count the added file (${api.knowledge.statusBar().text})`, 20_000);
    } finally {
      vscode.workspace.updateWorkspaceFolders(2, 1);
      await waitFor(async () => (vscode.workspace.workspaceFolders?.length === 2) && (await api.knowledge.getIndexFor(pallet)) === undefined, 'the removed folder\'s index to be gone');
      await vscode.workspace.fs.delete(added, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    }
    await waitFor(() => fileCount() === before, `the status bar to count the two folders again (${api.knowledge.statusBar().text})`);
  });
});
