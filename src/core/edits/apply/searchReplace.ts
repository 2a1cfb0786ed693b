import { findMatch, type MatchOptions, type MatchRequest } from '../match/findMatch';
import { findStrict } from '../match/normalizedMatch';
import { describeTokenDifferences, forgivenBetween } from '../match/tokenCompare';
import { indentationMatters } from '../match/tokens';
import type { Match } from '../match/target';
import { indentWidth, isBlank, leadingWhitespace } from '../text/normalize';
import { isElisionLine } from '../parse/elision';
import type { BlockResult, Candidate, FailureCode, SearchReplaceBlock } from '../types';
import { alignedReplacement, newLineIndenter } from './alignedReplacement';
import { mergeElided } from './elidedMerge';
import { searchNoun } from './blockWords';
import type { OutputLine, WorkingText } from './workingText';

/** Where the previous ordered hunk left off, so the next can be found after it. */
export interface HunkCursor {
  /** Line after the previous hunk's replacement. */
  line: number;
  /** Lines added minus lines removed so far: shifts the line numbers diff headers give. */
  delta: number;
}

/** Applies one search/replace block (or diff hunk, or patch chunk) to `doc`, or says why not. */
export function applySearchReplace(doc: WorkingText, block: SearchReplaceBlock, cursor: HunkCursor, fileExisted: boolean, options: MatchOptions, language = ''): BlockResult {
  const base = { index: block.index };
  // An apply_patch update that only moves the file has nothing to replace.
  if (block.search.length === 0 && block.replace.length === 0) return { ...base, status: 'applied', strategy: 'exact', similarity: 1 };
  if (block.search.every(isBlank)) return fillEmpty(doc, block, fileExisted);
  const request = { ...requestFor(doc, block, cursor, language), alreadyApplied: () => isAlreadyApplied(doc, block) };
  const outcome = findMatch(doc, request, options);
  if ((outcome.kind === 'found' || outcome.kind === 'ambiguous') && replacementAlreadyThere(doc, block, outcome.kind === 'found' ? [outcome.match] : outcome.candidates, language)) {
    return { ...base, status: 'applied', strategy: 'already-applied', similarity: 1 };
  }
  if (outcome.kind === 'found') return replaceMatch(doc, block, outcome.match, outcome.disambiguatedBy, cursor, language);
  if (outcome.kind === 'ambiguous') {
    const candidates = outcome.candidates.map((hit) => candidate(doc, hit));
    const where = candidates.slice(0, 5).map((c) => `lines ${c.startLine}-${c.endLine}`).join(', ');
    return {
      ...base, status: 'failed', code: 'ambiguous', candidates,
      reason: `Found the ${searchNoun(block)} in ${candidates.length} places (${where}${candidates.length > 5 ? ', ...' : ''}) and nothing in the block says which is meant; include more of the surrounding lines so it matches only one.`,
    };
  }
  if (outcome.kind === 'already-applied') return { ...base, status: 'applied', strategy: 'already-applied', similarity: 1 };
  const closest = outcome.closest ? candidate(doc, outcome.closest) : undefined;
  const lines = `${block.search.length} line${block.search.length === 1 ? '' : 's'}`;
  const differences = outcome.closest ? describeTokenDifferences(block.search, doc.lines.slice(outcome.closest.start, outcome.closest.end), outcome.closest.start + 1, modelWord(block)) : '';
  const sameTokensElsewhere = closest && !differences && indentationMatters(language);
  const why = differences ? `, where ${differences}` : sameTokensElsewhere ? ', which has the same tokens but another relative indentation (in this language that changes which block a line belongs to)' : '';
  const near = closest ? ` The closest place is lines ${closest.startLine}-${closest.endLine}${why}.` : '';
  return {
    ...base, status: 'failed', code: 'not-found', ...(closest ? { closest } : {}),
    reason: `Could not find the ${searchNoun(block)} (${lines}) in the file; only whitespace, indentation, blank lines, comments, quote or entity mangling and trailing commas may differ.${near}`,
  };
}

/** How a refusal names the model's side of a difference. */
function modelWord(block: SearchReplaceBlock): string {
  return block.format === 'search-replace' ? 'SEARCH' : block.format === 'unified-diff' ? 'the hunk' : 'the patch';
}

/**
 * The block was applied before: its REPLACE text is in the file exactly once and covers every
 * place its SEARCH text matches (an insertion leaves the SEARCH text in place). Applying it again
 * would insert twice.
 */
function replacementAlreadyThere(doc: WorkingText, block: SearchReplaceBlock, hits: readonly Match[], language: string): boolean {
  const replaceText = block.replace.filter((line) => !isBlank(line));
  const changes = block.replace.join('\n') !== block.search.join('\n');
  if (!changes || replaceText.length === 0 || replaceText.length <= block.search.filter((line) => !isBlank(line)).length) return false;
  // Looked for the way the SEARCH text was found (an exact match costs an index lookup).
  const rung = hits[0]?.rung;
  if (rung === undefined || rung === 'fuzzy') return false;
  const places = findStrict(rung, doc, block.replace, 0, language);
  if (places.length !== 1) return false;
  const [place] = places;
  return hits.every((hit) => hit.start >= place!.start && hit.end <= place!.end);
}

function replaceMatch(doc: WorkingText, block: SearchReplaceBlock, match: Match, disambiguatedBy: BlockResult['disambiguatedBy'], cursor: HunkCursor, language: string): BlockResult {
  const forgiven = match.rung === 'exact' ? [] : forgivenBetween(block.search, doc.lines, match.pairs, [match.start, match.end], match);
  const replacement = replacementFor(doc, match, block, language);
  if (!Array.isArray(replacement)) return { index: block.index, status: 'failed', ...replacement };
  doc.replace(match.start, match.end, replacement);
  cursor.line = match.start + replacement.length;
  cursor.delta += replacement.length - (match.end - match.start);
  return {
    index: block.index, status: 'applied', strategy: match.rung, similarity: round(match.similarity),
    ...(match.rung === 'exact' ? {} : { forgiven }),
    range: { startLine: match.start + 1, endLine: Math.max(match.start + 1, match.end) },
    ...(disambiguatedBy ? { disambiguatedBy } : {}),
  };
}

/**
 * The lines that replace a match. A REPLACE section that says "... existing code ..." for lines of
 * its SEARCH text (a lazy model) is merged into the matched lines instead of deleting them.
 */
function replacementFor(doc: WorkingText, match: Match, block: SearchReplaceBlock, language: string): OutputLine[] | { code: FailureCode; reason: string } {
  const elided = block.replace.map((line) => isElisionLine(line, language));
  const elides = elided.some(Boolean) && !block.search.some((line) => isElisionLine(line, language));
  if (!elides) return alignedReplacement(doc, match, block.search, block.replace);
  const reindent = newLineIndenter(doc, match, block.search, block.replace);
  const merged = mergeElided(doc.slice(match.start, match.end), { lines: block.replace.map(reindent), elided });
  if (!merged.ok) return { code: merged.code, reason: `The REPLACE section leaves code out with an elision comment, and it could not be merged with the lines it replaces: ${merged.reason}` };
  return merged.lines;
}

function requestFor(doc: WorkingText, block: SearchReplaceBlock, cursor: HunkCursor, language: string): MatchRequest {
  const request: MatchRequest = { search: block.search, atEndOfFile: block.atEndOfFile, language };
  if (block.ordered) request.after = cursor.line;
  if (block.lineHint !== undefined) request.lineHint = block.lineHint - 1 + cursor.delta;
  if (block.anchors.length > 0) {
    const scopes = anchorScopes(doc, block.anchors, cursor.line) ?? anchorScopes(doc, block.anchors, 0);
    if (scopes !== undefined) {
      request.from = Math.min(...scopes.map(([from]) => from));
      request.scopes = scopes;
    }
  }
  return request;
}

/**
 * The bodies of the definitions the `@@` anchors name: the earlier anchors found in order, then
 * every occurrence of the last one, each reaching to the first line indented no deeper than it
 * (its closing brace included). Undefined if an anchor is missing.
 */
function anchorScopes(doc: WorkingText, anchors: readonly string[], from: number): Array<[number, number]> | undefined {
  let position = from;
  const trimmed = doc.keys('trim');
  const unmangled = doc.keys('unmangle');
  const isAnchor = (i: number, wanted: string) => trimmed[i] === wanted || unmangled[i] === wanted;
  for (const anchor of anchors.slice(0, -1)) {
    let found = -1;
    for (let i = position; i < doc.lines.length && found < 0; i++) if (isAnchor(i, anchor.trim())) found = i;
    if (found < 0) return undefined;
    position = found + 1;
  }
  const last = anchors[anchors.length - 1]!.trim();
  const scopes: Array<[number, number]> = [];
  for (let i = position; i < doc.lines.length; i++) if (isAnchor(i, last)) scopes.push([i, scopeEnd(doc.lines, i)]);
  return scopes.length > 0 ? scopes : undefined;
}

function scopeEnd(lines: readonly string[], anchor: number): number {
  const depth = indentWidth(leadingWhitespace(lines[anchor]!));
  for (let j = anchor + 1; j < lines.length; j++) {
    const line = lines[j]!;
    if (isBlank(line) || indentWidth(leadingWhitespace(line)) > depth) continue;
    return /^\s*(?:[)}\]]|end\b)/.test(line) ? j + 1 : j;
  }
  return lines.length;
}

/** An empty SEARCH creates a file, or fills an empty one; anywhere else its place would be a guess. */
function fillEmpty(doc: WorkingText, block: SearchReplaceBlock, fileExisted: boolean): BlockResult {
  if (!doc.isBlank()) {
    return {
      index: block.index, status: 'failed', code: 'empty-search',
      reason: `The ${searchNoun(block)} is empty but the file is not; quote the lines to replace, or the lines next to where the new code goes.`,
    };
  }
  doc.setAll(block.replace.map((text) => ({ text })));
  return { index: block.index, status: 'applied', strategy: fileExisted ? 'whole-file' : 'create', similarity: 1 };
}

/**
 * The search text is gone but the replacement is there, exactly once: the model is resending an
 * edit that was already made. Only for replacements specific enough to tell.
 */
function isAlreadyApplied(doc: WorkingText, block: SearchReplaceBlock): boolean {
  const replaceText = block.replace.filter((line) => !isBlank(line));
  const specific = replaceText.length >= 2 || (replaceText[0]?.trim().length ?? 0) >= 20;
  const changes = block.replace.join('\n') !== block.search.join('\n');
  if (!specific || !changes) return false;
  // The whitespace rung also finds exact copies, so one hit there means exactly one copy.
  return findStrict('whitespace', doc, block.replace).length === 1;
}

function candidate(doc: WorkingText, match: Match): Candidate {
  return {
    startLine: match.start + 1,
    endLine: Math.max(match.start + 1, match.end),
    similarity: round(match.similarity),
    text: doc.lines.slice(match.start, match.end).join('\n'),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
