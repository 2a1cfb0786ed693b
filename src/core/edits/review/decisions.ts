import { applyHunks, type Hunk } from '../diff/hunks';
import type { HunkState } from './reviewDocument';

export interface DecisionCounts {
  total: number;
  pending: number;
  accepted: number;
  rejected: number;
}

export function countDecisions(states: readonly HunkState[]): DecisionCounts {
  const counts: DecisionCounts = { total: states.length, pending: 0, accepted: 0, rejected: 0 };
  for (const state of states) counts[state]++;
  return counts;
}

/** The ids of the accepted hunks. */
export function acceptedIds(hunks: readonly Hunk[], stateOf: (hunk: number) => HunkState): number[] {
  return hunks.filter((h) => stateOf(h.id) === 'accepted').map((h) => h.id);
}

/**
 * The base text with the accepted hunks applied and every other hunk left out, byte for byte
 * (line endings, BOM and final newline come from the hunks' own lines).
 */
export function decidedText(baseText: string, hunks: readonly Hunk[], stateOf: (hunk: number) => HunkState): string {
  return applyHunks(baseText, hunks, acceptedIds(hunks, stateOf));
}

/** How a file ends once every hunk is decided. */
export function settledStatus(counts: DecisionCounts): 'accepted' | 'partial' | 'rejected' {
  if (counts.accepted === 0) return 'rejected';
  return counts.rejected === 0 ? 'accepted' : 'partial';
}
