import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TandemApi } from '../../src/extension';
import type { InlineEditResult } from '../../src/features/edit/inline/registerInlineEdit';
import type { ReviewSnapshot } from '../../src/features/edit/review/reviewSnapshot';
import { FakeLlmServer } from '../support/fakeLlm';
import { cartChanged, cartText, scratchFolder, writeScratch as writeScratchFile } from './scratchFiles';
import { waitFor } from './waitFor';
import { dropFakeProvider, useFakeProvider } from './fakeProvider';

const scratch = () => scratchFolder('inline-edit-scratch');

const fenced = (code: string) => `Here you go:\n\n\`\`\`typescript\n${code.trimEnd()}\n\`\`\`\n`;

const writeScratch = (name: string, text: string) => writeScratchFile(scratch(), name, text);

async function openAt(uri: vscode.Uri, selection: vscode.Selection): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(uri);
  editor.selection = selection;
  return editor;
}

const inlineEdit = (request: Record<string, unknown>) => vscode.commands.executeCommand<InlineEditResult>('tandem.inlineEdit', request);

describe('inline edit, refactor commands and Quick Fix (against the fake server)', () => {
  let server: FakeLlmServer;
  let api: TandemApi;

  /** Chat requests only (the health monitor also asks the server for its models). */
  const chatRequests = () => server.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const promptOf = (index: number) => (chatRequests()[index]?.body as { messages: Array<{ content: string }> } | undefined)?.messages.at(-1)?.content ?? '';

  async function reviewOf(id: string): Promise<ReviewSnapshot> {
    return waitFor(async () => (await api.review.snapshot()).reviews.find((review) => review.id === id && review.files.length > 0), `review ${id} to open`);
  }

  before(async () => {
    ({ server, api } = await useFakeProvider());
    await vscode.workspace.fs.createDirectory(scratch());
  });

  beforeEach(() => server.reset());

  afterEach(async () => {
    await vscode.commands.executeCommand('tandem.inlineEdit.cancel');
    while ((await api.review.snapshot()).reviews.length > 0) await vscode.commands.executeCommand('tandem.review.rejectAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.workspace.fs.delete(scratch(), { recursive: true, useTrash: false });
    await dropFakeProvider(server);
  });

  it('proposes the rewritten selection as a 2-hunk review; reject one, accept the other gives the exact text, one undo the original', async () => {
    const uri = await writeScratch('cart.ts', cartText);
    const editor = await openAt(uri, new vscode.Selection(0, 0, 13, 0));
    server.addRule({ match: { lastUser: /Instruction:\nuse cents and count positive prices$/ }, reply: { text: fenced(cartChanged) } });

    const result = await inlineEdit({ instruction: 'use cents and count positive prices' });
    assert.equal(result.status, 'proposed', JSON.stringify(result));
    assert.ok(result.status === 'proposed');
    const prompt = promptOf(0);
    assert.match(prompt, /^File: `inline-edit-scratch\/cart\.ts` \(typescript\), lines 1-13 of 13/);
    assert.match(prompt, /The range to rewrite:\n```typescript\nexport function total/);

    const review = await reviewOf(result.reviewId);
    assert.equal(review.origin, 'inline-edit');
    assert.equal(review.title, 'use cents and count positive prices');
    const file = review.files[0]!;
    assert.deepEqual(file.hunks.map((h) => [h.oldLines, h.newLines]), [
      [['  let sum = 0;'], ['  let sum = 0; // cents']],
      [['  return prices.length;'], ['  return prices.filter((price) => price > 0).length;']],
    ]);
    assert.equal(editor.document.getText(), cartText, 'nothing is written while the review is open');

    const reviewUri = vscode.Uri.parse(file.reviewUri);
    await vscode.commands.executeCommand('tandem.review.rejectHunk', reviewUri, 0);
    await vscode.commands.executeCommand('tandem.review.acceptHunk', reviewUri, 1);
    const expected = cartText.replace('  return prices.length;\n', '  return prices.filter((price) => price > 0).length;\n');
    await waitFor(() => editor.document.getText() === expected, 'the accepted hunk to be written');
    assert.equal(editor.document.getText(), expected);

    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), cartText, 'one undo restores the original');
  });

  it('without a selection edits the function around the cursor', async () => {
    const uri = await writeScratch('count.ts', cartText);
    await openAt(uri, new vscode.Selection(11, 4, 11, 4));
    server.addRule({ match: { lastUser: /Instruction:\ncount positives$/ }, reply: { text: fenced('export function count(prices: number[]): number {\n  return prices.filter((p) => p > 0).length;\n}') } });
    const result = await inlineEdit({ instruction: 'count positives' });
    assert.equal(result.status, 'proposed', JSON.stringify(result));
    assert.match(promptOf(0), /lines 11-13 of 13/);
    const review = await reviewOf((result as { reviewId: string }).reviewId);
    assert.deepEqual(review.files[0]!.hunks.map((h) => h.newLines), [['  return prices.filter((p) => p > 0).length;']]);
  });

  it('a follow-up on the pending proposal refines it: the prompt carries the proposal, the new review replaces the old', async () => {
    const uri = await writeScratch('refine.ts', cartText);
    await openAt(uri, new vscode.Selection(10, 0, 13, 0));
    server.addRule({ match: { lastUser: /Instruction:\nfilter positives$/ }, reply: { text: fenced('export function count(prices: number[]): number {\n  return prices.filter((price) => price > 0).length;\n}') } });
    server.addRule({ match: { lastUser: /Change your proposal as follows[\s\S]*\nname it isPositive$/ }, reply: { text: fenced('export function count(prices: number[]): number {\n  const isPositive = (price: number) => price > 0;\n  return prices.filter(isPositive).length;\n}') } });
    const first = await inlineEdit({ instruction: 'filter positives' });
    assert.equal(first.status, 'proposed', JSON.stringify(first));
    const firstReview = await reviewOf((first as { reviewId: string }).reviewId);
    // Ctrl/Cmd+I again where the review shows the proposal.
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.toString() === firstReview.files[0]!.reviewUri, 'the review in the active editor');

    const second = await inlineEdit({ instruction: 'name it isPositive' });
    assert.deepEqual({ ...second, reviewId: undefined }, { status: 'proposed', refined: true, reviewId: undefined });
    const prompt = promptOf(1);
    assert.match(prompt, /Your proposed rewrite of it, which the user has not accepted yet \(it was for: "filter positives"\):\n```typescript\nexport function count\(prices: number\[\]\): number \{\n {2}return prices\.filter\(\(price\) => price > 0\)\.length;\n\}\n```/);
    const review = await reviewOf((second as { reviewId: string }).reviewId);
    assert.deepEqual(review.files[0]!.hunks.map((h) => [h.oldLines, h.newLines]), [
      [['  return prices.length;'], ['  const isPositive = (price: number) => price > 0;', '  return prices.filter(isPositive).length;']],
    ]);
    await waitFor(async () => !(await api.review.snapshot()).reviews.some((r) => r.id === firstReview.id), 'the first review to be replaced');
  });

  it('offers "Fix with Tandem" on an error diagnostic and proposes a reviewable fix from the problem and the code around it', async () => {
    const uri = await writeScratch('fix.ts', cartText);
    const diagnostics = vscode.languages.createDiagnosticCollection('inline-edit-test');
    try {
      const problem = new vscode.Diagnostic(new vscode.Range(11, 9, 11, 22), "Property 'lenght' does not exist on type 'number[]'.", vscode.DiagnosticSeverity.Error);
      problem.source = 'ts';
      problem.code = 2339;
      diagnostics.set(uri, [problem]);
      await openAt(uri, new vscode.Selection(11, 10, 11, 10));
      server.addRule({ match: { lastUser: /Problems reported in this code:\n- line 12: error TS2339 \(ts\): Property 'lenght'/ }, reply: { text: fenced('export function count(prices: number[]): number {\n  return prices.length ?? 0;\n}') } });

      const actions = await waitFor(async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, problem.range, vscode.CodeActionKind.QuickFix.value);
        return found.find((action) => action.title === 'Fix with Tandem');
      }, 'the Fix with Tandem code action');
      assert.equal(actions.kind?.value, 'quickfix');
      const command = actions.command!;
      const result = await vscode.commands.executeCommand<InlineEditResult>(command.command, ...(command.arguments ?? []));
      assert.equal(result.status, 'proposed', JSON.stringify(result));
      assert.match(promptOf(0), /lines 11-13 of 13/);
      const review = await reviewOf((result as { reviewId: string }).reviewId);
      assert.equal(review.origin, 'quick-fix');
      assert.match(review.title, /^Fix: Property 'lenght' does not exist/);
      assert.deepEqual(review.files[0]!.hunks.map((h) => h.newLines), [['  return prices.length ?? 0;']]);
    } finally {
      diagnostics.dispose();
    }
  });

  it('lands on the right lines when the user types above the range while the model answers', async () => {
    const uri = await writeScratch('stale.ts', cartText);
    const editor = await openAt(uri, new vscode.Selection(10, 0, 13, 0));
    server.addRule({ match: { lastUser: /Instruction:\nslow edit$/ }, reply: { text: fenced('export function count(prices: number[]): number {\n  return prices.length + 0;\n}') }, ttftMs: 1_500 });
    const running = inlineEdit({ instruction: 'slow edit' });
    await server.waitForRequests(1);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// typed while waiting\n// and more\n'));
    const result = await running;
    assert.equal(result.status, 'proposed', JSON.stringify(result));
    const review = await reviewOf((result as { reviewId: string }).reviewId);
    await vscode.commands.executeCommand('tandem.review.acceptAll', review.id);
    const expected = `// typed while waiting\n// and more\n${cartText.replace('  return prices.length;', '  return prices.length + 0;')}`;
    await waitFor(() => editor.document.getText() === expected, 'the edit written two lines lower');
  });

  it('refuses with a message when the user changed the lines being rewritten', async () => {
    const uri = await writeScratch('conflict.ts', cartText);
    const editor = await openAt(uri, new vscode.Selection(10, 0, 13, 0));
    server.addRule({ match: { lastUser: /Instruction:\nslow conflicting edit$/ }, reply: { text: fenced('export function count(prices: number[]): number {\n  return prices.length + 0;\n}') }, ttftMs: 1_500 });
    const running = inlineEdit({ instruction: 'slow conflicting edit' });
    await server.waitForRequests(1);
    await editor.edit((edit) => edit.replace(new vscode.Range(11, 0, 11, 23), '  return prices.length * 2;'));
    const result = await running;
    assert.equal(result.status, 'failed');
    assert.match((result as { message: string }).message, /^You changed line 12 while Tandem was rewriting lines 11-13, and the proposal touches the same lines; nothing was proposed\./);
    assert.equal((await api.review.snapshot()).reviews.length, 0);
  });

  it('Escape while streaming closes the request and proposes nothing', async () => {
    const uri = await writeScratch('cancel.ts', cartText);
    await openAt(uri, new vscode.Selection(0, 0, 5, 0));
    server.setOptions({ tokensPerSecond: 20 });
    server.addRule({ match: { lastUser: /Instruction:\nslow stream$/ }, reply: { text: fenced(Array.from({ length: 200 }, (_, i) => `const x${i} = ${i};`).join('\n')) } });
    const running = inlineEdit({ instruction: 'slow stream' });
    const [request] = await server.waitForRequests(1);
    await waitFor(() => request!.firstByteAt !== undefined, 'the answer to start streaming');
    await vscode.commands.executeCommand('tandem.inlineEdit.cancel');
    assert.deepEqual(await running, { status: 'cancelled' });
    await request!.closed;
    assert.equal(request!.aborted, true, 'the fake server saw the connection close');
    assert.equal((await api.review.snapshot()).reviews.length, 0);
  });

  it('registers the refactor commands and the editor context submenu', async () => {
    const commands = await vscode.commands.getCommands(true);
    const ours = ['tandem.inlineEdit', 'tandem.inlineEdit.cancel', 'tandem.refactor', 'tandem.explain', 'tandem.addDocumentation', 'tandem.simplify', 'tandem.addTypes', 'tandem.improveNames', 'tandem.fixWithTandem'];
    assert.deepEqual(ours.filter((id) => !commands.includes(id)), []);
    const contributes = (vscode.extensions.getExtension('tandem-dev.tandem')!.packageJSON as { contributes: { submenus: Array<{ id: string; label: string }>; menus: Record<string, Array<{ command?: string; submenu?: string }>> } }).contributes;
    assert.ok(contributes.submenus.some((s) => s.id === 'tandem.editorContext' && s.label === 'Tandem'));
    assert.ok(contributes.menus['editor/context']!.some((m) => m.submenu === 'tandem.editorContext'));
    const inSubmenu = contributes.menus['tandem.editorContext']!.map((m) => m.command);
    assert.deepEqual(['tandem.inlineEdit', 'tandem.refactor', 'tandem.explain', 'tandem.addDocumentation', 'tandem.simplify', 'tandem.addTypes', 'tandem.improveNames'].filter((id) => !inSubmenu.includes(id)), []);
  });

  it('Add Documentation runs its preset through the same edit and review', async () => {
    const uri = await writeScratch('doc.ts', cartText);
    await openAt(uri, new vscode.Selection(10, 0, 13, 0));
    server.addRule({ match: { lastUser: /Instruction:\nAdd documentation comments/ }, reply: { text: fenced('/** How many prices there are. */\nexport function count(prices: number[]): number {\n  return prices.length;\n}') } });
    const result = await vscode.commands.executeCommand<InlineEditResult>('tandem.addDocumentation');
    assert.equal(result.status, 'proposed', JSON.stringify(result));
    const review = await reviewOf((result as { reviewId: string }).reviewId);
    assert.equal(review.origin, 'refactor');
    assert.equal(review.title, 'Add Documentation');
    assert.deepEqual(review.files[0]!.hunks.map((h) => [h.oldLines, h.newLines]), [[[], ['/** How many prices there are. */']]]);
  });
});
