import type { Hunk } from '../diff/hunks';
import { splitKeepingEols, stripEol } from '../text/lineText';

/** Where the user stands on one hunk. */
export type HunkState = 'pending' | 'accepted' | 'rejected';

/** What a line of the review document is: unchanged text, or a hunk's old or new line. */
export type ReviewLineKind = 'context' | 'old' | 'new';

export interface ReviewLine {
  kind: ReviewLineKind;
  /** The hunk (its id) an old or new line belongs to. */
  hunk?: number;
}

/** Where one hunk sits in the review document; line numbers are 0-based, ends exclusive. */
export interface HunkPlacement {
  hunk: number;
  state: HunkState;
  /** The line its CodeLens sits on: its first shown line, or where it would be when it shows none. */
  anchorLine: number;
  /** Its old lines as shown (empty range when not shown). */
  old: { start: number; end: number };
  /** Its new lines as shown (empty range when not shown). */
  new: { start: number; end: number };
}

export interface ReviewDocument {
  /** The file with every hunk inline, one line per entry of `lines`, joined by '\n'. */
  text: string;
  lines: ReviewLine[];
  /** One per hunk, in document order. */
  hunks: HunkPlacement[];
}

/**
 * The read-only document a review shows: the base text with every hunk inline. A pending hunk
 * shows its old lines followed by its new lines, an accepted one only its new lines, a rejected
 * one only its old lines. Lines are shown without their terminators (and without a BOM): the
 * document is for reading; the exact text comes from `applyHunks`.
 */
export function renderReviewDocument(baseText: string, hunks: readonly Hunk[], stateOf: (hunk: number) => HunkState): ReviewDocument {
  const base = splitKeepingEols(baseText);
  const shown: string[] = [];
  const lines: ReviewLine[] = [];
  const placements: HunkPlacement[] = [];
  const push = (token: string, line: ReviewLine) => {
    shown.push(stripEol(token));
    lines.push(line);
  };
  let cursor = 0;
  for (const hunk of [...hunks].sort((x, y) => x.oldStart - y.oldStart)) {
    for (; cursor < hunk.oldStart; cursor++) push(base[cursor]!, { kind: 'context' });
    const state = stateOf(hunk.id);
    const oldStart = lines.length;
    if (state !== 'accepted') for (const token of hunk.oldLines) push(token, { kind: 'old', hunk: hunk.id });
    const newStart = lines.length;
    if (state !== 'rejected') for (const token of hunk.newLines) push(token, { kind: 'new', hunk: hunk.id });
    placements.push({ hunk: hunk.id, state, anchorLine: oldStart, old: { start: oldStart, end: newStart }, new: { start: newStart, end: lines.length } });
    cursor = hunk.oldStart + hunk.oldLines.length;
  }
  for (; cursor < base.length; cursor++) push(base[cursor]!, { kind: 'context' });
  // A hunk that shows no line (an accepted deletion, a rejected insertion) anchors on the line after it.
  const lastLine = Math.max(0, lines.length - 1);
  for (const placement of placements) placement.anchorLine = Math.min(placement.anchorLine, lastLine);
  if (shown.length > 0) shown[0] = shown[0]!.replace(/^\uFEFF/, '');
  return { text: shown.join('\n'), lines, hunks: placements };
}

/** The hunk (id) whose shown lines include `line`, if any. */
export function hunkAtLine(review: ReviewDocument, line: number): number | undefined {
  return review.lines[line]?.hunk;
}

/**
 * The hunk a command without an explicit hunk means: the one under the cursor, else the first
 * pending one after it, else the last pending one before it.
 */
export function hunkForCursor(review: ReviewDocument, line: number): number | undefined {
  const under = hunkAtLine(review, line);
  if (under !== undefined) return under;
  const pending = review.hunks.filter((h) => h.state === 'pending');
  const candidates = pending.length > 0 ? pending : review.hunks;
  return (candidates.find((h) => h.anchorLine >= line) ?? candidates[candidates.length - 1])?.hunk;
}

/**
 * The next (or previous) pending hunk from `line`, wrapping around the file; any hunk when none is
 * pending. Undefined only when the file has no hunks.
 */
export function adjacentHunk(review: ReviewDocument, line: number, direction: 1 | -1): HunkPlacement | undefined {
  const pending = review.hunks.filter((h) => h.state === 'pending');
  const candidates = pending.length > 0 ? pending : review.hunks;
  if (candidates.length === 0) return undefined;
  const current = hunkAtLine(review, line);
  if (direction === 1) return candidates.find((h) => h.anchorLine > line && h.hunk !== current) ?? candidates[0];
  const before = candidates.filter((h) => h.anchorLine < line && h.hunk !== current);
  return before[before.length - 1] ?? candidates[candidates.length - 1];
}
