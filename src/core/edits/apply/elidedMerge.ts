import { makeReindenter } from '../match/indentation';
import { lineKeyOf } from '../match/target';
import { describeTokenDifferences } from '../match/tokenCompare';
import { isBlank, leadingWhitespace, trimEnd } from '../text/normalize';
import { normalizedSimilarity } from '../text/similarity';
import { align, focusWindow, isDistinctive, MAX_CELLS, type ElidedCode, type Op } from './elidedAlignment';
import { pairModifiedLines } from './elidedJunctions';
import { nearMissAnchor } from './elidedNearMiss';
import type { OutputLine, WorkingText } from './workingText';

export type { ElidedCode } from './elidedAlignment';

export type MergeOutcome =
  | { ok: true; lines: OutputLine[]; score: number; matchedSpan: [number, number]; distinctMatched: number; removed: number[]; warnings: string[] }
  | { ok: false; code: 'cannot-place' | 'too-large' | 'ambiguous'; reason: string };

/**
 * Merges a code block with elision comments ("// ... existing code ...") into the file: an
 * alignment in which each elision comment stands for any run of file lines, the other lines either
 * match a file line, are new, or (costly) the file line is dropped. `mask` hides file lines from
 * matching (used to ask "is there a second, equally good place?").
 */
export function mergeElided(doc: WorkingText, code: ElidedCode, mask?: ReadonlySet<number>): MergeOutcome {
  const file = doc.lines;
  const window = focusWindow(doc, code, mask);
  if ((code.lines.length + 1) * (window[1] - window[0] + 1) > MAX_CELLS) {
    return { ok: false, code: 'too-large', reason: `The file (${file.length} lines) is too large to merge a code block with elided parts into; send SEARCH/REPLACE blocks instead.` };
  }
  const { ops, score, loose } = align(doc, code, window, mask);
  const placed = placeSegments(ops, code, file);
  if (placed) return placed;
  if (!mask) {
    const ambiguous = ambiguousSegment(doc, code, ops, score);
    if (ambiguous) return ambiguous;
  }
  pairModifiedLines(ops, code, file);
  const misremembered = nearMissAnchor(ops, code, file);
  if (misremembered) return { ok: false, code: 'cannot-place', reason: misremembered };
  return render(doc, ops, code, score, loose);
}

/** A second placement scoring within this of the chosen one is as good: the segment's place would be a guess. */
const SAME_SCORE = 20;

/**
 * A stretch of code between two elision comments must be placed by its own lines, not by a guess:
 * with the file lines it matched hidden, it must fit nowhere else about as well. Else the place is
 * ambiguous and both places are named.
 */
function ambiguousSegment(doc: WorkingText, code: ElidedCode, ops: readonly Op[], score: number): MergeOutcome | undefined {
  for (const [from, to] of segments(code)) {
    if (!code.elided[from - 1] || !code.elided[to]) continue; // pinned to the start or end of the file
    const matched = matchedFiles(ops, from, to);
    if (matched.length === 0) continue;
    const mask = new Set(matched);
    const alternative = align(doc, code, focusWindow(doc, code, mask), mask);
    if (alternative.score < score - SAME_SCORE) continue;
    const elsewhere = matchedFiles(alternative.ops, from, to);
    // As good only if it places as many of the segment's telling lines.
    if (elsewhere.length === 0 || telling(alternative.ops, code, from, to) < telling(ops, code, from, to)) continue;
    const span = (lines: number[]) => `lines ${Math.min(...lines) + 1}-${Math.max(...lines) + 1}`;
    const first = code.lines.slice(from, to).find(isDistinctive)?.trim() ?? '';
    return {
      ok: false, code: 'ambiguous',
      reason: `The code between two elision comments starting "${first.slice(0, 60)}" fits 2 places in the file (${span(matched)}, ${span(elsewhere)}) and nothing next to it says which; include a neighbouring line that occurs only once.`,
    };
  }
  return undefined;
}

/** Code line ranges [from, to) between elision comments (and the block's ends). */
function segments(code: ElidedCode): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i <= code.lines.length; i++) {
    if (i < code.lines.length && !code.elided[i]) continue;
    if (i > start) out.push([start, i]);
    start = i + 1;
  }
  return out;
}

function telling(ops: readonly Op[], code: ElidedCode, from: number, to: number): number {
  return ops.filter((op) => op.kind === 'match' && op.code >= from && op.code < to && isDistinctive(code.lines[op.code]!)).length;
}

function matchedFiles(ops: readonly Op[], from: number, to: number): number[] {
  return ops.flatMap((op) => (op.kind === 'match' && op.code >= from && op.code < to ? [op.file] : []));
}

/**
 * A stretch of new code between two elision comments that shares no telling line with the file
 * has no place (a brace or a blank line could be anywhere): refuse, naming the file line its first
 * telling line comes closest to and the tokens that differ.
 */
function placeSegments(ops: Op[], code: ElidedCode, file: readonly string[]): MergeOutcome | undefined {
  const matchedCode = new Set(ops.flatMap((op) => (op.kind === 'match' ? [op.code] : [])));
  if (matchedCode.size === 0) {
    const first = code.lines.find((line, i) => !code.elided[i] && isDistinctive(line));
    return { ok: false, code: 'cannot-place', reason: `None of the code block's lines are in the file, so the elided parts cannot be placed; send SEARCH/REPLACE blocks or the whole file.${first ? nearMiss(first, file) : ''}` };
  }
  let segmentStart = -1;
  for (let i = 0; i <= code.lines.length; i++) {
    if (i < code.lines.length && !code.elided[i]) continue;
    const bounded = segmentStart >= 0 && i < code.lines.length;
    const lines = code.lines.slice(segmentStart + 1, i);
    // Blank lines and braces match anywhere, so they do not place a stretch of code.
    const anyMatched = lines.some((line, k) => matchedCode.has(segmentStart + 1 + k) && isDistinctive(line));
    if (bounded && !anyMatched && lines.some((line) => !isBlank(line))) {
      const first = lines.find(isDistinctive) ?? lines.find((line) => !isBlank(line))!;
      return { ok: false, code: 'cannot-place', reason: `The code between two elision comments starting "${first.trim().slice(0, 60)}" shares no line with the file, so where it goes is unknown; include a line of the existing code next to it.${nearMiss(first, file)}` };
    }
    segmentStart = i;
  }
  return undefined;
}

/**
 * A dedented excerpt is the file's text shifted left by the same amount on every line: the most
 * common difference between a matched line's indentation and the file's. Lines the code block
 * indents deeper or shallower than the file (moved into a new block) keep that difference.
 */
function shifter(pairs: ReadonlyArray<{ search: number; file: number }>, code: ElidedCode, file: readonly string[]): (line: string) => string {
  const votes = new Map<string, number>();
  for (const { search, file: f } of pairs) {
    const own = leadingWhitespace(code.lines[search]!);
    const theirs = leadingWhitespace(file[f]!);
    if (!theirs.endsWith(own)) continue;
    const added = theirs.slice(0, theirs.length - own.length);
    votes.set(added, (votes.get(added) ?? 0) + 1);
  }
  const shift = [...votes].sort((x, y) => y[1] - x[1])[0]?.[0] ?? '';
  return (line) => (isBlank(line) ? line : shift + line);
}

/** " The closest file line is 42, where the code block says `userIds`, the file has `userId`." or nothing. */
function nearMiss(line: string, file: readonly string[]): string {
  const wanted = lineKeyOf('fuzzy', line);
  let best = -1;
  let bestScore = 0.6;
  for (let j = 0; j < file.length; j++) {
    if (!similarityBoundOk(wanted, file[j]!)) continue;
    const score = normalizedSimilarity(wanted, lineKeyOf('fuzzy', file[j]!));
    if (score > bestScore) [best, bestScore] = [j, score];
  }
  if (best < 0) return '';
  const differences = describeTokenDifferences([line], [file[best]!], best + 1, 'the code block');
  return differences ? ` Its closest line in the file is line ${best + 1}, where ${differences}.` : '';
}

function similarityBoundOk(wanted: string, fileLine: string): boolean {
  const length = fileLine.trim().length;
  return length > 0 && Math.min(length, wanted.length) / Math.max(length, wanted.length) > 0.6;
}

function render(doc: WorkingText, ops: Op[], code: ElidedCode, score: number, loose: boolean): MergeOutcome {
  const lines: OutputLine[] = [];
  const removed: number[] = [];
  let distinctMatched = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = -1;
  // A dedented excerpt (lines match ignoring indentation): its new lines move to the file's depth.
  const pairs = ops.flatMap((op) => (op.kind === 'match' && !isBlank(code.lines[op.code]!) ? [{ search: op.code, file: op.file }] : []));
  const reindent = loose ? shifter(pairs, code, doc.lines) : makeReindenter(pairs, code.lines, code.lines, doc.lines);
  for (const op of ops) {
    if (op.kind === 'match') {
      // A line matched ignoring indentation (a dedented excerpt) that the code block moved to
      // another depth (now inside a new `if`) takes the depth the code block gives it.
      const moved = reindent(code.lines[op.code]!);
      lines.push(trimEnd(moved) === trimEnd(doc.lines[op.file]!) || leadingWhitespace(moved) === leadingWhitespace(doc.lines[op.file]!) ? doc.keep(op.file) : { text: moved });
      if (isDistinctive(code.lines[op.code]!)) distinctMatched++;
      first = Math.min(first, op.file);
      last = Math.max(last, op.file);
    } else if (op.kind === 'absorb') lines.push(doc.keep(op.file));
    else if (op.kind === 'insert') lines.push({ text: reindent(code.lines[op.code]!) });
    else removed.push(op.file);
  }
  const warnings: string[] = [];
  const unmarked = removed.filter((j) => isDistinctive(doc.lines[j]!));
  if (unmarked.length > 0) {
    warnings.push(`${unmarked.length} line(s) of the file that the code block neither shows nor marks as elided were removed (first at line ${unmarked[0]! + 1}).`);
  }
  return { ok: true, lines, score, matchedSpan: [first, last], distinctMatched, removed, warnings };
}
