import { withBlankPairs } from './alignBlanks';
import { indentationMap } from './indentation';
import type { LinePair, Match, MatchTarget } from './target';
import { sameTokens } from './tokenCompare';
import { indentationMatters, tokenize, tokenKey } from './tokens';

/**
 * The token rung: every place at or after `from` where the block's lines have the same tokens as
 * the file's, line for line (blank and comment-only lines skipped on both sides). Only file lines
 * holding the block's longest word are tokenized to start with, so a miss on a 20k-line file costs
 * a substring scan, not a tokenizer pass. In languages where indentation is syntax, the block must
 * keep the file's relative indentation.
 */
export function findByTokens(target: MatchTarget, search: readonly string[], from: number, language: string): Match[] {
  const searchKeys = search.map(tokenKey);
  const nonBlank = searchKeys.flatMap((key, index) => (key === '' ? [] : [index]));
  if (nonBlank.length === 0) return [];
  const lines = target.lines;
  const memo = new Map<number, string>();
  const key = (i: number) => {
    let value = memo.get(i);
    if (value === undefined) memo.set(i, (value = tokenKey(lines[i]!)));
    return value;
  };
  const { probe, text } = probeOf(search, nonBlank, lines, from);
  const matches: Match[] = [];
  for (let c = from; c < lines.length; c++) {
    if (text !== undefined && !lines[c]!.includes(text)) continue;
    if (key(c) !== searchKeys[nonBlank[probe]!]) continue;
    const pairs = pairAround(c, probe, nonBlank, searchKeys, key, from, lines.length);
    if (!pairs) continue;
    if (indentationMatters(language) && !indentationMap(pairs, search, lines)) continue;
    const blank = (i: number) => key(i) === '';
    const region = withBlankPairs(pairs, (s) => searchKeys[s] === '', blank, search.length, lines.length, from);
    const compared = sameTokens(search, lines.slice(region.start, region.end), language, lines[region.end]);
    if (!compared.equal) continue;
    matches.push({
      start: region.start, end: region.end, rung: 'tokens', pairs: region.pairs, similarity: 1,
      ...(compared.trailingCommas ? { trailingCommas: true } : {}), ...(compared.comments ? { comments: true } : {}),
    });
  }
  return matches;
}

/**
 * The non-blank search line to look up first, and a word, number or string of it that few file
 * lines contain (every candidate line must contain it): the rarest of the block's longest tokens.
 */
function probeOf(search: readonly string[], nonBlank: readonly number[], lines: readonly string[], from: number): { probe: number; text?: string } {
  const options: Array<{ probe: number; text: string }> = [];
  nonBlank.forEach((index, k) => {
    for (const token of tokenize(search[index]!)) if (token.kind !== 'op' && token.kind !== 'comment') options.push({ probe: k, text: token.text });
  });
  options.sort((x, y) => y.text.length - x.text.length);
  let best: { probe: number; text?: string } = { probe: 0 };
  let bestCount = Number.POSITIVE_INFINITY;
  const tried = new Set<string>();
  for (const option of options) {
    if (tried.has(option.text) || tried.size >= 6) continue;
    tried.add(option.text);
    let count = 0;
    for (let i = from; i < lines.length && count < bestCount; i++) if (lines[i]!.includes(option.text)) count++;
    if (count < bestCount) [best, bestCount] = [option, count];
  }
  return best;
}

/** Pairs the non-blank search lines with non-blank file lines, given that search line `nonBlank[probe]` is file line `at`. */
function pairAround(at: number, probe: number, nonBlank: readonly number[], searchKeys: readonly string[], key: (i: number) => string, from: number, lineCount: number): LinePair[] | undefined {
  const pairs: LinePair[] = [{ search: nonBlank[probe]!, file: at }];
  let f = at;
  for (let k = probe - 1; k >= 0; k--) {
    f--;
    while (f >= from && key(f) === '') f--;
    if (f < from || key(f) !== searchKeys[nonBlank[k]!]) return undefined;
    pairs.unshift({ search: nonBlank[k]!, file: f });
  }
  f = at;
  for (let k = probe + 1; k < nonBlank.length; k++) {
    f++;
    while (f < lineCount && key(f) === '') f++;
    if (f >= lineCount || key(f) !== searchKeys[nonBlank[k]!]) return undefined;
    pairs.push({ search: nonBlank[k]!, file: f });
  }
  return pairs;
}
