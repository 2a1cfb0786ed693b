import { distance } from 'fastest-levenshtein';
import { collapseWhitespace } from './normalize';

/** 1 - edit distance / longer length, on already-normalized lines: 1 is equal, 0 nothing in common. */
export function normalizedSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  return 1 - distance(a, b) / longer;
}

/** An upper bound of `normalizedSimilarity` that costs nothing: lengths alone. */
export function similarityBound(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : Math.min(a.length, b.length) / longer;
}

/** How alike two source lines are, ignoring indentation and spacing. */
export function lineSimilarity(a: string, b: string): number {
  return normalizedSimilarity(collapseWhitespace(a), collapseWhitespace(b));
}
