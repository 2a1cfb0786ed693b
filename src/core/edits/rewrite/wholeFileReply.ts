import { diffLineArrays, type ChangeRegion } from '../diff/lineDiff';
import { isElisionLine } from '../parse/elision';
import { isBlank } from '../text/normalize';

/**
 * Small models asked to rewrite a range often answer with the whole file (or all the code they
 * were shown): the context before the range, the new range, the context after it. The usual echo
 * trimming (fitToRange) only drops exact repeats; a whole-file answer that differs anywhere in the
 * context (a blank line dropped, an import added, code left out with "// ... existing code ...")
 * would otherwise replace the range whole and duplicate the file. This aligns the answer with the
 * code sent (context + range + context, "the window") and tells what it is.
 */
export type WindowReply =
  /** Not an answer that repeats the window: handled as a plain rewrite of the range. */
  | { kind: 'range-only' }
  /**
   * The answer repeats the context on one side or both; `lines` is the answer without the sides it
   * repeats (`keptBefore`/`keptAfter`: a side whose context is still to be trimmed by fitToRange).
   */
  | { kind: 'range'; lines: string[]; keptBefore: boolean; keptAfter: boolean; note: string }
  /** The answer is the whole window rewritten, with deliberate changes outside the range too. */
  | { kind: 'window'; lines: string[]; note: string }
  | { kind: 'refuse'; reason: string };

export interface WindowInput {
  /** The answer's code, already in the file's indentation style. */
  reply: readonly string[];
  before: readonly string[];
  subject: readonly string[];
  after: readonly string[];
  /** The document's lines above and below the code sent (the model may know them and repeat them). */
  unsentBefore?: readonly string[];
  unsentAfter?: readonly string[];
  languageId: string;
}

/** Context lines an answer must repeat (besides reaching the window's edge) to count as a whole-window answer, unless it repeats two thirds of them. */
const minRepeatedContext = 3;

export function readWindowReply(input: WindowInput): WindowReply {
  const { reply, subject } = input;
  const unsentBefore = input.unsentBefore ?? [];
  const unsentAfter = input.unsentAfter ?? [];
  const before = [...unsentBefore, ...input.before];
  const after = [...input.after, ...unsentAfter];
  const window = [...before, ...subject, ...after];
  const B = before.length;
  const E = B + subject.length;
  if (reply.length === 0 || B + after.length === 0) return { kind: 'range-only' };
  const key = (line: string) => line.trimEnd();
  const regions = diffLineArrays(window.map(key), reply.map(key));
  const matched = window.map(() => true);
  for (const r of regions) for (let i = r.oldStart; i < r.oldEnd; i++) matched[i] = false;
  // Only lines with words count: a lone `}` or `end` can be matched anywhere.
  const distinct = (line: string) => /\w{3,}/.test(line) && line.trim().length >= 6;
  const distinctMatched = (from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to; i++) if (matched[i] && distinct(window[i]!)) n++;
    return n;
  };
  const hasElision = reply.some((line) => isElisionLine(line, input.languageId));
  const side = (from: number, sentFrom: number, sentTo: number, to: number, edge: 'start' | 'end') => {
    const nonBlank = (a: number, b: number) => {
      const found: number[] = [];
      for (let i = a; i < b; i++) if (!isBlank(window[i]!)) found.push(i);
      return found;
    };
    const indexes = nonBlank(from, to);
    const sent = nonBlank(sentFrom, sentTo);
    // The answer reaches the edge when it holds one of the outermost lines of the file or of the code sent.
    const edgeLines = edge === 'start' ? [...indexes.slice(0, 3), ...sent.slice(0, 3)] : [...indexes.slice(-3), ...sent.slice(-3)];
    const atEdge = edgeLines.some((i) => matched[i]);
    const count = distinctMatched(from, to);
    const total = indexes.filter((i) => distinct(window[i]!)).length;
    return { present: indexes.length > 0, count, total, strong: atEdge && (count >= 2 || count === total), weak: atEdge && (count >= 1 || hasElision) };
  };
  const head = side(0, unsentBefore.length, B, B, 'start');
  const tail = side(E, E, E + input.after.length, window.length, 'end');
  const repeated = head.count + tail.count;
  const enough = repeated >= minRepeatedContext || (repeated >= 2 && repeated * 3 >= (head.total + tail.total) * 2);
  if (!(head.strong || tail.strong) || !enough) return { kind: 'range-only' };

  // A side the answer does not reach is left to fitToRange (it may repeat a few of its lines).
  const headKept = !head.present || head.strong || (head.weak && tail.strong);
  const tailKept = !tail.present || tail.strong || (tail.weak && head.strong);
  let changedOutside = 0;
  let leftOut = 0;
  let straddles = false;
  for (const r of regions) {
    const touchesHead = headKept && r.oldStart < B;
    const touchesTail = tailKept && r.oldEnd > E;
    if (!touchesHead && !touchesTail) continue;
    const crosses = (headKept && r.oldStart < B && r.oldEnd > B) || (tailKept && r.oldStart < E && r.oldEnd > E);
    if (crosses) straddles = true;
    const oldLines = window.slice(r.oldStart, r.oldEnd).filter((line, i) => !isBlank(line) && (r.oldStart + i < B || r.oldStart + i >= E));
    const newLines = reply.slice(r.newStart, r.newEnd).filter((line) => !isBlank(line));
    if (oldLines.length === 0 && newLines.length === 0) continue; // blank lines only
    const atWindowEdge = newLines.length === 0 && (r.oldStart === 0 || r.oldEnd === window.length);
    if (atWindowEdge && !crosses) continue; // the answer started (ended) a little inside the code shown
    if (newLines.length === 0 || newLines.every((line) => isElisionLine(line, input.languageId))) leftOut += oldLines.length;
    else {
      changedOutside++;
      leftOut += Math.max(0, oldLines.length - newLines.length); // more lines taken out than written back
    }
  }

  const start = headKept ? B + shiftBefore(regions, B, 'start') : 0;
  const end = tailKept ? E + shiftBefore(regions, E, 'end') : reply.length;
  const whole = headKept && tailKept;
  if (!straddles && changedOutside === 0 && start <= end) {
    const parts = [leftOut > 0 ? `left out ${leftOut} line(s) of it` : ''].filter(Boolean);
    return {
      kind: 'range',
      lines: reply.slice(start, end),
      keptBefore: !headKept,
      keptAfter: !tailKept,
      note: `the answer repeated ${whole ? 'the whole code around the range' : 'the code on one side of the range'}${parts.length ? ` and ${parts.join(', ')}` : ''}; only the range's part was used`,
    };
  }
  if (whole && leftOut === 0) {
    return { kind: 'window', lines: withEdgesKept(window, reply, regions), note: 'the answer is the whole code shown, rewritten (it changes lines outside the range too)' };
  }
  return {
    kind: 'refuse',
    reason: `The model answered with the whole file instead of the range, ${leftOut > 0 ? 'left code out of it ' : ''}and changed lines outside the range${whole ? '' : ', without repeating all of the file'}; Tandem cannot tell which part is the new code without risking to duplicate or lose code. Nothing was proposed: try again, or select all the code that should change.`,
  };
}

/** The answer with the lines it left out at the very start and end of the window put back (the model was not shown them all). */
function withEdgesKept(window: readonly string[], reply: readonly string[], regions: readonly ChangeRegion[]): string[] {
  const first = regions[0];
  const last = regions.at(-1);
  const head = first && first.oldStart === 0 && first.newStart === 0 && first.newEnd === 0 ? window.slice(0, first.oldEnd) : [];
  const tail = last && last.oldEnd === window.length && last.newStart === reply.length ? window.slice(last.oldStart) : [];
  return [...head, ...reply, ...tail];
}

/**
 * How far the window's line `edge` moved in the answer. Lines inserted right at the range's edges
 * count as the range's own: at its start they are after the edge, at its end before it.
 */
function shiftBefore(regions: readonly ChangeRegion[], edge: number, side: 'start' | 'end'): number {
  let delta = 0;
  for (const r of regions) {
    const insertionAtEdge = r.oldStart === edge && r.oldEnd === edge;
    if (r.oldEnd > edge || (side === 'start' && insertionAtEdge)) continue;
    delta += (r.newEnd - r.newStart) - (r.oldEnd - r.oldStart);
  }
  return delta;
}
