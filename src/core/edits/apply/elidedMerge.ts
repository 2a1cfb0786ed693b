import { isBlank } from '../text/normalize';
import { align, focusWindow, isDistinctive, MAX_CELLS, type ElidedCode, type Op } from './elidedAlignment';
import { pairModifiedLines } from './elidedJunctions';
import type { OutputLine, WorkingText } from './workingText';

export type { ElidedCode } from './elidedAlignment';

export type MergeOutcome =
  | { ok: true; lines: OutputLine[]; score: number; matchedSpan: [number, number]; distinctMatched: number; removed: number[]; warnings: string[] }
  | { ok: false; code: 'cannot-place' | 'too-large'; reason: string };

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
  const { ops, score } = align(doc, code, window, mask);
  const placed = placeSegments(ops, code);
  if (placed) return placed;
  pairModifiedLines(ops, code, file);
  return render(doc, ops, code, score);
}

/** A stretch of new code between two elision comments that shares no line with the file has no place: refuse. */
function placeSegments(ops: Op[], code: ElidedCode): MergeOutcome | undefined {
  const matchedCode = new Set(ops.flatMap((op) => (op.kind === 'match' ? [op.code] : [])));
  if (matchedCode.size === 0) {
    return { ok: false, code: 'cannot-place', reason: 'None of the code block\'s lines are in the file, so the elided parts cannot be placed; send SEARCH/REPLACE blocks or the whole file.' };
  }
  let segmentStart = -1;
  for (let i = 0; i <= code.lines.length; i++) {
    if (i < code.lines.length && !code.elided[i]) continue;
    const bounded = segmentStart >= 0 && i < code.lines.length;
    const lines = code.lines.slice(segmentStart + 1, i);
    // Blank lines match anywhere, so they do not place a stretch of code.
    const anyMatched = lines.some((line, k) => matchedCode.has(segmentStart + 1 + k) && !isBlank(line));
    if (bounded && !anyMatched && lines.some((line) => !isBlank(line))) {
      const first = lines.find((line) => !isBlank(line))!.trim();
      return { ok: false, code: 'cannot-place', reason: `The code between two elision comments starting "${first.slice(0, 60)}" shares no line with the file, so where it goes is unknown; include a line of the existing code next to it.` };
    }
    segmentStart = i;
  }
  return undefined;
}

function render(doc: WorkingText, ops: Op[], code: ElidedCode, score: number): MergeOutcome {
  const lines: OutputLine[] = [];
  const removed: number[] = [];
  let distinctMatched = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = -1;
  for (const op of ops) {
    if (op.kind === 'match') {
      lines.push(doc.keep(op.file));
      if (isDistinctive(code.lines[op.code]!)) distinctMatched++;
      first = Math.min(first, op.file);
      last = Math.max(last, op.file);
    } else if (op.kind === 'absorb') lines.push(doc.keep(op.file));
    else if (op.kind === 'insert') lines.push({ text: code.lines[op.code]! });
    else removed.push(op.file);
  }
  const warnings: string[] = [];
  const unmarked = removed.filter((j) => isDistinctive(doc.lines[j]!));
  if (unmarked.length > 0) {
    warnings.push(`${unmarked.length} line(s) of the file that the code block neither shows nor marks as elided were removed (first at line ${unmarked[0]! + 1}).`);
  }
  return { ok: true, lines, score, matchedSpan: [first, last], distinctMatched, removed, warnings };
}
