import { overlaps, threeWayMerge } from '../apply/rebase';
import { diffLineArrays, type ChangeRegion } from '../diff/lineDiff';
import type { Hunk } from '../diff/hunks';
import { splitKeepingEols } from '../text/lineText';

export type UserEditMerge = { ok: true; text: string } | { ok: false; message: string };

/**
 * Merges what the review would write (`decided`: the base with the accepted hunks) with what the
 * user typed into the document meanwhile (`current`), both starting from `base`. Fails when an
 * accepted change and the user's edit touch the same lines; the message names them.
 */
export function mergeWithUserEdits(base: string, decided: string, current: string): UserEditMerge {
  if (current === base) return { ok: true, text: decided };
  if (decided === base) return { ok: true, text: current };
  const merged = threeWayMerge(base, decided, current);
  if (merged.ok) return merged;
  const { user, model } = merged.conflict;
  return {
    ok: false,
    message: `you changed ${lineRange(user.newStart, user.newEnd)} while the review was open, and an accepted change touches the same lines (${lineRange(model.oldStart, model.oldEnd)} of the original)`,
  };
}

/** The hunks whose lines the user's edits (base -> current) touch: accepting them could not be merged. */
export function hunksTouchedByUser(base: string, current: string, hunks: readonly Hunk[]): Set<number> {
  const touched = new Set<number>();
  if (base === current) return touched;
  const userRegions = diffLineArrays(splitKeepingEols(base), splitKeepingEols(current));
  for (const hunk of hunks) {
    const region: ChangeRegion = { oldStart: hunk.oldStart, oldEnd: hunk.oldStart + hunk.oldLines.length, newStart: hunk.newStart, newEnd: hunk.newStart + hunk.newLines.length };
    if (userRegions.some((user) => overlaps(region, user))) touched.add(hunk.id);
  }
  return touched;
}

/** "line 4" or "lines 4-6" from a 0-based half-open range (an empty range names the line it sits before). */
function lineRange(start: number, end: number): string {
  const first = start + 1;
  const last = Math.max(first, end);
  return first === last ? `line ${first}` : `lines ${first}-${last}`;
}
