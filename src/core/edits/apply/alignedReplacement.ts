import { diffLineArrays } from '../diff/lineDiff';
import { makeReindenter, makeStyleFixer } from '../match/indentation';
import type { Match } from '../match/target';
import { detectMangling, isBlank, repairMangling, type Mangling } from '../text/normalize';
import type { OutputLine, WorkingText } from './workingText';

/**
 * The lines that replace a match. Lines the block keeps from its search text are taken from the
 * file, so they keep the file's exact characters (indentation, trailing spaces, entities, line
 * terminator) even when the model's copy differed. Lines the block adds are re-indented to the
 * file and cleaned of the mangling the model's copy showed. File lines inside the match that the
 * model left out of its search text stay, unless the lines on both sides of them are deleted.
 */
export function alignedReplacement(doc: WorkingText, match: Match, search: readonly string[], replace: readonly string[]): OutputLine[] {
  const { kept, insertedAfter } = searchToReplace(search, replace);
  const fileLines = doc.lines;
  const reindent = newLineIndenter(doc, match, search, replace);
  const mangling = manglingOf(match, search, fileLines);
  const added = (rIndex: number): OutputLine => ({ text: repairMangling(reindent(replace[rIndex]!), mangling) });

  // Each line with where it came from: blank file lines the search left out are 'unmentioned'.
  const out: Array<{ line: OutputLine; from: 'kept' | 'added' | 'unmentioned' }> = [];
  const emitInserted = (searchIndex: number) => {
    for (const rIndex of insertedAfter.get(searchIndex) ?? []) out.push({ line: added(rIndex), from: 'added' });
  };
  emitInserted(-1);
  let nextSearch = 0;
  let nextFile = match.start;
  let previousKept: boolean | undefined;
  const pairs = [...match.pairs, { search: search.length, file: match.end }]; // sentinel closes the last gap
  for (const pair of pairs) {
    const sentinel = pair.search === search.length;
    const nextKept = sentinel ? undefined : kept[pair.search];
    // File lines the search did not mention: keep them unless everything around them goes.
    for (; nextFile < pair.file; nextFile++) {
      const neighbours = [previousKept, nextKept].filter((k) => k !== undefined);
      if (neighbours.length === 0 || neighbours.some(Boolean)) out.push({ line: doc.keep(nextFile), from: isBlank(fileLines[nextFile]!) ? 'unmentioned' : 'kept' });
    }
    // Search lines the file does not have (blank, or misremembered): only their insertions count.
    for (; nextSearch < pair.search; nextSearch++) emitInserted(nextSearch);
    if (sentinel) break;
    if (kept[pair.search]) out.push({ line: doc.keep(pair.file), from: 'kept' });
    emitInserted(pair.search);
    previousKept = kept[pair.search];
    nextSearch = pair.search + 1;
    nextFile = pair.file + 1;
  }
  return withoutDoubledBlanks(out);
}

/**
 * A blank file line the search left out, next to a blank line the replacement writes there, is
 * the same blank line: keeping both would double it. In a run of blank lines the replacement's
 * win; the file's stay only where the replacement has none.
 */
function withoutDoubledBlanks(out: ReadonlyArray<{ line: OutputLine; from: 'kept' | 'added' | 'unmentioned' }>): OutputLine[] {
  const result: OutputLine[] = [];
  for (let k = 0; k < out.length;) {
    if (!isBlank(out[k]!.line.text)) {
      result.push(out[k++]!.line);
      continue;
    }
    let end = k;
    while (end < out.length && isBlank(out[end]!.line.text)) end++;
    const run = out.slice(k, end);
    const replacementBlanks = run.some((entry) => entry.from === 'added');
    for (const entry of run) if (!(replacementBlanks && entry.from === 'unmentioned')) result.push(entry.line);
    k = end;
  }
  return result;
}

/**
 * How the block's new lines are indented in the file: as written when the block matched with its
 * own indentation (only tabs vs spaces adapted to the file), else shifted to where the block sits.
 */
export function newLineIndenter(doc: WorkingText, match: Match, search: readonly string[], replace: readonly string[]): (line: string) => string {
  if (match.rung !== 'exact' && match.rung !== 'whitespace') return makeReindenter(match.pairs, search, replace, doc.lines);
  return makeStyleFixer(replace, doc.lines.slice(Math.max(0, match.start - 200), match.end + 200));
}

/** Which search lines the replacement keeps, and which new lines follow which search line (-1: before all). */
function searchToReplace(search: readonly string[], replace: readonly string[]): { kept: boolean[]; insertedAfter: Map<number, number[]> } {
  const kept = search.map(() => true);
  const insertedAfter = new Map<number, number[]>();
  for (const region of diffLineArrays(search, replace)) {
    for (let s = region.oldStart; s < region.oldEnd; s++) kept[s] = false;
    const anchor = region.oldEnd > region.oldStart ? region.oldEnd - 1 : region.oldStart - 1;
    const list = insertedAfter.get(anchor) ?? [];
    for (let r = region.newStart; r < region.newEnd; r++) list.push(r);
    insertedAfter.set(anchor, list);
  }
  return { kept, insertedAfter };
}

/** Entities or smart quotes in the model's copy where the file has plain characters: repair new lines the same way. */
function manglingOf(match: Match, search: readonly string[], fileLines: readonly string[]): Mangling {
  const found: Mangling = { entities: false, quotes: false };
  if (match.rung !== 'entities' && match.rung !== 'tokens' && match.rung !== 'fuzzy') return found;
  for (const { search: s, file: f } of match.pairs) {
    if (isBlank(search[s]!)) continue;
    const seen = detectMangling(search[s]!, fileLines[f]!);
    found.entities ||= seen.entities;
    found.quotes ||= seen.quotes;
  }
  return found;
}
