import { lineKeyOf } from '../match/target';
import { isBlank, trimEnd } from '../text/normalize';
import type { WorkingText } from './workingText';

/** A code block to merge: its lines, and which of them are elision comments. */
export interface ElidedCode {
  lines: readonly string[];
  elided: readonly boolean[];
}

// Alignment scores (integers, so ties are exact). Matching a telling line is worth much more than
// a brace; dropping a file line the code block did not mark as elided costs more than adding one.
// Adding a line the file already has is suspect (it is likely context that should match), so it
// costs more than adding a new one: otherwise an elision comment would rather swallow a changed
// line's neighbours and the code block would add them a second time.
const MATCH_DISTINCT = 100;
const MATCH_TRIVIAL = 25;
const INSERT_NEW = 5;
const INSERT_KNOWN_DISTINCT = 60;
const INSERT_KNOWN_TRIVIAL = 10;
const DELETE_DISTINCT = 150;
const DELETE_TRIVIAL = 30;
const DELETE_BLANK = 10;
/** Rows x columns of the alignment table: about 12 MB of moves, tens of ms. */
export const MAX_CELLS = 12_000_000;

const enum Move { Up = 1, Left = 2, Diagonal = 3 }

/** A line that tells where it is: four or more characters with a letter or digit (not a brace or blank). */
export function isDistinctive(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= 4 && /[\p{L}\p{N}]/u.test(trimmed);
}

/** One step of the alignment: a code line matching a file line, a new line, a dropped file line, a file line kept by an elision. */
export type Op =
  | { kind: 'match'; code: number; file: number }
  | { kind: 'insert'; code: number }
  | { kind: 'delete'; file: number }
  | { kind: 'absorb'; code: number; file: number };

/**
 * The best alignment of the code block with the file (dynamic programming over code lines x file
 * lines), as steps in file order, and its score. Only file lines [lo, hi) take part; the lines
 * before and after are kept by the code block's first and last elision comments.
 */
export function align(doc: WorkingText, code: ElidedCode, window: [number, number], mask?: ReadonlySet<number>): { ops: Op[]; score: number; loose: boolean } {
  const [lo, hi] = window;
  const file = doc.lines.slice(lo, hi);
  const m = code.lines.length;
  const n = file.length;
  const ids = new Map<string, number>();
  // A dedented excerpt (its lines are in the file only at another depth) is compared without
  // indentation; any other as written, so a `continue` pairs with the one at its own depth.
  const loose = isDedented(doc, code);
  const idOf = (line: string) => {
    const key = loose ? lineKeyOf('fuzzy', line) : trimEnd(line);
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const fileIds = Int32Array.from(file, (line, j) => (mask?.has(lo + j) ? -2 : idOf(line)));
  const codeIds = Int32Array.from(code.lines, (line, i) => (code.elided[i] ? -1 : idOf(line)));
  const deleteCost = Int32Array.from(file, (line) => (isBlank(line) ? DELETE_BLANK : isDistinctive(line) ? DELETE_DISTINCT : DELETE_TRIVIAL));
  const matchWorth = Int32Array.from(code.lines, (line) => (isDistinctive(line) ? MATCH_DISTINCT : MATCH_TRIVIAL));
  // Hidden lines still count as known: hiding a place must not make the line cheaper to add elsewhere.
  const inFile = new Set(mask ? Int32Array.from(file, (line) => idOf(line)) : fileIds);
  const insertCost = Int32Array.from(codeIds, (id, i) => (!inFile.has(id) ? INSERT_NEW : isDistinctive(code.lines[i]!) ? INSERT_KNOWN_DISTINCT : INSERT_KNOWN_TRIVIAL));

  const moves = new Uint8Array((m + 1) * (n + 1));
  let previous = new Int32Array(n + 1);
  let current = new Int32Array(n + 1);
  for (let j = 1; j <= n; j++) {
    previous[j] = previous[j - 1]! - deleteCost[j - 1]!;
    moves[j] = Move.Left;
  }
  for (let i = 1; i <= m; i++) {
    const row = i * (n + 1);
    const marker = code.elided[i - 1]!;
    const id = codeIds[i - 1]!;
    const insert = marker ? 0 : insertCost[i - 1]!;
    const worth = matchWorth[i - 1]!;
    current[0] = previous[0]! - insert;
    moves[row] = Move.Up;
    for (let j = 1; j <= n; j++) {
      if (marker) {
        // An elision comment absorbs file lines for free; on a tie it absorbs, so later code lands as early as it can.
        const up = previous[j]!;
        const left = current[j - 1]!;
        const absorbs = left >= up;
        current[j] = absorbs ? left : up;
        moves[row + j] = absorbs ? Move.Left : Move.Up;
        continue;
      }
      let best = previous[j]! - insert;
      let move = Move.Up;
      const left = current[j - 1]! - deleteCost[j - 1]!;
      if (left > best) {
        best = left;
        move = Move.Left;
      }
      if (id === fileIds[j - 1] && previous[j - 1]! + worth >= best) {
        best = previous[j - 1]! + worth;
        move = Move.Diagonal;
      }
      current[j] = best;
      moves[row + j] = move;
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  const ops: Op[] = [];
  for (let i = m, j = n; i > 0 || j > 0;) {
    const move = moves[i * (n + 1) + j];
    if (move === Move.Diagonal) ops.push({ kind: 'match', code: --i, file: lo + --j });
    else if (move === Move.Up) {
      i--;
      if (!code.elided[i]) ops.push({ kind: 'insert', code: i });
    } else {
      j--;
      ops.push(i > 0 && code.elided[i - 1] ? { kind: 'absorb', code: i - 1, file: lo + j } : { kind: 'delete', file: lo + j });
    }
  }
  ops.reverse();
  // The lines outside the window belong to the first and last elision comments.
  const before: Op[] = Array.from({ length: lo }, (_, j) => ({ kind: 'absorb', code: 0, file: j }));
  const after: Op[] = Array.from({ length: doc.lines.length - hi }, (_, k) => ({ kind: 'absorb', code: m - 1, file: hi + k }));
  return { ops: [...before, ...ops, ...after], score: previous[n]!, loose };
}

/** Most of the code block's telling lines are in the file only with other indentation. */
export function isDedented(doc: WorkingText, code: ElidedCode): boolean {
  let asWritten = 0;
  let elsewhere = 0;
  code.lines.forEach((line, i) => {
    if (code.elided[i] || !isDistinctive(line)) return;
    if (doc.positions(line).length > 0) asWritten++;
    else if (doc.positions(line.trim(), 'trim').length > 0) elsewhere++;
  });
  return elsewhere > asWritten;
}

/**
 * The part of the file the alignment needs to look at. With elision comments at the ends of the
 * code block, the block lies around its telling lines that occur once in the block and at most
 * three times in the file: the window spans all their places, with the block's length (and some)
 * to spare each side. Without such lines, or without a comment at an end, it reaches that end of the file.
 */
export function focusWindow(doc: WorkingText, code: ElidedCode, mask?: ReadonlySet<number>): [number, number] {
  const n = doc.lines.length;
  const m = code.lines.length;
  const openStart = code.elided[0] === true;
  const openEnd = code.elided[m - 1] === true;
  if (!openStart && !openEnd) return [0, n];
  const once = new Map<string, number>();
  code.lines.forEach((line, i) => {
    if (!code.elided[i] && isDistinctive(line)) once.set(line.trim(), (once.get(line.trim()) ?? 0) + 1);
  });
  let first = Number.POSITIVE_INFINITY;
  let last = -1;
  for (const [line, count] of once) {
    if (count !== 1) continue;
    const positions = doc.positions(line, 'trim').filter((j) => !mask?.has(j));
    if (positions.length === 0 || positions.length > 3) continue;
    first = Math.min(first, positions[0]!);
    last = Math.max(last, positions[positions.length - 1]!);
  }
  if (last < 0) return [0, n];
  const margin = m + 40;
  return [openStart ? Math.max(0, first - margin) : 0, openEnd ? Math.min(n, last + margin + 1) : n];
}
