import assert from 'node:assert/strict';
import { ContextGatherer } from '../../../src/core/completion/contextGatherer';
import { captureCursorContext } from '../../../src/core/completion/cursorContext';
import { createIgnoreMatcher, type DefinitionsQuery, type RelatedContextSource } from '../../../src/core/context';
import { ManualClock } from './manualClock';
import { MemoryDocument } from './memoryDocument';

const text = 'import { UserRepository } from "./repo";\nconst users = new UserRepository(db);\nusers.findById(';
const document = new MemoryDocument(text);
const position = { line: 2, character: 15 };
const cursor = captureCursorContext({ document, position, indentation: { tabSize: 2, insertSpaces: true }, triggerKind: 'automatic' });
const definition = { path: 'src/repo.ts', text: '/** The user with this id. */\nfindById(id: string): User | undefined', score: 1 };
const neighbour = { path: 'src/other.ts', languageId: 'typescript', text: 'const users = new UserRepository(db);\nusers.findById(id);\n', relation: 'open' as const };

describe('completion context: definitions from the workspace index', () => {
  it('puts the source\'s definitions for the cursor first, then the related-file snippets, all within the budget', async () => {
    const asked: DefinitionsQuery[] = [];
    const source: RelatedContextSource = { relatedFiles: () => [neighbour], definitions: (query) => { asked.push(query); return [definition]; } };
    const gatherer = new ContextGatherer(source, createIgnoreMatcher(), new ManualClock());
    const snippets = await gatherer.gather(document, cursor, 2_000, 50, undefined, position);
    assert.deepEqual(snippets.map((s) => [s.path, s.relation]), [['src/repo.ts', 'definition'], ['src/other.ts', 'open']]);
    assert.equal(snippets[0]!.text, definition.text);
    assert.deepEqual({ line: asked[0]!.line, character: asked[0]!.character, path: asked[0]!.path }, { line: 2, character: 15, path: 'src/file.ts' });
    assert.equal(asked[0]!.maxChars, 1_000, 'definitions get half of the related budget');
  });

  it('leaves out definitions over their share of the budget, in the current file, or in ignored files', async () => {
    const big = { path: 'src/big.ts', text: 'x'.repeat(600), score: 0.9 };
    const source: RelatedContextSource = {
      relatedFiles: () => [],
      definitions: () => [{ ...definition, path: 'src/file.ts' }, { ...definition, path: '.env.local' }, big, definition],
    };
    const gatherer = new ContextGatherer(source, createIgnoreMatcher(), new ManualClock());
    const snippets = await gatherer.gather(document, cursor, 1_000, 50, undefined, position);
    assert.deepEqual(snippets.map((s) => s.path), ['src/repo.ts']);
  });

  it('gives a request no definitions when the source fails or has not answered by the deadline, and the file snippets still', async () => {
    const clock = new ManualClock();
    const failing = new ContextGatherer({ relatedFiles: () => [neighbour], definitions: () => { throw new Error('index broken'); } }, createIgnoreMatcher(), clock);
    assert.deepEqual((await failing.gather(document, cursor, 2_000, 50, undefined, position)).map((s) => s.relation), ['open']);

    let answered = false;
    const slow = new ContextGatherer({ relatedFiles: () => [neighbour], definitions: () => new Promise((resolve) => clock.setTimeout(() => { answered = true; resolve([definition]); }, 200)) }, createIgnoreMatcher(), clock);
    const pending = slow.gather(document, cursor, 2_000, 50, undefined, position);
    await clock.advance(60);
    assert.deepEqual((await pending).map((s) => s.relation), ['open']);
    assert.equal(answered, false, 'the deadline came first');
  });

  it('uses a synchronous answer even when the deadline has passed (an explicit request gives gathering a few ms)', async () => {
    const clock = new ManualClock();
    await clock.advance(100);
    const gatherer = new ContextGatherer({ relatedFiles: () => [], definitions: () => [definition] }, createIgnoreMatcher(), clock);
    assert.deepEqual((await gatherer.gather(document, cursor, 2_000, 50, undefined, position)).map((s) => s.path), ['src/repo.ts']);
  });
});
