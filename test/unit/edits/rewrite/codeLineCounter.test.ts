import assert from 'node:assert/strict';
import { streamedCodeLines } from '../../../../src/core/edits/rewrite';
import { StreamedCodeLineCounter } from '../../../../src/core/edits/rewrite/codeLineCounter';

/** A tiny deterministic generator, so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const pieces = [
  'const a = 1;\n', '\n', '   \n', '```ts\n', '```\n', '~~~\n', '```', 'Here is the code:\n', '<think>\n', 'let me think\n',
  '</think>\n', '</think>', '<thinking>', '</thinking>\n', '  return x;\n', 'return y;', 'x', '```python\n', '</reasoning>\n',
];

describe('StreamedCodeLineCounter', () => {
  it('counts what streamedCodeLines counts, after every delta, however the answer is split', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      const answer = Array.from({ length: 3 + Math.floor(next() * 14) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
      const counter = new StreamedCodeLineCounter();
      let at = 0;
      while (at < answer.length) {
        const size = 1 + Math.floor(next() * 9);
        counter.push(answer.slice(at, at + size));
        at += size;
        const prefix = answer.slice(0, at);
        assert.equal(counter.count(), streamedCodeLines(prefix), `seed ${seed}: ${JSON.stringify(prefix)}`);
      }
    }
  });
});
