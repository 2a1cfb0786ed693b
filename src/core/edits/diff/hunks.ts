import { splitKeepingEols } from '../text/lineText';
import { diffLineArrays, type LineDiffOptions } from './lineDiff';

/**
 * One change for review. Lines keep their terminators ('\r\n', '\n', or none for the last line of
 * a file without final newline), so accepting any subset of hunks reproduces exact text.
 */
export interface Hunk {
  /** 0-based, in document order; what `applyHunks` takes. */
  id: number;
  /** 0-based index of the first old line replaced; where the lines go when `oldLines` is empty. */
  oldStart: number;
  oldLines: string[];
  /** 0-based index of the first new line in the new text. */
  newStart: number;
  newLines: string[];
}

export interface HunkOptions extends LineDiffOptions {
  /** Alias of `LineDiffOptions.timeoutMs`: how long jsdiff may try before the cheap diff takes over. */
  timeoutMs?: number;
}

/** The changes from `oldText` to `newText`, one hunk per run of changed lines (no context lines). */
export function computeHunks(oldText: string, newText: string, options: HunkOptions = {}): Hunk[] {
  const oldTokens = splitKeepingEols(oldText);
  const newTokens = splitKeepingEols(newText);
  return diffLineArrays(oldTokens, newTokens, options).map((region, id) => ({
    id,
    oldStart: region.oldStart,
    oldLines: oldTokens.slice(region.oldStart, region.oldEnd),
    newStart: region.newStart,
    newLines: newTokens.slice(region.newStart, region.newEnd),
  }));
}

/**
 * `oldText` with only the accepted hunks applied: all accepted gives the new text, none gives
 * `oldText`, byte for byte. Throws if a hunk does not fit `oldText` (it was computed for another text).
 */
export function applyHunks(oldText: string, hunks: readonly Hunk[], acceptedIds: Iterable<number>): string {
  const accepted = new Set(acceptedIds);
  const tokens = splitKeepingEols(oldText);
  const ordered = [...hunks].sort((x, y) => x.oldStart - y.oldStart);
  let out = '';
  let cursor = 0;
  for (const hunk of ordered) {
    if (hunk.oldStart < cursor || hunk.oldStart + hunk.oldLines.length > tokens.length) throw new Error(`hunk ${hunk.id} does not fit the text`);
    for (let k = 0; k < hunk.oldLines.length; k++) {
      if (tokens[hunk.oldStart + k] !== hunk.oldLines[k]) throw new Error(`hunk ${hunk.id} does not fit the text at line ${hunk.oldStart + k + 1}`);
    }
    out += tokens.slice(cursor, hunk.oldStart).join('');
    out += (accepted.has(hunk.id) ? hunk.newLines : hunk.oldLines).join('');
    cursor = hunk.oldStart + hunk.oldLines.length;
  }
  return out + tokens.slice(cursor).join('');
}
