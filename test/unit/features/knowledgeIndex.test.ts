import assert from 'node:assert/strict';
import { completionContext, type ContextItem, type KnowledgeIndex } from '../../../src/core/knowledge';
import { codebaseBudget, codebaseChip, mergeFolderSnippets, missingSymbols } from '../../../src/features/knowledge/codebaseChips';
import { statusView } from '../../../src/features/knowledge/indexState';
import { cursorSymbols, definitionAt, preferServerDefinitions } from '../../../src/features/knowledge/preferredDefinitions';
import { indexOf, makeWorkspace, positionOf, shopFiles } from '../knowledge/workspace';

describe('codebase index in VS Code: status bar wording', () => {
  it('shows progress with the file count while parsing, then a quiet file count with how it was built', () => {
    assert.equal(statusView({ kind: 'indexing', phase: 'scanning', done: 0, total: 0 }).text, '$(sync~spin) Indexing…');
    const parsing = statusView({ kind: 'indexing', phase: 'parsing', done: 1_200, total: 3_214 });
    assert.equal(parsing.text, '$(sync~spin) Indexing 3,214 files…');
    assert.match(parsing.tooltip, /1,200 of 3,214 parsed/);
    const ready = statusView({ kind: 'ready', files: 3_214, parsed: 3, fromStore: true, ms: 240, overLimit: 0 });
    assert.equal(ready.text, '$(database) 3,214 files');
    assert.match(ready.tooltip, /loaded from the saved index \(3 changed files parsed again\) in 240 ms/);
    assert.match(ready.tooltip, /Click to rebuild/);
  });

  it('hides the item when the index is off and says what failed otherwise', () => {
    assert.equal(statusView({ kind: 'off', reason: 'off by setting' }).visible, false);
    const failed = statusView({ kind: 'failed', message: 'EACCES: permission denied' });
    assert.equal(failed.visible, true);
    assert.match(failed.tooltip, /EACCES: permission denied[\s\S]*work without it/);
  });
});

describe('codebase index in VS Code: language servers first, the index as fallback', function () {
  this.timeout(30_000);
  let workspace: ReturnType<typeof makeWorkspace>;
  let index: KnowledgeIndex;

  before(async () => {
    workspace = makeWorkspace();
    index = await indexOf(workspace.root);
  });
  after(() => workspace.dispose());

  it('asks about the identifiers just before the cursor, nearest first, keywords left out', () => {
    assert.deepEqual(cursorSymbols('    const user = this.users.findById('), [{ name: 'findById', character: 28 }, { name: 'users', character: 22 }]);
    assert.deepEqual(cursorSymbols('  return '), []);
  });

  it('turns a language server location into the index\'s definition there (signature and doc comment), and nothing outside the index', () => {
    const item = definitionAt(index, 'src/users/userRepository.ts', 10, 'findById');
    assert.equal(item?.symbol, 'UserRepository.findById');
    assert.deepEqual([item?.startLine, item?.endLine], [8, 9]);
    assert.match(item!.why, /defines `findById` \(language server\)/);
    assert.equal(definitionAt(index, 'node_modules/lib/index.d.ts', 3), undefined);
    assert.equal(definitionAt(index, 'generated/api.ts', 1), undefined, 'a .gitignore\'d file is not in the index');
  });

  it('puts the language server\'s definition before the index\'s guesses, without duplicates, within the budget', () => {
    const text = shopFiles['src/users/userService.ts']!;
    const fromIndex = completionContext(index, { path: 'src/users/userService.ts', text, ...positionOf(text, 'findById(id)'), budget: 1_500 }).items;
    const server = definitionAt(index, 'src/orders/orderRepository.ts', 11, 'findById')!;
    const merged = preferServerDefinitions([server], fromIndex, 1_500);
    assert.equal(merged[0]?.symbol, 'OrderRepository.findById');
    assert.ok(!merged.some((i) => i.kind === 'window'));
    assert.equal(new Set(merged.map((i) => `${i.path}:${i.startLine}`)).size, merged.length);
    assert.ok(merged.some((i) => i.symbol === 'UserRepository.findById'), 'the index\'s items follow');
    const small = preferServerDefinitions([server], fromIndex, server.tokens);
    assert.deepEqual(small.map((i) => i.symbol), ['OrderRepository.findById']);
  });

  it('adds the index\'s snippets unasked only for symbols the workspace defines that nothing attached shows', () => {
    assert.deepEqual(missingSymbols(index, 'Why does UserRepository.findById return undefined?', []), ['UserRepository', 'findById']);
    assert.deepEqual(missingSymbols(index, 'Why does UserRepository return undefined?', ['export class UserRepository {}']), [], 'already attached');
    assert.deepEqual(missingSymbols(index, 'Why is the total wrong? User says so.', []), [], 'prose words and a sentence-initial capital are not symbols');
    assert.deepEqual(missingSymbols(index, 'where is `retryWithBackoff` used', []), ['retryWithBackoff']);
    assert.deepEqual(missingSymbols(index, 'What does NoSuchThing do?', []), []);
  });

  it('shows each snippet as a chip with its place, score and reason, and sizes the budget to the model', () => {
    const chip = codebaseChip({ path: 'src/repo.ts', startLine: 10, endLine: 24, kind: 'snippet', symbol: 'UserRepository', tokens: 112, score: 0.834, why: 'defines `UserRepository` (named in the question)', text: 'class UserRepository {}' });
    assert.equal(chip.label, 'src/repo.ts:10-24');
    assert.equal(chip.detail, '0.83 · defines `UserRepository` (named in the question)');
    assert.equal(chip.kind, 'codebase');
    assert.equal(chip.language, 'typescript');
    assert.equal(codebaseBudget(8_192), 1_024);
    assert.equal(codebaseBudget(2_048), 500);
    assert.equal(codebaseBudget(1_000_000), 4_000);
  });

  it('merges the snippets of every folder of a multi-root workspace by score, each path under its folder, within the budget', () => {
    const item = (path: string, score: number, tokens = 100, startLine = 1): ContextItem => ({ path, startLine, endLine: startLine + 4, kind: 'snippet', tokens, score, why: 'matches', text: '' });
    const server: ContextItem = { ...item('src/money.ts', 1, 50), kind: 'definition', why: 'defines `sum` (language server)' };
    const merged = mergeFolderSnippets([
      { prefix: 'pocket-ledger/', lead: [server], items: [item('src/index.ts', 0.4), item('src/money.ts', 0.9)] },
      { prefix: 'shelf-keeper/', items: [item('src/index.ts', 0.7), item('src/shelf.ts', 0.2)] },
    ], 300);
    // The language server's answer first; then by score across folders; the overlapping index item
    // of the same lines is dropped; the budget (300 tokens) leaves out the weakest.
    assert.deepEqual(merged.map((i) => `${i.path}@${i.score}`), ['pocket-ledger/src/money.ts@1', 'shelf-keeper/src/index.ts@0.7', 'pocket-ledger/src/index.ts@0.4']);
    assert.equal(codebaseChip(merged[1]!).label, 'shelf-keeper/src/index.ts:1-5', 'the chip names the folder: two folders each have src/index.ts');
    // One folder: paths as they are.
    assert.deepEqual(mergeFolderSnippets([{ prefix: '', items: [item('src/a.ts', 0.5)] }], 300).map((i) => i.path), ['src/a.ts']);
  });
});
