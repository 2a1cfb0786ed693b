import { collapseWhitespace, trimEnd, unmangle } from '../text/normalize';
import { tokenKey } from './tokens';

/** The normalizations lines are compared by, one per rung of the ladder. */
export type LineKey = 'trimEnd' | 'trim' | 'unmangle' | 'fuzzy' | 'tokens';

export function lineKeyOf(kind: LineKey, line: string): string {
  switch (kind) {
    case 'trimEnd': return trimEnd(line);
    case 'trim': return line.trim();
    case 'unmangle': return unmangle(line).trim();
    case 'fuzzy': return collapseWhitespace(unmangle(line));
    case 'tokens': return tokenKey(line);
  }
}

/** The text a block is matched against. WorkingText keeps keys and indexes up to date across edits. */
export interface MatchTarget {
  readonly lines: readonly string[];
  /** Every line's key of this kind. */
  keys(kind: LineKey): readonly string[];
  /** Lines equal to `value` ('exact'), or whose trimmed text is `value` ('trim'), in increasing order. */
  positions(value: string, by?: 'exact' | 'trim'): readonly number[];
  /** About how many lines `positions` would return, without computing them: to look up the rarest line. */
  estimate(value: string): number;
}

/** A search line paired with the file line it stands for. */
export interface LinePair {
  search: number;
  file: number;
}

export type MatchRung = 'exact' | 'whitespace' | 'indentation' | 'entities' | 'tokens' | 'fuzzy';

export interface Match {
  /** File lines [start, end) the block replaces. */
  start: number;
  end: number;
  rung: MatchRung;
  /** Increasing in both indexes; search lines missing from it were not found in the file (blank or misremembered). */
  pairs: LinePair[];
  similarity: number;
  /** The token rung matched only because commas before closing brackets were ignored. */
  trailingCommas?: boolean;
  /** The token rung matched only because comments differ. */
  comments?: boolean;
}
