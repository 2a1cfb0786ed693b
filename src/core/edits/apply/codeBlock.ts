import { diffLineArrays } from '../diff/lineDiff';
import { matchIndentStyle } from '../match/indentation';
import { isBlank } from '../text/normalize';
import type { BlockResult, PartialFileBlock, WholeFileBlock } from '../types';
import { isDistinctive } from './elidedAlignment';
import { mergeElided, type MergeOutcome } from './elidedMerge';
import type { OutputLine, WorkingText } from './workingText';

/** A file this small is replaced whole: too little to tell a fragment from a rewrite. */
const SMALL_FILE_LINES = 8;
/** A code block with fewer than this share of the file's lines may be a fragment of it. */
const FRAGMENT_SHARE = 0.6;
/** ...if at least this share of its telling lines are in the file... */
const FRAGMENT_RECOGNIZED = 0.3;
/** ...and the place it matches leaves at least this share of the file outside. */
const FRAGMENT_OUTSIDE = 0.2;
/** A second place scoring within this of the best makes a fragment's place ambiguous (half a telling line). */
const AMBIGUITY_SCORE = 50;

/**
 * A complete file from a code block. A block much shorter than the file whose lines come from one
 * part of it is a fragment the model forgot to mark ("the changed function only"): it replaces
 * that part (strategy 'snippet') instead of truncating the file.
 */
export function applyWholeFile(doc: WorkingText, block: WholeFileBlock, fileExisted: boolean): BlockResult {
  const base = { index: block.index };
  let content = block.content;
  if (block.pathComment !== undefined && doc.lines[0]?.trim() !== block.pathComment.trim()) content = content.slice(1);
  if (!fileExisted || doc.isBlank()) {
    doc.setAll(content.map((text) => ({ text })));
    return { ...base, status: 'applied', strategy: fileExisted ? 'whole-file' : 'create', similarity: 1 };
  }
  content = matchIndentStyle(content, doc.lines);
  if (content.every(isBlank)) {
    return { ...base, status: 'failed', code: 'empties-file', reason: 'The code block is empty; it would empty the file. Delete the file explicitly if that is intended.' };
  }
  const fileNonBlank = doc.lines.filter((line) => !isBlank(line)).length;
  const blockNonBlank = content.filter((line) => !isBlank(line)).length;
  if (fileNonBlank >= SMALL_FILE_LINES && blockNonBlank < FRAGMENT_SHARE * fileNonBlank) {
    const fragment = asFragment(doc, content);
    if (fragment === 'ambiguous') {
      return { ...base, status: 'failed', code: 'ambiguous', reason: `The code block (${blockNonBlank} of the file's ${fileNonBlank} non-blank lines) looks like a fragment that fits more than one place in the file; send a SEARCH/REPLACE block instead.` };
    }
    if (fragment) {
      doc.setAll(fragment.lines);
      const [first, last] = fragment.matchedSpan;
      return { ...base, status: 'applied', strategy: 'snippet', similarity: 1, range: { startLine: first + 1, endLine: last + 1 } };
    }
    // A short block that matches no part of the file is new code or a fragment of something else:
    // taking it as the whole file would throw away most of the file.
    return {
      ...base, status: 'failed', code: 'cannot-place',
      reason: `The code block (${blockNonBlank} non-blank lines) is much shorter than the file (${fileNonBlank} non-blank lines) and matches no part of it, so it would replace almost the whole file. Select the lines it replaces and apply again, or send a SEARCH/REPLACE block.`,
    };
  }
  doc.setAll(keepUnchangedLines(doc, content));
  return { ...base, status: 'applied', strategy: 'whole-file', similarity: 1 };
}

/** A code block with elision comments, merged into the file. */
export function applyPartialFile(doc: WorkingText, block: PartialFileBlock, fileExisted: boolean): BlockResult {
  const base = { index: block.index };
  if (!fileExisted || doc.isBlank()) {
    return { ...base, status: 'failed', code: 'file-missing', reason: 'The code block leaves parts out ("... existing code ...") but the file does not exist or is empty; send the complete file.' };
  }
  const merged = mergeElided(doc, { lines: matchIndentStyle(block.lines, doc.lines), elided: block.elided });
  if (!merged.ok) return { ...base, status: 'failed', code: merged.code, reason: merged.reason };
  doc.setAll(merged.lines);
  const [first, last] = merged.matchedSpan;
  return { ...base, status: 'applied', strategy: 'merge', similarity: 1, range: { startLine: first + 1, endLine: last + 1 } };
}

/**
 * The block as a fragment (an elision before and after it), if it is one: most of its telling
 * lines are in the file, in one region that leaves a good part of the file out, and no other
 * region fits nearly as well.
 */
function asFragment(doc: WorkingText, content: readonly string[]): Extract<MergeOutcome, { ok: true }> | 'ambiguous' | undefined {
  const code = { lines: ['', ...content, ''], elided: [true, ...content.map(() => false), true] };
  const merged = mergeElided(doc, code);
  if (!merged.ok) return merged.code === 'ambiguous' ? 'ambiguous' : undefined;
  const distinct = content.filter(isDistinctive).length;
  if (distinct === 0 || merged.distinctMatched < FRAGMENT_RECOGNIZED * distinct) return undefined;
  const [first, last] = merged.matchedSpan;
  let outside = 0;
  for (let j = 0; j < doc.lines.length; j++) if ((j < first || j > last) && !isBlank(doc.lines[j]!)) outside++;
  const fileNonBlank = doc.lines.filter((line) => !isBlank(line)).length;
  if (outside < FRAGMENT_OUTSIDE * fileNonBlank) return undefined;
  if (pinnedByUniqueLine(doc, content, first, last)) return merged;
  const span = new Set<number>();
  for (let j = first; j <= last; j++) span.add(j);
  const elsewhere = mergeElided(doc, code, span);
  if (elsewhere.ok && elsewhere.score >= merged.score - AMBIGUITY_SCORE) return 'ambiguous';
  return merged;
}

/** One of the fragment's telling lines occurs in the file exactly once, inside the matched span: no other place can fit as well. */
function pinnedByUniqueLine(doc: WorkingText, content: readonly string[], first: number, last: number): boolean {
  return content.some((line) => {
    if (!isDistinctive(line)) return false;
    const places = doc.positions(line);
    return places.length === 1 && places[0]! >= first && places[0]! <= last;
  });
}

/** The new content, reusing the file's own lines where they did not change (they keep their line terminators). */
function keepUnchangedLines(doc: WorkingText, content: readonly string[]): OutputLine[] {
  const out: OutputLine[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  for (const region of [...diffLineArrays(doc.lines, content), { oldStart: doc.lines.length, oldEnd: doc.lines.length, newStart: content.length, newEnd: content.length }]) {
    while (oldIndex < region.oldStart) {
      out.push(doc.keep(oldIndex++));
      newIndex++;
    }
    for (; newIndex < region.newEnd; newIndex++) out.push({ text: content[newIndex]! });
    oldIndex = region.oldEnd;
  }
  return out;
}
