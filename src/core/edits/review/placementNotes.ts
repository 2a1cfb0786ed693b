import type { Hunk } from '../diff/hunks';
import type { Forgiven, Placement } from '../types';

const WORDS: Record<Forgiven, string> = {
  indentation: 'indentation',
  whitespace: 'spacing',
  'blank-lines': 'blank lines',
  entities: 'HTML entities',
  quotes: 'smart quotes',
  'trailing-commas': 'trailing commas',
  comments: 'comments',
};

/** "matched ignoring indentation, blank lines": what a non-exact match forgave, in words. */
export function forgivenNote(forgiven: readonly Forgiven[]): string {
  return `matched ignoring ${forgiven.map((f) => WORDS[f]).join(', ')}`;
}

/** The lines a placement spans in the proposed text (1-based, inclusive), with its note. */
export interface PlacementNote {
  startLine: number;
  endLine: number;
  note: string;
}

export function placementNotes(placements: readonly Placement[] | undefined): PlacementNote[] {
  return (placements ?? []).map((p) => ({ startLine: p.startLine, endLine: p.endLine, note: forgivenNote(p.forgiven) }));
}

/**
 * For each hunk whose new lines overlap a change placed by a non-exact match: what was ignored.
 * Hunks are in the proposed text's lines (`newStart`, 0-based), as placements are (1-based).
 */
export function hunkNotes(hunks: readonly Hunk[], notes: readonly PlacementNote[] | undefined): Map<number, string> {
  const out = new Map<number, string>();
  if (!notes || notes.length === 0) return out;
  for (const hunk of hunks) {
    const first = hunk.newStart + 1;
    const last = hunk.newStart + Math.max(1, hunk.newLines.length);
    const found = notes.filter((n) => n.startLine <= last && n.endLine >= first).map((n) => n.note);
    if (found.length > 0) out.set(hunk.id, [...new Set(found)].join('; '));
  }
  return out;
}
