import { withBlankPairs } from './alignBlanks';
import { findByTokens } from './tokenMatch';
import { isBlank } from '../text/normalize';
import { indentationMap } from './indentation';
import { lineKeyOf, type LineKey, type LinePair, type Match, type MatchTarget } from './target';

export type StrictRung = 'exact' | 'whitespace' | 'indentation' | 'entities' | 'tokens';

/** What each strict rung compares, and whether it requires a constant indentation shift. */
const RUNG_KEYS: Record<Exclude<StrictRung, 'exact' | 'tokens'>, { key: LineKey; shiftedIndent: boolean }> = {
  whitespace: { key: 'trimEnd', shiftedIndent: false },
  indentation: { key: 'trim', shiftedIndent: true },
  entities: { key: 'unmangle', shiftedIndent: true },
};

/**
 * Every place at or after `from` where `search` occurs under the rung's comparison. `language`
 * (the file's extension) decides for the token rung whether indentation is syntax and whether
 * a trailing comma may be ignored.
 */
export function findStrict(rung: StrictRung, target: MatchTarget, search: readonly string[], from = 0, language = ''): Match[] {
  if (rung === 'exact') return findExact(target, search, from);
  // Same tokens line by line: any indentation, spacing inside lines, comments, trailing commas.
  if (rung === 'tokens') return findByTokens(target, search, from, language);
  return findNormalized(rung, target, search, from);
}

/** Looks up the search's rarest line in the index and checks the lines around each place it occurs. */
function findExact(target: MatchTarget, search: readonly string[], from: number): Match[] {
  const { lines } = target;
  let probe = 0;
  for (let k = 1; k < search.length; k++) if (target.estimate(search[k]!) < target.estimate(search[probe]!)) probe = k;
  const matches: Match[] = [];
  outer: for (const position of target.positions(search[probe]!)) {
    const start = position - probe;
    if (start < from || start + search.length > lines.length) continue;
    for (let k = 0; k < search.length; k++) if (lines[start + k] !== search[k]) continue outer;
    matches.push({ start, end: start + search.length, rung: 'exact', pairs: search.map((_, k) => ({ search: k, file: start + k })), similarity: 1 });
  }
  return matches;
}

/**
 * Blank lines are skipped on both sides: the model often adds or drops them. Where the first line
 * may be is looked up by its trimmed text (an index kept across edits), or for the entities rung,
 * which runs rarely, by a scan.
 */
function findNormalized(rung: Exclude<StrictRung, 'exact' | 'tokens'>, target: MatchTarget, search: readonly string[], from: number): Match[] {
  const { key, shiftedIndent } = RUNG_KEYS[rung];
  const searchKeys = search.map((line) => lineKeyOf(key, line));
  const searchNonBlank = searchKeys.flatMap((k, index) => (k.trim() === '' ? [] : [index]));
  if (searchNonBlank.length === 0) return [];
  const lines = target.lines;
  const fileKeys = target.keys(key);
  const fileBlank = (index: number) => isBlank(lines[index]!);
  const firstKey = searchKeys[searchNonBlank[0]!]!;
  const matches: Match[] = [];
  const lineCount = lines.length;
  const candidates = key === 'unmangle' ? scan(fileKeys, firstKey, from) : target.positions(firstKey.trim(), 'trim');
  for (const i of candidates) {
    if (i < from || fileKeys[i] !== firstKey) continue;
    const nonBlankPairs: LinePair[] = [{ search: searchNonBlank[0]!, file: i }];
    let f = i + 1;
    for (let k = 1; k < searchNonBlank.length; k++) {
      while (f < lineCount && fileBlank(f)) f++;
      if (f >= lineCount || fileKeys[f] !== searchKeys[searchNonBlank[k]!]) break;
      nonBlankPairs.push({ search: searchNonBlank[k]!, file: f++ });
    }
    if (nonBlankPairs.length < searchNonBlank.length) continue;
    if (shiftedIndent && !indentationMap(nonBlankPairs, search, lines)) continue;
    const { pairs, start, end } = withBlankPairs(nonBlankPairs, (s) => searchKeys[s]!.trim() === '', fileBlank, search.length, lineCount, from);
    matches.push({ start, end, rung, pairs, similarity: 1 });
  }
  return matches;
}

function scan(keys: readonly string[], wanted: string, from: number): number[] {
  const found: number[] = [];
  for (let i = from; i < keys.length; i++) if (keys[i] === wanted) found.push(i);
  return found;
}
