// The review document: every hunk inline, a line map back to the hunks, and the cursor logic the
// hunk commands use.
import assert from 'node:assert/strict';
import { computeHunks } from '../../../src/core/edits';
import { adjacentHunk, hunkAtLine, hunkForCursor, renderReviewDocument, type HunkState } from '../../../src/core/edits/review';

const base = ['one', 'two', 'three', 'four', 'five', 'six', ''].join('\n');
// hunk 0 replaces "two", hunk 1 inserts after "four", hunk 2 deletes "six"
const proposed = ['one', 'TWO', 'three', 'four', 'four and a half', 'five', ''].join('\n');
const hunks = computeHunks(base, proposed);
const states = (...list: HunkState[]) => (id: number) => list[id] ?? 'pending';

describe('review document', () => {
  it('has the three hunks the example is about', () => {
    assert.deepEqual(hunks.map((h) => [h.oldStart, h.oldLines, h.newLines]), [
      [1, ['two\n'], ['TWO\n']],
      [4, [], ['four and a half\n']],
      [5, ['six\n'], []],
    ]);
  });

  it('shows a pending hunk as its old lines followed by its new lines, with a line map', () => {
    const review = renderReviewDocument(base, hunks, states());
    assert.equal(review.text, ['one', 'two', 'TWO', 'three', 'four', 'four and a half', 'five', 'six'].join('\n'));
    assert.deepEqual(review.lines, [
      { kind: 'context' }, { kind: 'old', hunk: 0 }, { kind: 'new', hunk: 0 }, { kind: 'context' }, { kind: 'context' },
      { kind: 'new', hunk: 1 }, { kind: 'context' }, { kind: 'old', hunk: 2 },
    ]);
    assert.deepEqual(review.hunks, [
      { hunk: 0, state: 'pending', anchorLine: 1, old: { start: 1, end: 2 }, new: { start: 2, end: 3 } },
      { hunk: 1, state: 'pending', anchorLine: 5, old: { start: 5, end: 5 }, new: { start: 5, end: 6 } },
      { hunk: 2, state: 'pending', anchorLine: 7, old: { start: 7, end: 8 }, new: { start: 8, end: 8 } },
    ]);
  });

  it('shows an accepted hunk as its new lines only and a rejected one as its old lines only', () => {
    const review = renderReviewDocument(base, hunks, states('accepted', 'rejected', 'accepted'));
    assert.equal(review.text, ['one', 'TWO', 'three', 'four', 'five'].join('\n'));
    assert.deepEqual(review.lines.map((line) => `${line.kind}${line.hunk ?? ''}`), ['context', 'new0', 'context', 'context', 'context']);
    // A hunk that shows no line anchors its CodeLens on the line after it (clamped to the last line).
    assert.deepEqual(review.hunks.map((h) => h.anchorLine), [1, 4, 4]);
  });

  it('shows lines without terminators or BOM, whatever the file uses', () => {
    const crlf = '\uFEFFa\r\nb\r\nc';
    const review = renderReviewDocument(crlf, computeHunks(crlf, '\uFEFFa\r\nB\r\nc\r\n'), states());
    // "c" gains a newline, so it changes too: one hunk of two lines.
    assert.equal(review.text, 'a\nb\nc\nB\nc');
    assert.deepEqual(review.lines.map((line) => line.kind), ['context', 'old', 'old', 'new', 'new']);
  });

  it('renders a new file as its new lines, and nothing once rejected', () => {
    const created = computeHunks('', 'x\ny\n');
    assert.equal(renderReviewDocument('', created, states()).text, 'x\ny');
    const rejected = renderReviewDocument('', created, states('rejected'));
    assert.equal(rejected.text, '');
    assert.equal(rejected.hunks[0]!.anchorLine, 0);
  });

  it('finds the hunk under the cursor, else the next pending one, else the last pending one', () => {
    const review = renderReviewDocument(base, hunks, states('pending', 'accepted', 'pending'));
    assert.equal(hunkAtLine(review, 2), 0);
    assert.equal(hunkAtLine(review, 0), undefined);
    assert.equal(hunkForCursor(review, 0), 0);
    assert.equal(hunkForCursor(review, 5), 1, 'the accepted hunk under the cursor is still meant (for Undo)');
    assert.equal(hunkForCursor(review, 3), 2, 'the next pending one, skipping the decided one');
    const lastPending = renderReviewDocument(base, hunks, states('pending', 'accepted', 'accepted'));
    assert.equal(hunkForCursor(lastPending, 6), 0);
  });

  it('moves to the next and previous pending hunk, wrapping around', () => {
    const review = renderReviewDocument(base, hunks, states());
    assert.equal(adjacentHunk(review, 0, 1)?.hunk, 0);
    assert.equal(adjacentHunk(review, 1, 1)?.hunk, 1);
    assert.equal(adjacentHunk(review, 2, 1)?.hunk, 1, 'from inside a hunk to the next one');
    assert.equal(adjacentHunk(review, 7, 1)?.hunk, 0, 'wraps to the first');
    assert.equal(adjacentHunk(review, 7, -1)?.hunk, 1);
    assert.equal(adjacentHunk(review, 1, -1)?.hunk, 2, 'wraps to the last');
    const decided = renderReviewDocument(base, hunks, states('accepted', 'pending', 'rejected'));
    assert.equal(adjacentHunk(decided, 0, 1)?.hunk, 1, 'only pending hunks');
    assert.equal(adjacentHunk(decided, 6, 1)?.hunk, 1);
    assert.equal(adjacentHunk(renderReviewDocument(base, [], states()), 0, 1), undefined);
  });
});
