// Decisions -> the exact text written, the words for what is pending, the guard against binary and
// huge texts, aligning a proposal with the document, and merging with the user's typing.
import assert from 'node:assert/strict';
import { computeHunks, overlaps, threeWayMerge } from '../../../src/core/edits';
import {
  alignToDocument, countDecisions, decidedText, fileHeadline, fileProgress, hunkPosition, hunksTouchedByUser,
  mergeWithUserEdits, pendingSummary, settledStatus, unreviewableReason, type HunkState,
} from '../../../src/core/edits/review';

const states = (...list: HunkState[]) => (id: number) => list[id] ?? 'pending';

describe('review decisions', () => {
  it('writes exactly the accepted hunks, keeping CRLF, BOM and a missing final newline', () => {
    const base = '\uFEFFalpha\r\nbeta\r\ngamma\r\ndelta';
    const proposal = '\uFEFFalpha\r\nBETA\r\ngamma\r\nDELTA';
    const hunks = computeHunks(base, proposal);
    assert.equal(hunks.length, 2);
    assert.equal(decidedText(base, hunks, states('accepted', 'accepted')), proposal);
    assert.equal(decidedText(base, hunks, states('rejected', 'rejected')), base);
    assert.equal(decidedText(base, hunks, states('rejected', 'accepted')), '\uFEFFalpha\r\nbeta\r\ngamma\r\nDELTA');
    assert.equal(decidedText(base, hunks, states('accepted', 'rejected')), '\uFEFFalpha\r\nBETA\r\ngamma\r\ndelta');
    assert.equal(decidedText(base, hunks, states('pending', 'accepted')), '\uFEFFalpha\r\nbeta\r\ngamma\r\nDELTA', 'pending counts as not accepted');
  });

  it('adds or drops a final newline only with its hunk', () => {
    const base = 'a\nmiddle\nb';
    const hunks = computeHunks(base, 'A\nmiddle\nb\n');
    assert.equal(hunks.length, 2);
    assert.equal(decidedText(base, hunks, states('accepted', 'rejected')), 'A\nmiddle\nb');
    assert.equal(decidedText(base, hunks, states('rejected', 'accepted')), 'a\nmiddle\nb\n');
  });

  it('counts decisions and names how a file ended', () => {
    const counts = countDecisions(['accepted', 'pending', 'rejected', 'accepted']);
    assert.deepEqual(counts, { total: 4, pending: 1, accepted: 2, rejected: 1 });
    assert.equal(settledStatus({ total: 2, pending: 0, accepted: 2, rejected: 0 }), 'accepted');
    assert.equal(settledStatus({ total: 2, pending: 0, accepted: 1, rejected: 1 }), 'partial');
    assert.equal(settledStatus({ total: 2, pending: 0, accepted: 0, rejected: 2 }), 'rejected');
  });
});

describe('review summaries', () => {
  it('says what is pending across files', () => {
    assert.equal(pendingSummary([2, 1]), '3 changes pending in 2 files');
    assert.equal(pendingSummary([1]), '1 change pending in 1 file');
    assert.equal(pendingSummary([0, 4]), '4 changes pending in 1 file', 'a file with nothing pending is not counted');
    assert.equal(pendingSummary([]), '');
    assert.equal(pendingSummary([0]), '');
  });

  it('says where a file and a hunk stand', () => {
    assert.equal(fileProgress(2, 3), '2 of 3 pending');
    assert.equal(hunkPosition(1, 5), '2 of 5');
    assert.equal(fileHeadline(2, false), '2 pending');
    assert.equal(fileHeadline(0, false), 'all decided');
    assert.equal(fileHeadline(1, true), '1 pending · ⚠ file changed since the proposal');
  });
});

describe('reviewable texts', () => {
  it('refuses binary text and texts over 5 MB, with a sentence naming the file', () => {
    assert.equal(unreviewableReason('plain text\n', 'a.ts'), undefined);
    assert.equal(unreviewableReason('x'.repeat(5 * 1024 * 1024), 'a.ts'), undefined, 'exactly 5 MB is fine');
    assert.match(unreviewableReason('x'.repeat(5 * 1024 * 1024 + 1), 'a.ts')!, /^a\.ts is 5\.0 MB; Tandem reviews files up to 5 MB, so the change was not applied\.$/);
    assert.match(unreviewableReason('é'.repeat(3 * 1024 * 1024), 'b.ts')!, /^b\.ts is 6\.0 MB/, 'counted in UTF-8 bytes');
    assert.equal(unreviewableReason('PNG\0\0data', 'logo.png'), 'logo.png looks binary (it contains NUL characters); Tandem only reviews text, so the change was not applied.');
  });
});

describe('aligning a proposal with the document', () => {
  it('drops a BOM the document keeps out of its text', () => {
    assert.deepEqual(alignToDocument('\uFEFFa\n', '\uFEFFb\n', 'a\n'), { base: 'a\n', proposed: 'b\n' });
  });

  it('takes the document\'s line endings when they are the only difference', () => {
    assert.deepEqual(alignToDocument('a\nb\n', 'a\nB\nc\n', 'a\r\nb\r\n'), { base: 'a\r\nb\r\n', proposed: 'a\r\nB\r\nc\r\n' });
  });

  it('leaves real differences for the merge', () => {
    assert.deepEqual(alignToDocument('a\nb\n', 'a\nB\n', 'a\nbb\n'), { base: 'a\nb\n', proposed: 'a\nB\n' });
    assert.deepEqual(alignToDocument('same\n', 'new\n', 'same\n'), { base: 'same\n', proposed: 'new\n' });
  });
});

describe('merging with the user\'s typing', () => {
  const base = ['function total() {', '  return 1;', '}', '', 'function count() {', '  return 2;', '}', ''].join('\n');
  const decided = base.replace('  return 1;', '  return 100;');

  it('keeps the user\'s edits elsewhere in the file', () => {
    const current = base.replace('  return 2;', '  return 20;');
    assert.deepEqual(mergeWithUserEdits(base, decided, current), { ok: true, text: decided.replace('  return 2;', '  return 20;') });
  });

  it('is the decided text when the user typed nothing, and the user\'s text when nothing was accepted', () => {
    assert.deepEqual(mergeWithUserEdits(base, decided, base), { ok: true, text: decided });
    const current = base.replace('}', '} // end');
    assert.deepEqual(mergeWithUserEdits(base, base, current), { ok: true, text: current });
  });

  it('refuses when the user changed the lines an accepted change replaces, naming the user\'s lines', () => {
    const current = `// header\n// more\n${base.replace('  return 1;', '  return -1;')}`;
    const merged = mergeWithUserEdits(base, decided, current);
    assert.deepEqual(merged, { ok: false, message: 'you changed line 4 while the review was open, and an accepted change touches the same lines (line 2 of the original)' });
  });

  it('names a range of lines', () => {
    const wide = base.replace('function total() {\n  return 1;\n}', 'function total() {\n  const x = 1;\n  return x;\n}');
    const current = base.replace('function total() {\n  return 1;', 'function sum() {\n  return 3;');
    const merged = mergeWithUserEdits(base, wide, current);
    assert.equal(merged.ok, false);
    assert.match(!merged.ok ? merged.message : '', /^you changed lines 1-2 while the review was open/);
  });

  it('flags the hunks the user\'s edits touch', () => {
    const proposal = base.replace('  return 1;', '  return 100;').replace('  return 2;', '  return 200;');
    const hunks = computeHunks(base, proposal);
    assert.deepEqual([...hunksTouchedByUser(base, base, hunks)], []);
    assert.deepEqual([...hunksTouchedByUser(base, base.replace('  return 2;', '  return 2; // two'), hunks)], [1]);
    assert.deepEqual([...hunksTouchedByUser(base, base.replace('function count', 'function counted'), hunks)], [], 'a neighbouring line is not an overlap');
    assert.deepEqual([...hunksTouchedByUser(base, base.replace('  return 1;\n', '  return 1;\n  // note\n'), hunks)], [0], 'an insertion at the edge of a hunk is');
  });
});

describe('threeWayMerge and overlaps (exported for the review)', () => {
  it('merges changes to different lines and reports the first overlapping pair', () => {
    assert.deepEqual(threeWayMerge('a\nb\nc\n', 'A\nb\nc\n', 'a\nb\nC\n'), { ok: true, text: 'A\nb\nC\n' });
    assert.deepEqual(threeWayMerge('a\nb\nc\n', 'a\nB\nc\n', 'a\nb!\nc\n'), {
      ok: false, conflict: { model: { oldStart: 1, oldEnd: 2, newStart: 1, newEnd: 2 }, user: { oldStart: 1, oldEnd: 2, newStart: 1, newEnd: 2 } },
    });
  });

  it('treats touching replacements as separate and an insertion at an edge as overlapping', () => {
    const region = (oldStart: number, oldEnd: number) => ({ oldStart, oldEnd, newStart: oldStart, newEnd: oldEnd });
    assert.equal(overlaps(region(1, 2), region(2, 3)), false);
    assert.equal(overlaps(region(1, 3), region(2, 3)), true);
    assert.equal(overlaps(region(2, 2), region(1, 2)), true);
    assert.equal(overlaps(region(4, 4), region(1, 2)), false);
  });
});
