import assert from 'node:assert/strict';
import { ChunkSearch } from '../../../src/core/knowledge/chunkSearch';
import type { FileSymbols } from '../../../src/core/knowledge/fileSymbols';

/** `count` files of one function each; every body says "options", every 500th one also "retry". */
function chunks(count: number): ChunkSearch {
  const search = new ChunkSearch();
  for (let i = 0; i < count; i++) {
    const name = i % 500 === 0 ? `retryJob${i}` : `buildWidget${i}`;
    const text = `export function ${name}(options: Options) {}`;
    const file: FileSymbols = {
      path: `src/f${i}.ts`, language: 'typescript', size: text.length, mtimeMs: 0, lineCount: 1, references: ['Options'],
      definitions: [{ name, kind: 'function', range: { start: 1, end: 1 }, summary: { start: 1, end: 1 }, text }],
    };
    search.setFile(file, [`${text} options options`]);
  }
  return search;
}

describe('knowledge: full-text search over symbol chunks', () => {
  it('leaves out a word most chunks have when the question has rarer ones, so it does not score every chunk', () => {
    const search = chunks(3_000);
    const hits = search.query('retry options', 20);
    assert.deepEqual(hits.map((h) => h.path), ['src/f0.ts', 'src/f500.ts', 'src/f1000.ts', 'src/f1500.ts', 'src/f2000.ts', 'src/f2500.ts'].sort((a, b) => hits.findIndex((h) => h.path === a) - hits.findIndex((h) => h.path === b)));
    assert.equal(hits.length, 6, 'only the chunks with the distinctive word');
    assert.ok(hits.every((h) => h.matched.join() === 'retry'), JSON.stringify(hits[0]));
  });

  it('keeps the rarest word when every word is common, and every word on a small index', () => {
    const large = chunks(3_000);
    const common = large.query('options build', 5);
    assert.equal(common.length, 5);
    assert.ok(common.every((h) => h.matched.join() === 'build'), `the rarer of two common words: ${JSON.stringify(common[0])}`);
    assert.equal(large.query('options gadget', 5).length, 5, 'a word no chunk has is not taken for a rare one');
    const small = chunks(300);
    const both = small.query('retry options', 400);
    assert.equal(both.length, 300, 'a small index scores every word: all chunks have "options"');
    assert.ok(both[0]?.matched.includes('retry') && both[0].matched.includes('options'), 'the chunk with both words first');
  });

  it('tells a question made only of common words (which search_symbols then answers from names alone)', () => {
    const large = chunks(3_000);
    assert.equal(large.onlyCommonTerms('options'), true);
    assert.equal(large.onlyCommonTerms('Options build'), true);
    assert.equal(large.onlyCommonTerms('retry options'), false, 'one rarer word is enough to search for');
    assert.equal(large.onlyCommonTerms('gadget'), false, 'a word no chunk has');
    assert.equal(chunks(300).onlyCommonTerms('options'), false, 'a small index scores everything');
  });
});
