import { diffLineArrays } from '../diff/lineDiff';
import { splitText } from '../text/lineText';
import type { LineRange } from './lineRange';

/**
 * Where a range of `before` is in `after`, a later version of the same text: its edges move with
 * the lines inserted or removed above them. An edge inside a changed region moves to that
 * region's edge (the range grows to cover the change).
 */
export function mapRange(before: string, after: string, range: LineRange): LineRange {
  if (before === after) return range;
  const regions = diffLineArrays(splitText(before).lines, splitText(after).lines);
  const map = (line: number, edge: 'start' | 'end'): number => {
    let offset = 0;
    for (const r of regions) {
      const insertion = r.oldStart === r.oldEnd;
      // Lines inserted right at the end edge are after the range, not in it.
      if (r.oldEnd < line || (r.oldEnd === line && !(edge === 'end' && insertion))) offset = r.newEnd - r.oldEnd;
      else if (r.oldStart < line && line < r.oldEnd) return edge === 'start' ? r.newStart : r.newEnd;
      else break;
    }
    return line + offset;
  };
  const start = map(range.start, 'start');
  return { start, end: Math.max(start, map(range.end, 'end')) };
}

/**
 * The part of a proposal a follow-up refines: the lines of `original` that `hint` covers, grown
 * to every line the proposal changes, and the proposal's text for them. Outside that range the
 * two texts are the same, so the proposal's lines are found by the difference in length.
 */
export function pendingRange(original: string, proposed: string, hint: LineRange): { range: LineRange; lines: string[] } {
  const oldLines = splitText(original).lines;
  const newLines = splitText(proposed).lines;
  let start = Math.min(hint.start, oldLines.length);
  let end = Math.min(Math.max(hint.end, start), oldLines.length);
  let head = 0;
  while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) head++;
  let tail = 0;
  while (tail < oldLines.length - head && tail < newLines.length - head && oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]) tail++;
  if (head < oldLines.length || head < newLines.length) {
    start = Math.min(start, head);
    end = Math.max(end, oldLines.length - tail);
  }
  return { range: { start, end }, lines: newLines.slice(start, end + newLines.length - oldLines.length) };
}
