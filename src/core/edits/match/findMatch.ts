import { findFuzzy } from './fuzzyMatch';
import { findStrict, type StrictRung } from './normalizedMatch';
import type { Match, MatchTarget } from './target';

export interface MatchRequest {
  search: readonly string[];
  /** Only places starting at or after this line (0-based): the line after an apply_patch anchor. */
  from?: number;
  /** apply_patch semantics: with several places after `from`, the first one is meant. */
  firstAfterFrom?: boolean;
  /** Hunks in file order: where the previous hunk of the same diff ended. */
  after?: number;
  /** 0-based line the diff says the hunk starts at (already shifted by earlier hunks). */
  lineHint?: number;
  /** The match must end at the last non-blank line of the file. */
  atEndOfFile?: boolean;
  /**
   * Asked when no strict rung matched, before the fuzzy rung: is the block's result already in the
   * file? (Fuzzy-matching a block that was applied before could apply it twice.)
   */
  alreadyApplied?: () => boolean;
}

export interface MatchOptions {
  allowFuzzy: boolean;
  threshold: number;
  margin: number;
  budgetMs: number;
}

export type MatchOutcome =
  | { kind: 'found'; match: Match; disambiguatedBy?: 'order' | 'line-number' | 'anchor' }
  | { kind: 'ambiguous'; candidates: Match[] }
  | { kind: 'already-applied' }
  | { kind: 'not-found'; closest?: Match };

const STRICT_RUNGS: StrictRung[] = ['exact', 'whitespace', 'indentation', 'entities'];

/**
 * The matching ladder: exact; then ignoring trailing whitespace and blank lines; then a block
 * shifted by a constant indentation; then with HTML entities and smart quotes undone; then fuzzy,
 * line by line, only if the best place is clearly better than any other. Several equally good
 * places are a failure (never a guess) unless hunk order, the hunk's line number or an apply_patch
 * anchor singles one out.
 */
export function findMatch(target: MatchTarget, request: MatchRequest, options: MatchOptions): MatchOutcome {
  const from = request.from ?? 0;
  for (const rung of STRICT_RUNGS) {
    let hits = findStrict(rung, target, request.search, from);
    if (request.atEndOfFile) hits = hits.filter((hit) => endsAtEndOfFile(target, hit));
    if (hits.length === 0) continue;
    if (hits.length === 1) return { kind: 'found', match: hits[0]! };
    return disambiguate(hits, request);
  }
  if (request.alreadyApplied?.()) return { kind: 'already-applied' };
  const fuzzy = findFuzzy(target, request.search, { from, budgetMs: options.budgetMs });
  const best = fuzzy.best;
  if (!best) return { kind: 'not-found' };
  const clear = !fuzzy.runnerUp || best.similarity - fuzzy.runnerUp.similarity >= options.margin;
  const fits = !request.atEndOfFile || endsAtEndOfFile(target, best);
  if (options.allowFuzzy && best.similarity >= options.threshold && clear && fits) return { kind: 'found', match: best };
  if (options.allowFuzzy && best.similarity >= options.threshold && !clear && fuzzy.runnerUp) {
    const runnerUp: Match = { ...fuzzy.runnerUp, rung: 'fuzzy', pairs: [] };
    return { kind: 'ambiguous', candidates: [best, runnerUp] };
  }
  return { kind: 'not-found', closest: best };
}

function disambiguate(hits: Match[], request: MatchRequest): MatchOutcome {
  if (request.firstAfterFrom) return { kind: 'found', match: hits[0]!, disambiguatedBy: 'anchor' };
  let pool = hits;
  if (request.after !== undefined) {
    const later = hits.filter((hit) => hit.start >= request.after!);
    if (later.length === 1) return { kind: 'found', match: later[0]!, disambiguatedBy: 'order' };
    if (later.length > 1) pool = later;
  }
  if (request.lineHint !== undefined) {
    const atHint = pool.filter((hit) => hit.start === request.lineHint);
    if (atHint.length === 1) return { kind: 'found', match: atHint[0]!, disambiguatedBy: 'line-number' };
  }
  return { kind: 'ambiguous', candidates: hits };
}

function endsAtEndOfFile(target: MatchTarget, match: Match): boolean {
  for (let i = match.end; i < target.lines.length; i++) if (target.lines[i]!.trim() !== '') return false;
  return true;
}
