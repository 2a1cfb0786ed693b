import { findFuzzy } from './fuzzyMatch';
import { findStrict, type StrictRung } from './normalizedMatch';
import type { Match, MatchTarget } from './target';

export interface MatchRequest {
  search: readonly string[];
  /** Only places starting at or after this line (0-based): the line after an apply_patch anchor. */
  from?: number;
  /**
   * apply_patch `@@` anchors: the places the block may be, one [from, to) per occurrence of the
   * anchor (its body). One hit inside them decides; hits in several are ambiguous.
   */
  scopes?: Array<[number, number]>;
  /** The file's extension: decides whether indentation is syntax and trailing commas are allowed. */
  language?: string;
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
  /** How long the search for the closest place of a block that matches nowhere may take. */
  budgetMs: number;
  clock?: () => number;
}

export type MatchOutcome =
  | { kind: 'found'; match: Match; disambiguatedBy?: 'order' | 'line-number' | 'anchor' }
  | { kind: 'ambiguous'; candidates: Match[] }
  | { kind: 'already-applied' }
  | { kind: 'not-found'; closest?: Match };

const STRICT_RUNGS: StrictRung[] = ['exact', 'whitespace', 'indentation', 'entities', 'tokens'];
/**
 * A diff's line number decides between places only if one is within LINE_HINT_SLACK lines of it
 * and every other is at least CLEAR_LEAD lines farther, and only on an exact rung.
 */
const LINE_HINT_SLACK = 2;
const CLEAR_LEAD = 3;

/**
 * The matching ladder: exact; then ignoring trailing whitespace and blank lines; then a block
 * shifted by a constant indentation; then with HTML entities and smart quotes undone; then the same
 * tokens line by line (any spacing, trailing commas). Nothing that differs in a word, number,
 * string, comment or operator ever matches: the fuzzy search only finds the closest place for the
 * refusal. Several equally good places are a failure (never a guess) unless hunk order, the hunk's
 * line number or an apply_patch anchor singles one out.
 */
export function findMatch(target: MatchTarget, request: MatchRequest, options: MatchOptions): MatchOutcome {
  const from = request.from ?? 0;
  for (const rung of STRICT_RUNGS) {
    let hits = findStrict(rung, target, request.search, from, request.language);
    if (request.atEndOfFile) hits = hits.filter((hit) => endsAtEndOfFile(target, hit));
    if (hits.length === 0) continue;
    if (hits.length === 1 && !request.scopes) return { kind: 'found', match: hits[0]! };
    return disambiguate(hits, request);
  }
  if (request.alreadyApplied?.()) return { kind: 'already-applied' };
  const fuzzy = findFuzzy(target, request.search, { from, budgetMs: options.budgetMs, ...(options.clock ? { clock: options.clock } : {}) });
  return fuzzy.best ? { kind: 'not-found', closest: fuzzy.best } : { kind: 'not-found' };
}

function disambiguate(hits: Match[], request: MatchRequest): MatchOutcome {
  if (request.scopes) {
    const scoped = hits.filter((hit) => request.scopes!.some(([from, to]) => hit.start >= from && hit.start < to));
    const later = scoped.filter((hit) => hit.start >= (request.after ?? 0));
    const inScope = later.length > 0 ? later : scoped;
    if (inScope.length === 1) return { kind: 'found', match: inScope[0]!, disambiguatedBy: 'anchor' };
    if (inScope.length === 0 && hits.length === 1) return { kind: 'found', match: hits[0]! };
    return { kind: 'ambiguous', candidates: inScope.length > 1 ? inScope : hits };
  }
  let pool = hits;
  if (request.after !== undefined) {
    const later = hits.filter((hit) => hit.start >= request.after!);
    if (later.length === 1) return { kind: 'found', match: later[0]!, disambiguatedBy: 'order' };
    if (later.length > 1) pool = later;
  }
  // A line number singles out a place only when the block is there as written.
  if (request.lineHint !== undefined && pool.every((hit) => hit.rung === 'exact' || hit.rung === 'whitespace')) {
    const distance = (hit: Match) => Math.abs(hit.start - request.lineHint!);
    const atHint = pool.filter((hit) => distance(hit) <= LINE_HINT_SLACK);
    if (atHint.length === 1 && pool.every((hit) => hit === atHint[0] || distance(hit) >= distance(atHint[0]!) + CLEAR_LEAD)) return { kind: 'found', match: atHint[0]!, disambiguatedBy: 'line-number' };
  }
  return { kind: 'ambiguous', candidates: hits };
}

function endsAtEndOfFile(target: MatchTarget, match: Match): boolean {
  for (let i = match.end; i < target.lines.length; i++) if (target.lines[i]!.trim() !== '') return false;
  return true;
}
