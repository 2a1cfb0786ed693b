// Review hunks: exact reproduction for any accepted subset, line endings included, and a bounded
// worst case (the diff falls back from jsdiff to a patience diff on large rewrites).
import assert from 'node:assert/strict';
import { applyHunks, computeHunks, diffLineArrays, formatUnifiedDiff } from '../../../src/core/edits';

function subsets(count: number): number[][] {
  const all: number[][] = [];
  for (let mask = 0; mask < 1 << count; mask++) all.push([...Array(count).keys()].filter((k) => mask & (1 << k)));
  return all;
}

/** Deterministic pseudo-random numbers, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('computeHunks / applyHunks', () => {
  const oldText = '\uFEFFline 1\r\nline 2\r\nline 3\r\nline 4\r\nline 5\r\nline 6\r\nline 7';
  const newText = '\uFEFFline 1\r\nline two\r\nline 3\r\nline 4\r\ninserted\r\nline 5\r\nline 6\r\nline 7\r\n';

  it('splits a change into hunks whose lines keep their terminators', () => {
    const hunks = computeHunks(oldText, newText);
    assert.deepEqual(hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines]), [
      [1, ['line 2\r\n'], 1, ['line two\r\n']],
      [4, [], 4, ['inserted\r\n']],
      [6, ['line 7'], 7, ['line 7\r\n']],
    ]);
  });

  it('reproduces the exact text for every subset of accepted hunks: none gives the old text, all the new', () => {
    const hunks = computeHunks(oldText, newText);
    for (const accepted of subsets(hunks.length)) {
      const text = applyHunks(oldText, hunks, accepted);
      const expected = [
        '\uFEFFline 1\r\n',
        accepted.includes(0) ? 'line two\r\n' : 'line 2\r\n',
        'line 3\r\nline 4\r\n',
        accepted.includes(1) ? 'inserted\r\n' : '',
        'line 5\r\nline 6\r\n',
        accepted.includes(2) ? 'line 7\r\n' : 'line 7',
      ].join('');
      assert.equal(text, expected, `accepted ${accepted.join(',')}`);
    }
    assert.equal(applyHunks(oldText, hunks, []), oldText);
    assert.equal(applyHunks(oldText, hunks, hunks.map((h) => h.id)), newText);
  });

  it('refuses hunks computed for another text', () => {
    const hunks = computeHunks(oldText, newText);
    assert.throws(() => applyHunks('something else\n', hunks, [0]), /does not fit/);
  });

  it('gives a valid diff on random edits whether jsdiff or the patience fallback runs', () => {
    const next = random(42);
    for (let round = 0; round < 30; round++) {
      const a = Array.from({ length: 200 + Math.floor(next() * 200) }, () => `line ${Math.floor(next() * 60)}`);
      const b = a.flatMap((line) => (next() < 0.1 ? [] : next() < 0.1 ? [line, `new ${Math.floor(next() * 1000)}`] : next() < 0.05 ? [`changed ${line}`] : [line]));
      const maxEditLength = round % 2 === 0 ? 256 : 1; // odd rounds force the fallback
      const regions = diffLineArrays(a, b, { maxEditLength });
      const rebuilt: string[] = [];
      let cursor = 0;
      for (const region of regions) {
        rebuilt.push(...a.slice(cursor, region.oldStart), ...b.slice(region.newStart, region.newEnd));
        cursor = region.oldEnd;
        assert.ok(region.oldStart <= region.oldEnd && region.newStart <= region.newEnd);
      }
      rebuilt.push(...a.slice(cursor));
      assert.deepEqual(rebuilt, b, `round ${round}`);
    }
  });

  it('diffs an all-different 6000-line file in well under the 100 ms budget', () => {
    const before = Array.from({ length: 6000 }, (_, i) => `  const a${i} = compute(${i});`).join('\n');
    const after = Array.from({ length: 6000 }, (_, i) => `  let b${i} = other(${i * 7});`).join('\n');
    computeHunks(before, after); // warm up
    const started = performance.now();
    const hunks = computeHunks(before, after);
    const elapsed = performance.now() - started;
    assert.equal(applyHunks(before, hunks, hunks.map((h) => h.id)), after);
    assert.ok(elapsed < 100, `took ${elapsed.toFixed(1)} ms`);
  });

  it('formats a unified diff with context and the no-newline marker', () => {
    assert.equal(
      formatUnifiedDiff('a.txt', 'one\ntwo\nthree', 'one\n2\nthree\n'),
      '--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n-three\n\\ No newline at end of file\n+2\n+three\n',
    );
    assert.equal(formatUnifiedDiff('new.txt', undefined, 'hi\n'), '--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1 @@\n+hi\n');
    assert.equal(formatUnifiedDiff('same.txt', 'x\n', 'x\n'), '');
  });
});
