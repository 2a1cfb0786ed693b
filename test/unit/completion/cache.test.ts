import assert from 'node:assert/strict';
import { captureAnchor } from '../../../src/core/completion/anchor';
import { CompletionCache } from '../../../src/core/completion/completionCache';
import type { Position } from '../../../src/core/completion';
import { documentWithCursor } from './memoryDocument';

function setup(marked = 'function f() {\n  const total = █\n}') {
  const { document, position } = documentWithCursor(marked);
  const cache = new CompletionCache();
  cache.store({ id: 's1', anchor: captureAnchor(document, position), text: 'items.reduce(sum, 0);' });
  const lookup = (at: Position) => {
    const anchor = captureAnchor(document, at);
    return cache.lookup(document, at, anchor.before, anchor.lineSuffix);
  };
  return { document, position, cache, lookup };
}

describe('completion cache', () => {
  it('exact hit: the same place returns the stored suggestion', () => {
    const { position, lookup } = setup();
    assert.deepEqual({ ...lookup(position), entry: undefined }, { entry: undefined, kind: 'cache', remaining: 'items.reduce(sum, 0);' });
  });

  it('typed-through hit: typed characters that match the suggestion give the rest of it', () => {
    const { document, position, lookup } = setup();
    const after = document.insert(position, 'items.re');
    const hit = lookup(after);
    assert.equal(hit?.kind, 'typedThrough');
    assert.equal(hit?.remaining, 'duce(sum, 0);');
    assert.equal(hit?.entry.id, 's1');
  });

  it('a character that leaves the suggestion is a miss', () => {
    const { document, position, lookup } = setup();
    assert.equal(lookup(document.insert(position, 'itemz')), undefined);
  });

  it('typing the whole suggestion is a miss (nothing left to show)', () => {
    const { document, position, lookup } = setup();
    assert.equal(lookup(document.insert(position, 'items.reduce(sum, 0);')), undefined);
  });

  it('backspacing to a place seen before is an exact hit again', () => {
    const { document, position, lookup } = setup();
    const typed = document.insert(position, 'x');
    assert.equal(lookup(typed), undefined);
    assert.equal(lookup(document.backspace(typed))?.kind, 'cache');
  });

  it('an edit just above the place invalidates its suggestion (the context it was made for changed)', () => {
    const { document, position, lookup } = setup();
    document.insert({ line: 0, character: 0 }, '// note\n');
    const moved = { line: position.line + 1, character: position.character };
    assert.equal(lookup(moved), undefined, 'exact: the text before the cursor differs');
    assert.equal(lookup(document.insert(moved, 'items')), undefined, 'typed-through: the remembered anchor no longer holds');
  });

  it('an auto-inserted closer after the cursor does not break a typed-through hit', () => {
    const { document, position, cache } = setup('const v = █');
    cache.store({ id: 's2', anchor: captureAnchor(document, position), text: 'compute(a, b);' });
    const after = document.insert(position, 'compute(');
    document.insert(after, ')');
    const anchor = captureAnchor(document, after);
    const hit = cache.lookup(document, after, anchor.before, anchor.lineSuffix);
    assert.equal(hit?.remaining, 'a, b);');
  });

  it('typed-through across a line break of a multi-line suggestion', () => {
    const { document, position, cache } = setup('function f() {█\n}');
    cache.store({ id: 's3', anchor: captureAnchor(document, position), text: '\n  return 1;' });
    const after = document.insert(position, '\n  ret');
    const anchor = captureAnchor(document, after);
    assert.equal(cache.lookup(document, after, anchor.before, anchor.lineSuffix)?.remaining, 'urn 1;');
  });

  it('other documents never hit', () => {
    const { position, cache } = setup();
    const other = documentWithCursor('function f() {\n  const total = █\n}', 'typescript', 'file:///other.ts');
    const anchor = captureAnchor(other.document, position);
    assert.equal(cache.lookup(other.document, position, anchor.before, anchor.lineSuffix), undefined);
  });

  it('forget() drops a document\'s entries; the size stays bounded', () => {
    const { position, cache, lookup } = setup();
    cache.forget('file:///work/src/file.ts');
    assert.equal(lookup(position), undefined);
    const small = new CompletionCache(3, 2);
    const { document } = documentWithCursor('x█');
    for (let i = 0; i < 10; i++) {
      document.insert({ line: 0, character: 0 }, 'a');
      small.store({ id: `e${i}`, anchor: captureAnchor(document, { line: 0, character: i + 1 }), text: 'zz' });
    }
    const first = { line: 0, character: 1 };
    const anchor = captureAnchor(document, first);
    assert.equal(small.lookup(document, first, anchor.before, anchor.lineSuffix), undefined);
  });
});
