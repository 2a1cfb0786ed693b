import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TandemApi } from '../../src/extension';
import type { FileSnapshot, ReviewSnapshot } from '../../src/features/edit/review/reviewSnapshot';
import { tandemApi } from './tandemApi';
import { cartChanged, cartText, scratchFolder, writeScratch as writeScratchFile } from './scratchFiles';
import { waitFor } from './waitFor';

const root = () => vscode.workspace.workspaceFolders![0]!.uri;
const scratch = () => scratchFolder('review-scratch');
const bytes = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
const exists = (uri: vscode.Uri) => vscode.workspace.fs.stat(uri).then(() => true, () => false);


const writeScratch = (name: string, text: string) => writeScratchFile(scratch(), name, text);

async function reviewOf(api: TandemApi, id: string): Promise<ReviewSnapshot> {
  return waitFor(async () => (await api.review.snapshot()).reviews.find((review) => review.id === id && review.files.length > 0), `review ${id} to open`);
}

/** The review once it is shown in the active editor (as the user sees it before doing anything else). */
async function shownReview(api: TandemApi, id: string): Promise<ReviewSnapshot> {
  const review = await reviewOf(api, id);
  await activeEditorShowing(review.files[0]!.reviewUri);
  return review;
}

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return waitFor(async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    return lenses.length > 0 ? lenses : undefined;
  }, `the CodeLens of ${uri.toString()}`);
}

const titles = (lenses: readonly vscode.CodeLens[], line?: number) =>
  lenses.filter((lens) => line === undefined || lens.range.start.line === line).map((lens) => lens.command?.title ?? '');

function activeEditorShowing(uri: string): Promise<vscode.TextEditor> {
  return waitFor(() => {
    const editor = vscode.window.activeTextEditor;
    return editor?.document.uri.toString() === uri ? editor : undefined;
  }, `${uri} in the active editor`);
}

/** Runs a CodeLens's command as a click would. */
async function click(lens: vscode.CodeLens | undefined): Promise<void> {
  assert.ok(lens?.command, 'the CodeLens is there');
  await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
}

describe('diff review of proposed changes', function () {
  // Each test opens, decides and saves real documents; an extension host starved by a loaded
  // machine ('unresponsive' in the log) took over 20 s for two saves.
  this.timeout(60_000);
  let api: TandemApi;

  before(async () => {
    api = await tandemApi();
    await vscode.workspace.fs.createDirectory(scratch());
  });

  afterEach(async () => {
    // A failed test must not leave a review open for the next one.
    // Bounded: a review that cannot be rejected must fail the suite, not spin the extension host.
    for (let tries = 0; tries < 5 && (await api.review.snapshot()).reviews.length > 0; tries++) await vscode.commands.executeCommand('tandem.review.rejectAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual((await api.review.snapshot()).reviews.map((review) => review.title), [], 'no review is left open');
  });

  after(async () => {
    await vscode.workspace.fs.delete(scratch(), { recursive: true, useTrash: false });
  });

  it('shows a 2-hunk proposal inline with CodeLens; reject 1, accept 2 writes exactly hunk 2, and one undo restores the original', async () => {
    const uri = vscode.Uri.joinPath(root(), 'src', 'ledger.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    const original = document.getText();
    const onDisk = await bytes(uri);
    const proposed = original
      .replace("throw new Error('Category is required');", "throw new Error('A category is required');")
      .replace('  get size(): number {', '  /** How many entries were recorded. */\n  get size(): number {');
    const handle = api.review.service.propose({ title: 'Tidy the ledger', origin: 'refactor', files: [{ uri, originalText: original, proposedText: proposed }] });
    assert.match(handle.id, /\S/);

    const review = await reviewOf(api, handle.id);
    const file = review.files[0]!;
    assert.equal(file.hunks.length, 2);
    assert.deepEqual(file.hunks.map((h) => [h.state, h.oldLines, h.newLines]), [
      ['pending', ["    if (!category) throw new Error('Category is required');"], ["    if (!category) throw new Error('A category is required');"]],
      ['pending', [], ['  /** How many entries were recorded. */']],
    ]);
    const reviewUri = vscode.Uri.parse(file.reviewUri);
    assert.equal(reviewUri.scheme, 'tandem-review');
    assert.ok(reviewUri.path.endsWith('/src/ledger.ts (Review)'), 'the tab is not a second "ledger.ts"');
    const editor = await activeEditorShowing(reviewUri.toString());
    // Highlighted as TypeScript, but no language server checks it: old and new lines together are no valid code.
    await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.toString() === reviewUri.toString())?.languageId === 'tandem-review-typescript', 'the review language');
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // time for a language server to report, if it did
    assert.deepEqual(vscode.languages.getDiagnostics(reviewUri), [], 'no problems for the review document');
    assert.deepEqual(vscode.languages.getDiagnostics().filter(([uri, list]) => uri.scheme === 'tandem-review' && list.length > 0), []);
    assert.equal(editor.document.getText(), file.text);
    const lines = file.text.split('\n');
    assert.equal(lines[file.hunks[0]!.line], "    if (!category) throw new Error('Category is required');", 'old line first');
    assert.equal(lines[file.hunks[0]!.line + 1], "    if (!category) throw new Error('A category is required');", 'then the new line');
    assert.equal(lines[file.hunks[1]!.line], '  /** How many entries were recorded. */');

    const lenses = await lensesOf(reviewUri);
    assert.deepEqual(titles(lenses, 0).slice(0, 3), ['$(check-all) Accept All', '$(close-all) Reject All', 'Side-by-side diff']);
    assert.ok(titles(lenses, 0).includes('Tidy the ledger · 2 pending'));
    assert.deepEqual(titles(lenses, file.hunks[0]!.line), ['$(check) Accept', '$(close) Reject', '1 of 2']);
    assert.deepEqual(titles(lenses, file.hunks[1]!.line), ['$(check) Accept', '$(close) Reject', '2 of 2']);

    await click(lenses.find((lens) => lens.command?.title === '$(close) Reject' && lens.range.start.line === file.hunks[0]!.line));
    const afterReject = await reviewOf(api, handle.id);
    assert.deepEqual(afterReject.files[0]!.hunks.map((h) => h.state), ['rejected', 'pending']);
    assert.equal(document.getText(), original, 'nothing is written before every hunk is decided');
    assert.ok(titles(await lensesOf(reviewUri)).includes('$(discard) Undo'));

    await vscode.commands.executeCommand('tandem.review.acceptHunk', reviewUri, 1);
    const outcome = await handle.done;
    assert.deepEqual(outcome.files.map((f) => [f.uri.toString(), f.status, f.acceptedHunks, f.rejectedHunks]), [[uri.toString(), 'partial', 1, 1]]);
    const expected = original.replace('  get size(): number {', '  /** How many entries were recorded. */\n  get size(): number {');
    assert.equal(document.getText(), expected);
    assert.equal(document.isDirty, false, 'saved, so test runners see it');
    assert.equal(await bytes(uri), expected);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString(), 'the real file in the active editor');
    assert.ok(!vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'tandem-review'), 'the review tab is closed');

    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original, 'one undo restores the original exactly');
    await document.save();
    assert.equal(await bytes(uri), onDisk);
  });

  it('says on the CodeLens of a change the engine placed by a non-exact match what it ignored (issue #11)', async () => {
    const uri = await writeScratch('lenient.ts', cartText);
    const relative = vscode.workspace.asRelativePath(uri, false);
    // Block 1 quotes total() in 4-space steps (the file has 2); block 2 quotes count() exactly.
    const response = [
      `${relative}`, '```ts', '<<<<<<< SEARCH', 'export function total(prices: number[]): number {', '    let sum = 0;', '=======',
      'export function total(prices: number[]): number {', '    let sum = 0; // running total', '>>>>>>> REPLACE', '```', '',
      `${relative}`, '```ts', '<<<<<<< SEARCH', '  return prices.length;', '=======', '  return prices.filter((price) => price > 0).length;', '>>>>>>> REPLACE', '```', '',
    ].join('\n');
    await vscode.env.clipboard.writeText(response);
    assert.equal(await vscode.env.clipboard.readText(), response, 'the clipboard holds the response');
    await vscode.commands.executeCommand('tandem.review.proposeFromClipboard');
    const review = await waitFor(async () => (await api.review.snapshot()).reviews.find((r) => r.title === 'Edits from the clipboard' && r.files.length > 0), 'the clipboard review to open');
    const file = review.files[0]!;
    assert.deepEqual(file.hunks.map((h) => h.newLines), [['  let sum = 0; // running total'], ['  return prices.filter((price) => price > 0).length;']], 'the new line is at the file\'s depth');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.parse(file.reviewUri)));
    const lenses = await lensesOf(vscode.Uri.parse(file.reviewUri));
    assert.deepEqual(titles(lenses, file.hunks[0]!.line), ['$(check) Accept', '$(close) Reject', '1 of 2', '· matched ignoring indentation']);
    assert.deepEqual(titles(lenses, file.hunks[1]!.line), ['$(check) Accept', '$(close) Reject', '2 of 2'], 'an exact match says nothing');
  });

  it('Accept All writes every file of a multi-file proposal, creating the new one', async () => {
    const cart = await writeScratch('cart.ts', cartText);
    const created = vscode.Uri.joinPath(scratch(), 'cart.test.ts');
    const newText = "import { total } from './cart';\n\nconsole.assert(total([1, 2]) === 3);\n";
    const handle = api.review.service.propose({
      title: 'Cents and tests', origin: 'tests',
      files: [
        { uri: cart, originalText: cartText, proposedText: cartChanged, label: 'fix to the code' },
        { uri: created, originalText: '', proposedText: newText, created: true, label: 'new test' },
      ],
    });
    const review = await reviewOf(api, handle.id);
    assert.equal(review.files.length, 2);
    assert.equal(await exists(created), false, 'a new file is created only on accept');
    const ui = await api.review.snapshot();
    assert.equal(ui.statusBar.visible, true);
    assert.equal(ui.statusBar.text, '$(diff) 3 changes pending in 2 files');
    assert.deepEqual(ui.tree, [
      { label: 'cart.ts', description: '2 of 2 pending · Cents and tests (fix to the code)' },
      { label: 'cart.test.ts', description: '1 of 1 pending · Cents and tests (new test) · new file' },
    ]);
    const lenses = await lensesOf(vscode.Uri.parse(review.files[0]!.reviewUri));
    assert.ok(titles(lenses, 0).includes('$(check-all) Accept All (2 files)'));
    assert.ok(titles(lenses, 0).includes('Accept File'));

    await vscode.commands.executeCommand('tandem.review.acceptAll', handle.id);
    const outcome = await handle.done;
    assert.deepEqual(outcome.files.map((f) => f.status), ['accepted', 'accepted']);
    assert.equal(await bytes(cart), cartChanged);
    assert.equal(await bytes(created), newText);
    const after = await api.review.snapshot();
    assert.equal(after.statusBar.visible, false);
    assert.deepEqual(after.tree, []);
  });

  it('Reject All rejects what is still pending: untouched files stay byte-identical and unsaved-free, no new file', async () => {
    const cart = await writeScratch('reject.ts', cartText);
    const ledger = vscode.Uri.joinPath(root(), 'src', 'ledger.ts');
    const ledgerBefore = await bytes(ledger);
    const ledgerDocument = await vscode.workspace.openTextDocument(ledger);
    const created = vscode.Uri.joinPath(scratch(), 'never.ts');
    const handle = api.review.service.propose({
      title: 'Rejected', origin: 'chat',
      files: [
        { uri: cart, originalText: cartText, proposedText: cartChanged },
        { uri: ledger, originalText: ledgerBefore, proposedText: ledgerBefore.replace('export class Ledger {', '/** A ledger. */\nexport class Ledger {') },
        { uri: created, originalText: '', proposedText: 'export {};\n', created: true },
      ],
    });
    await reviewOf(api, handle.id);
    await vscode.commands.executeCommand('tandem.review.acceptHunk', vscode.Uri.parse((await reviewOf(api, handle.id)).files[0]!.reviewUri), 0);
    await vscode.commands.executeCommand('tandem.review.rejectAll');
    const outcome = await handle.done;
    assert.deepEqual(outcome.files.map((f) => f.status), ['partial', 'rejected', 'rejected'], 'the hunk accepted before Reject All stays accepted');
    assert.equal(await bytes(cart), cartChanged.replace('  return prices.filter((price) => price > 0).length;\n', '  return prices.length;\n'));
    await vscode.commands.executeCommand('undo');
    const cartDocument = await vscode.workspace.openTextDocument(cart);
    await waitFor(() => cartDocument.getText() === cartText, 'undo to restore the scratch file');
    await cartDocument.save();
    assert.equal(await bytes(ledger), ledgerBefore);
    assert.equal(ledgerDocument.isDirty, false);
    assert.equal(await exists(created), false);
  });

  it('Reject All on a fresh proposal writes nothing at all', async () => {
    const cart = await writeScratch('untouched.ts', cartText);
    const handle = api.review.service.propose({ title: 'Nope', origin: 'chat', files: [{ uri: cart, originalText: cartText, proposedText: cartChanged }] });
    await reviewOf(api, handle.id);
    await vscode.commands.executeCommand('tandem.review.rejectAll', handle.id);
    assert.deepEqual((await handle.done).files.map((f) => [f.status, f.acceptedHunks, f.rejectedHunks]), [['rejected', 0, 2]]);
    assert.equal(await bytes(cart), cartText);
    assert.equal((await vscode.workspace.openTextDocument(cart)).isDirty, false);
  });

  it('merges the user\'s typing elsewhere in the file into the accepted change', async () => {
    const cart = await writeScratch('typed.ts', cartText);
    const handle = api.review.service.propose({ title: 'Stale but fine', origin: 'inline-edit', files: [{ uri: cart, originalText: cartText, proposedText: cartChanged }] });
    await shownReview(api, handle.id);
    const editor = await vscode.window.showTextDocument(cart, { preview: false });
    await editor.edit((edit) => edit.insert(new vscode.Position(7, 0), '// typed by the user\n'));
    const stale = await waitFor(async () => (await reviewOf(api, handle.id)).files.find((f) => f.stale), 'the review to notice the edit');
    assert.deepEqual(stale.hunks.map((h) => h.touchedByUser), [false, false]);
    const lenses = await lensesOf(vscode.Uri.parse(stale.reviewUri));
    assert.ok(titles(lenses, 0).some((title) => title.includes('file changed since the proposal')));

    await vscode.commands.executeCommand('tandem.review.acceptAll', handle.id);
    assert.deepEqual((await handle.done).files.map((f) => f.status), ['accepted']);
    const lines = cartChanged.split('\n');
    lines.splice(7, 0, '// typed by the user');
    assert.equal(editor.document.getText(), lines.join('\n'));
    assert.equal(editor.document.isDirty, true, 'the user\'s unsaved typing is not saved for them');
    await editor.document.save();
  });

  it('refuses a file whose accepted change overlaps the user\'s typing, naming the lines, and writes nothing', async () => {
    const cart = await writeScratch('conflict.ts', cartText);
    const handle = api.review.service.propose({ title: 'Overlap', origin: 'inline-edit', files: [{ uri: cart, originalText: cartText, proposedText: cartChanged }] });
    await shownReview(api, handle.id);
    const editor = await vscode.window.showTextDocument(cart, { preview: false });
    await editor.edit((edit) => edit.replace(new vscode.Range(1, 2, 1, 14), 'let sum = 10;'));
    const typed = editor.document.getText();
    const stale = await waitFor(async () => (await reviewOf(api, handle.id)).files.find((f) => f.hunks[0]?.touchedByUser), 'the overlap to be flagged');
    assert.deepEqual(stale.hunks.map((h) => h.touchedByUser), [true, false]);
    const lenses = await lensesOf(vscode.Uri.parse(stale.reviewUri));
    assert.ok(titles(lenses, stale.hunks[0]!.line).some((title) => title.includes('you edited these lines')));

    await vscode.commands.executeCommand('tandem.review.acceptAll', handle.id);
    const [outcome] = (await handle.done).files;
    assert.equal(outcome?.status, 'failed');
    assert.match(outcome?.message ?? '', /did not change review-scratch\/conflict\.ts: you changed line 2 while the review was open, and an accepted change touches the same lines \(line 2 of the original\)\. Nothing was written/);
    assert.equal(editor.document.getText(), typed, 'nothing was written');
    assert.ok((await api.review.snapshot()).messages.includes(outcome!.message!), 'the user was told');
    await editor.document.save();
  });

  it('merges a proposal made against older text when it does not overlap, and settles a no-op as unchanged', async () => {
    const current = cartText.replace('// padding so', '// PADDING so');
    const cart = await writeScratch('older.ts', current);
    const same = await writeScratch('same.ts', cartText);
    const handle = api.review.service.propose({
      title: 'Older text', origin: 'chat',
      files: [
        { uri: cart, originalText: cartText, proposedText: cartChanged },
        { uri: same, originalText: cartText, proposedText: cartText },
      ],
    });
    const review = await reviewOf(api, handle.id);
    assert.equal(review.files.length, 1);
    assert.equal(review.files[0]!.stale, true);
    await vscode.commands.executeCommand('tandem.review.acceptFile', cart);
    const outcome = await handle.done;
    assert.deepEqual(outcome.files.map((f) => f.status), ['accepted', 'unchanged']);
    assert.equal(await bytes(cart), cartChanged.replace('// padding so', '// PADDING so'));
  });

  it('keeps CRLF line endings and a missing final newline byte for byte, also for a proposal made with LF', async () => {
    const crlf = await writeScratch('crlf.ts', 'const a = 1;\r\nconst b = 2;\r\nconst c = 3;');
    const exact = api.review.service.propose({ title: 'CRLF', origin: 'chat', files: [{ uri: crlf, originalText: 'const a = 1;\r\nconst b = 2;\r\nconst c = 3;', proposedText: 'const a = 1;\r\nconst b = 20;\r\nconst c = 3;' }] });
    await reviewOf(api, exact.id);
    await vscode.commands.executeCommand('tandem.review.acceptAll', exact.id);
    assert.equal((await exact.done).files[0]?.status, 'accepted');
    assert.equal(await bytes(crlf), 'const a = 1;\r\nconst b = 20;\r\nconst c = 3;');

    const fromLf = api.review.service.propose({ title: 'LF', origin: 'chat', files: [{ uri: crlf, originalText: 'const a = 1;\nconst b = 20;\nconst c = 3;', proposedText: 'const a = 10;\nconst b = 20;\nconst c = 3;' }] });
    const review = await reviewOf(api, fromLf.id);
    assert.equal(review.files[0]!.stale, false, 'a difference in line endings alone is not a change by the user');
    await vscode.commands.executeCommand('tandem.review.acceptAll', fromLf.id);
    assert.equal((await fromLf.done).files[0]?.status, 'accepted');
    assert.equal(await bytes(crlf), 'const a = 10;\r\nconst b = 20;\r\nconst c = 3;');
  });

  it('refuses binary and huge texts with a clear message', async () => {
    const cart = await writeScratch('binary.ts', cartText);
    const binary = api.review.service.propose({ title: 'Binary', origin: 'chat', files: [{ uri: cart, originalText: cartText, proposedText: 'a\0b' }] });
    const [refused] = (await binary.done).files;
    assert.equal(refused?.status, 'failed');
    assert.match(refused?.message ?? '', /looks binary \(it contains NUL characters\)/);
    const huge = api.review.service.propose({ title: 'Huge', origin: 'chat', files: [{ uri: cart, originalText: cartText, proposedText: 'x'.repeat(6 * 1024 * 1024) }] });
    assert.match((await huge.done).files[0]?.message ?? '', /is 6\.0 MB; Tandem reviews files up to 5 MB/);
    assert.equal(await bytes(cart), cartText);
  });

  it('moves between pending hunks with the next/previous commands', async () => {
    const cart = await writeScratch('navigate.ts', cartText);
    const handle = api.review.service.propose({ title: 'Navigate', origin: 'chat', files: [{ uri: cart, originalText: cartText, proposedText: cartChanged }] });
    const file: FileSnapshot = (await reviewOf(api, handle.id)).files[0]!;
    const editor = await activeEditorShowing(file.reviewUri);
    assert.equal(editor.selection.active.line, file.hunks[0]!.line, 'the review opens on the first hunk');
    await vscode.commands.executeCommand('tandem.review.nextHunk');
    assert.equal(editor.selection.active.line, file.hunks[1]!.line);
    await vscode.commands.executeCommand('tandem.review.nextHunk');
    assert.equal(editor.selection.active.line, file.hunks[0]!.line, 'wraps around');
    await vscode.commands.executeCommand('tandem.review.previousHunk');
    assert.equal(editor.selection.active.line, file.hunks[1]!.line);
    // Without arguments the hunk at the cursor is meant.
    await vscode.commands.executeCommand('tandem.review.rejectHunk');
    assert.deepEqual((await reviewOf(api, handle.id)).files[0]!.hunks.map((h) => h.state), ['pending', 'rejected']);
    await vscode.commands.executeCommand('tandem.review.undoHunk', file.reviewUri, 1);
    assert.deepEqual((await reviewOf(api, handle.id)).files[0]!.hunks.map((h) => h.state), ['pending', 'pending']);
  });

  it('opens the side-by-side diff of the original and the proposal as decided so far', async () => {
    const cart = await writeScratch('sideBySide.ts', cartText);
    const handle = api.review.service.propose({ title: 'Side by side', origin: 'chat', files: [{ uri: cart, originalText: cartText, proposedText: cartChanged }] });
    const file = (await shownReview(api, handle.id)).files[0]!;
    await vscode.commands.executeCommand('tandem.review.rejectHunk', file.reviewUri, 0);
    await vscode.commands.executeCommand('tandem.review.showDiff', vscode.Uri.parse(file.reviewUri));
    const diff = await waitFor(() => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    }, 'the diff editor');
    assert.equal((await vscode.workspace.openTextDocument(diff.original)).getText(), cartText);
    assert.equal((await vscode.workspace.openTextDocument(diff.modified)).getText(), cartText.replace('  return prices.length;\n', '  return prices.filter((price) => price > 0).length;\n'));
    assert.equal(await bytes(cart), cartText, 'still nothing written');
  });

  it('replace() supersedes the pending review with the refined one', async () => {
    const cart = await writeScratch('refine.ts', cartText);
    const first = api.review.service.propose({ title: 'First try', origin: 'inline-edit', files: [{ uri: cart, originalText: cartText, proposedText: cartChanged }] });
    await reviewOf(api, first.id);
    assert.equal((await api.review.snapshot()).reviews.length, 1);
    const refined = cartText.replace('  let sum = 0;\n', '  let sum = 0; // in cents\n');
    assert.equal(api.review.service.pendingFor(cart)?.id, first.id, 'pendingFor finds the review of the file');
    const second = api.review.service.replace(first.id, { title: 'Second try', origin: 'inline-edit', files: [{ uri: cart, originalText: cartText, proposedText: refined }] });
    const outcome = await first.done;
    assert.equal(outcome.superseded, true);
    const review = await reviewOf(api, second.id);
    assert.equal(review.files[0]!.hunks.length, 1);
    assert.equal((await api.review.snapshot()).reviews.length, 1);
  });
});

describe('diff review edge cases', function () {
  // Each test opens, decides and saves real documents; an extension host starved by a loaded
  // machine ('unresponsive' in the log) took over 20 s for two saves.
  this.timeout(60_000);
  let api: TandemApi;
  const ui = () => api.review.snapshot();

  before(async () => {
    api = await tandemApi();
    await vscode.workspace.fs.createDirectory(scratch());
  });

  afterEach(async () => {
    // Bounded: a review that cannot be rejected must fail the suite, not hang the host.
    for (let tries = 0; tries < 5 && (await api.review.snapshot()).reviews.length > 0; tries++) await vscode.commands.executeCommand('tandem.review.rejectAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.deepEqual((await api.review.snapshot()).reviews.map((review) => review.title), [], 'no review is left open');
  });

  it('reviews unsaved text as the base, writes it unsaved, and one undo restores the unsaved text', async () => {
    const cart = await writeScratch('dirty.ts', cartText);
    const editor = await vscode.window.showTextDocument(cart, { preview: false });
    await editor.edit((edit) => edit.insert(new vscode.Position(7, 0), '// unsaved\n'));
    const dirtyText = editor.document.getText();
    const proposed = dirtyText.replace('  let sum = 0;\n', '  let sum = 0; // cents\n');
    const handle = api.review.service.propose({ title: 'Dirty', origin: 'inline-edit', files: [{ uri: cart, originalText: dirtyText, proposedText: proposed }] });
    const review = await shownReview(api, handle.id);
    assert.equal(review.files[0]!.stale, false);
    assert.equal(review.files[0]!.hunks.length, 1);
    await vscode.commands.executeCommand('tandem.review.acceptAll', handle.id);
    assert.deepEqual((await handle.done).files.map((f) => f.status), ['accepted']);
    assert.equal(editor.document.getText(), proposed);
    assert.equal(editor.document.isDirty, true, 'unsaved work stays unsaved');
    assert.equal(await bytes(cart), cartText, 'nothing saved to disk');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), dirtyText, 'one undo restores the unsaved text');
    await editor.document.save();
  });

  it('does not recreate a file deleted on disk while its review was open', async () => {
    const cart = await writeScratch('deleted.ts', cartText);
    const handle = api.review.service.propose({ title: 'Deleted', origin: 'chat', files: [{ uri: cart, originalText: cartText, proposedText: cartChanged }] });
    await shownReview(api, handle.id);
    await vscode.workspace.fs.delete(cart);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await vscode.commands.executeCommand('tandem.review.acceptAll', handle.id);
    const [outcome] = (await handle.done).files;
    assert.equal(outcome?.status, 'failed');
    assert.match(outcome?.message ?? '', /review-scratch\/deleted\.ts was deleted or renamed while the review was open/);
    assert.equal(await exists(cart), false, 'the deleted file is not recreated');
  });

  it('does not write the old path of a file renamed while its review was open', async () => {
    const cart = await writeScratch('renamed.ts', cartText);
    const moved = vscode.Uri.joinPath(scratch(), 'renamed2.ts');
    const handle = api.review.service.propose({ title: 'Renamed', origin: 'chat', files: [{ uri: cart, originalText: cartText, proposedText: cartChanged }] });
    await shownReview(api, handle.id);
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(cart, moved);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await vscode.commands.executeCommand('tandem.review.acceptAll', handle.id);
    const [outcome] = (await handle.done).files;
    assert.equal(outcome?.status, 'failed');
    assert.match(outcome?.message ?? '', /review-scratch\/renamed\.ts was deleted or renamed while the review was open/);
    assert.equal((await ui()).reviews.length, 0, 'the review has ended');
    assert.equal(await exists(cart), false, 'the old path is not recreated');
    assert.equal(await bytes(moved), cartText);
  });

  it('a second proposal for the same file replaces the first one', async () => {
    const cart = await writeScratch('twice.ts', cartText);
    const first = api.review.service.propose({ title: 'First', origin: 'chat', files: [{ uri: cart, originalText: cartText, proposedText: cartChanged }] });
    await reviewOf(api, first.id);
    const second = api.review.service.propose({ title: 'Second', origin: 'chat', files: [{ uri: cart, originalText: cartText, proposedText: cartText.replace('  let sum = 0;\n', '  let sum = 1;\n') }] });
    const [outcome] = (await first.done).files;
    assert.equal(outcome?.status, 'rejected');
    const review = await shownReview(api, second.id);
    assert.equal(review.files[0]!.hunks.length, 1);
    const state = await ui();
    assert.equal(state.reviews.length, 1);
    assert.equal(state.statusBar.text, '$(diff) 1 change pending in 1 file');
    assert.equal(api.review.service.pendingFor(cart)?.id, second.id);
    await vscode.commands.executeCommand('tandem.review.acceptAll');
    assert.deepEqual((await second.done).files.map((f) => f.status), ['accepted']);
    assert.equal(await bytes(cart), cartText.replace('  let sum = 0;\n', '  let sum = 1;\n'));
  });

  it('keeps a review pending after its tab is closed, and the status bar reopens it', async () => {
    const cart = await writeScratch('closed.ts', cartText);
    const handle = api.review.service.propose({ title: 'Closed', origin: 'chat', files: [{ uri: cart, originalText: cartText, proposedText: cartChanged }] });
    const review = await shownReview(api, handle.id);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const state = await ui();
    assert.equal(state.statusBar.text, '$(diff) 2 changes pending in 1 file');
    assert.equal(state.tree.length, 1);
    await vscode.commands.executeCommand('tandem.review.openNext');
    const editor = await activeEditorShowing(review.files[0]!.reviewUri);
    assert.equal(editor.document.getText(), review.files[0]!.text);
    await vscode.commands.executeCommand('tandem.review.acceptHunk');
    assert.deepEqual((await reviewOf(api, handle.id)).files[0]!.hunks.map((h) => h.state), ['accepted', 'pending']);
    await vscode.commands.executeCommand('tandem.review.rejectFile', cart);
    assert.deepEqual((await handle.done).files.map((f) => f.status), ['partial']);
  });

  it('creates a new file in folders that do not exist yet, with its CRLF line endings', async () => {
    const created = vscode.Uri.joinPath(scratch(), 'deep', 'er', 'made.ts');
    const text = 'export const a = 1;\r\nexport const b = 2;\r\n';
    const handle = api.review.service.propose({ title: 'New', origin: 'tests', files: [{ uri: created, originalText: '', proposedText: text, created: true }] });
    await reviewOf(api, handle.id);
    await vscode.commands.executeCommand('tandem.review.acceptAll', handle.id);
    assert.deepEqual((await handle.done).files.map((f) => f.status), ['accepted']);
    assert.equal(await bytes(created), text);
    const document = await vscode.workspace.openTextDocument(created);
    assert.equal(document.isDirty, false, 'saved');
    assert.equal(document.eol, vscode.EndOfLine.CRLF);
  });

  it('settles a proposal equal to the file as unchanged and tells the user', async () => {
    const cart = await writeScratch('equal.ts', cartText);
    const handle = api.review.service.propose({ title: 'Nothing', origin: 'chat', files: [{ uri: cart, originalText: cartText, proposedText: cartText }] });
    assert.deepEqual((await handle.done).files.map((f) => f.status), ['unchanged']);
    assert.equal((await ui()).statusBar.visible, false);
  });

  it('stays responsive on a 5,000-line file with 200 hunks', async function () {
    this.timeout(120_000);
    const lines = Array.from({ length: 5000 }, (_, i) => `const line${i} = ${i};`);
    const text = lines.join('\n') + '\n';
    const proposed = lines.map((line, i) => (i % 25 === 0 ? `${line} // changed` : line)).join('\n') + '\n';
    // Same-run baseline: the host's own cost of showing the file and writing the proposal into it
    // with one edit and a save (the least Accept All must do), so a slow machine is told apart
    // from a slow review.
    const baselineFile = await writeScratch('big-baseline.txt', text); // plain text: no language server starting up in the measurement
    let started = Date.now();
    const baselineDoc = await vscode.workspace.openTextDocument(baselineFile);
    await vscode.window.showTextDocument(baselineDoc);
    const whole = new vscode.WorkspaceEdit();
    whole.replace(baselineFile, new vscode.Range(0, 0, baselineDoc.lineCount, 0), proposed);
    await vscode.workspace.applyEdit(whole);
    await baselineDoc.save();
    const baselineMs = Date.now() - started;
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const big = await writeScratch('big.ts', text);
    started = Date.now();
    const handle = api.review.service.propose({ title: 'Big', origin: 'chat', files: [{ uri: big, originalText: text, proposedText: proposed }] });
    const review = await shownReview(api, handle.id);
    const proposeMs = Date.now() - started;
    assert.equal(review.files[0]!.hunks.length, 200);
    started = Date.now();
    for (let i = 0; i < 20; i++) await vscode.commands.executeCommand('tandem.review.acceptHunk');
    const hunkMs = (Date.now() - started) / 20;
    started = Date.now();
    await vscode.commands.executeCommand('tandem.review.acceptAll', handle.id);
    await handle.done;
    const acceptMs = Date.now() - started;
    console.log(`big file: propose ${proposeMs} ms, per hunk ${hunkMs} ms, accept all ${acceptMs} ms (host baseline: show, edit and save ${baselineMs} ms)`);
    assert.equal(await bytes(big), proposed);
    // Most of a hunk's time is VS Code re-reading the 5,200-line review document (measured 400-550 ms on 2 busy cores).
    // The absolute limits hold on a quiet machine; on a slower host, opening and accepting may take
    // up to 3 times what the host itself needs to show, edit and save the same file.
    const within = (ms: number, limit: number) => ms < Math.max(limit, 3 * baselineMs);
    assert.ok(within(proposeMs, 3000) && within(acceptMs, 3000) && hunkMs < Math.max(1500, baselineMs), `propose ${proposeMs} ms, hunk ${hunkMs} ms, accept ${acceptMs} ms, host baseline ${baselineMs} ms`);
  });

  it('undo of a decision works until the last hunk is decided; after that the file is written and says so', async () => {
    const cart = await writeScratch('undoDecision.ts', cartText);
    const handle = api.review.service.propose({ title: 'Undo', origin: 'chat', files: [{ uri: cart, originalText: cartText, proposedText: cartChanged }] });
    const review = await shownReview(api, handle.id);
    const reviewUri = review.files[0]!.reviewUri;
    await vscode.commands.executeCommand('tandem.review.acceptHunk', reviewUri, 0);
    await vscode.commands.executeCommand('tandem.review.undoHunk', reviewUri, 0);
    assert.deepEqual((await reviewOf(api, handle.id)).files[0]!.hunks.map((h) => h.state), ['pending', 'pending']);
    await vscode.commands.executeCommand('tandem.review.acceptHunk', reviewUri, 0);
    await vscode.commands.executeCommand('tandem.review.acceptHunk', reviewUri, 1);
    assert.deepEqual((await handle.done).files.map((f) => f.status), ['accepted']);
    assert.equal(await bytes(cart), cartChanged);
    assert.equal(await vscode.commands.executeCommand('tandem.review.undoHunk', reviewUri, 1), false);
    assert.equal(await bytes(cart), cartChanged, 'the written file stays as it is');
  });
});
