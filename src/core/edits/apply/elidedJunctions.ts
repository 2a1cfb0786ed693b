import { collapseWhitespace, isBlank, trimEnd } from '../text/normalize';
import { lineSimilarity } from '../text/similarity';
import type { ElidedCode, Op } from './elidedAlignment';

const MODIFIED_LINE = 0.6;
/** Looser, for a line whose neighbours already show the code block rewrote this spot. */
const REWRITTEN_LINE = 0.3;

/**
 * The alignment prefers letting an elision comment keep file lines (free) to deleting them
 * (costly), so at the edge of an elision the code block's new lines may duplicate or modify the
 * file lines the comment kept: a changed signature right after "...", or a changed last line and
 * the closing brace right before it. Those kept file lines are replaced instead.
 */
export function pairModifiedLines(ops: Op[], code: ElidedCode, file: readonly string[]): void {
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k]!;
    if (op.kind !== 'absorb') continue;
    let end = k;
    while (end < ops.length && ops[end]!.kind === 'absorb' && (ops[end] as { code: number }).code === op.code) end++;
    const absorbed = ops.slice(k, end) as Array<Extract<Op, { kind: 'absorb' }>>;
    const codeLine = (i: number) => code.lines[i]!;
    // New lines just before the kept run (ordered far to near) against the run from its start.
    const before = insertedRun(ops, k - 1, -1).reverse().map(codeLine);
    const fromStart = pairAtJunction(before, absorbed.map((a) => file[a.file]!));
    // New lines just after the kept run, nearest first reversed to far-to-near, against the run from its end.
    const after = insertedRun(ops, end, 1).reverse().map(codeLine);
    const fromEnd = pairAtJunction(after, absorbed.map((a) => file[a.file]!).reverse());
    for (let t = 0; t < fromStart; t++) convertToDelete(ops, absorbed[t]!);
    for (let t = 0; t < fromEnd && t < absorbed.length - fromStart; t++) convertToDelete(ops, absorbed[absorbed.length - 1 - t]!);
    k = end - 1;
  }
}

function insertedRun(ops: Op[], from: number, step: 1 | -1): number[] {
  const run: number[] = [];
  for (let k = from; k >= 0 && k < ops.length && ops[k]!.kind === 'insert'; k += step) run.push((ops[k] as { code: number }).code);
  return run;
}

/**
 * How many kept file lines, counted from the junction, the new lines next to it stand for.
 * `newLines` run from far to near the junction, `keptLines` from near to far.
 */
function pairAtJunction(newLines: readonly string[], keptLines: readonly string[]): number {
  return Math.max(similarInOrder(newLines, keptLines), copiedTail(newLines, keptLines));
}

/** Kept lines that, in order, have an equal or changed version (MODIFIED_LINE similar) among the last new lines. */
function similarInOrder(newLines: readonly string[], keptLines: readonly string[]): number {
  let best = 0;
  const first = keptLines[0];
  if (first === undefined) return 0;
  for (let s = Math.max(0, newLines.length - 20); s < newLines.length; s++) {
    if (!corresponds(newLines[s]!, first)) continue;
    let paired = 1;
    let cursor = s + 1;
    while (paired < keptLines.length && cursor < newLines.length) {
      let found = -1;
      for (let t = cursor; t < Math.min(newLines.length, cursor + 3); t++) {
        if (corresponds(newLines[t]!, keptLines[paired]!)) {
          found = t;
          break;
        }
      }
      if (found < 0) break;
      paired++;
      cursor = found + 1;
    }
    best = Math.max(best, paired);
  }
  return best;
}

/**
 * The new lines end with an exact copy of kept lines (the closing brace and blank line after a
 * changed last statement), and the up to five kept lines before that copy each resemble one of
 * the new lines just before it (rewritten lines): all of those kept lines are replaced.
 */
function copiedTail(newLines: readonly string[], keptLines: readonly string[]): number {
  let best = 0;
  for (let replaced = 0; replaced <= Math.min(5, keptLines.length - 1); replaced++) {
    for (let copied = Math.min(newLines.length, keptLines.length - replaced); copied >= 1; copied--) {
      const offset = newLines.length - copied;
      let same = true;
      for (let j = 0; j < copied && same; j++) same = trimEnd(newLines[offset + j]!) === trimEnd(keptLines[replaced + j]!);
      if (!same || keptLines.slice(replaced, replaced + copied).every(isBlank)) continue;
      const rewritten = newLines.slice(Math.max(0, offset - 8), offset);
      const resembles = (line: string) => rewritten.some((candidate) => !isBlank(candidate) && lineSimilarity(candidate, line) >= REWRITTEN_LINE);
      if (keptLines.slice(0, replaced).every(resembles)) best = Math.max(best, replaced + copied);
      break;
    }
  }
  return best;
}

function corresponds(newLine: string, fileLine: string): boolean {
  if (trimEnd(newLine) === trimEnd(fileLine)) return true;
  if (isBlank(newLine) || isBlank(fileLine)) return false;
  return lineSimilarity(newLine, fileLine) >= MODIFIED_LINE || extendsLine(newLine, fileLine);
}

/**
 * A changed line that starts like the old one for most of the old line's length: a signature
 * that got a parameter, a call that got an argument (edit distance says little when much is added).
 */
function extendsLine(newLine: string, fileLine: string): boolean {
  const a = collapseWhitespace(newLine);
  const b = collapseWhitespace(fileLine);
  const shorter = Math.min(a.length, b.length);
  if (shorter < 8) return false;
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  return common >= 0.6 * shorter;
}

function convertToDelete(ops: Op[], absorbed: Extract<Op, { kind: 'absorb' }>): void {
  const index = ops.indexOf(absorbed);
  if (index >= 0) ops[index] = { kind: 'delete', file: absorbed.file };
}
