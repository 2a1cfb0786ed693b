import type { MatchOptions } from '../match/findMatch';
import { splitText } from '../text/lineText';
import type { ApplyOptions, BlockResult, EditBlock, FileEdit, FileEditResult, Placement } from '../types';
import { formatName } from './blockWords';
import { applyPartialFile, applyWholeFile } from './codeBlock';
import { applySearchReplace, type HunkCursor } from './searchReplace';
import { WorkingText } from './workingText';

export function matchOptions(options: ApplyOptions): MatchOptions {
  return { budgetMs: options.fuzzyBudgetMs ?? 30, ...(options.clock ? { clock: options.clock } : {}) };
}

/**
 * Applies every block of one file to its text (`original` undefined: the file does not exist).
 * All or nothing: if any block fails the result has no `newText`, and every failure is reported
 * (later blocks are still tried, so one retry can fix them all). A result that would leave a
 * non-empty file empty is refused unless the edit deletes the file.
 */
export function applyFileEdit(original: string | undefined, edit: FileEdit, options: ApplyOptions = {}): FileEditResult {
  const base = { path: edit.path, ...(edit.renameTo ? { renameTo: edit.renameTo } : {}) };
  if (edit.path === undefined) {
    return {
      ...base, status: 'failed', warnings: [],
      message: 'The edit does not say which file it is for; put the file path on the line before the code block.',
      blocks: edit.blocks.map((block) => ({ index: block.index, status: 'failed', code: 'no-file', reason: 'No file path was given for this block.' })),
    };
  }
  const fileExisted = original !== undefined;
  const doc = new WorkingText(splitText(original ?? ''));
  const cursor: HunkCursor = { line: 0, delta: 0 };
  const match = matchOptions(options);
  const language = edit.path.split('.').pop() ?? '';
  const warnings: string[] = [];
  const blocks: BlockResult[] = [];
  let deleted = false;
  let created = !fileExisted;
  const placements: Placement[] = [];
  for (const block of edit.blocks) {
    const linesBefore = doc.lines.length;
    const result = applyBlock(doc, block, fileExisted, cursor, match, language);
    blocks.push(result);
    trackPlacement(placements, result, doc.lines.length - linesBefore);
    if (block.kind === 'delete' && result.status === 'applied') deleted = true;
    if (block.kind === 'create' && result.status === 'applied') created = true;
  }
  if (deleted && edit.blocks.length > 1) {
    const reason = 'The file is both deleted and edited by this response; send either the deletion or the edits.';
    return { ...base, status: 'failed', warnings, message: reason, blocks: blocks.map((b) => ({ ...b, status: 'failed', code: 'conflict', reason })) };
  }
  if (blocks.some((b) => b.status === 'failed')) return { ...base, status: 'failed', warnings, blocks };
  if (deleted) return { ...base, status: 'applied', deleted: true, warnings, blocks };
  if (fileExisted && original!.trim() !== '' && doc.isBlank()) {
    const last = blocks[blocks.length - 1]!;
    const reason = 'The edit would leave the file empty; that is refused (delete the file explicitly if that is intended).';
    blocks[blocks.length - 1] = { ...last, status: 'failed', code: 'empties-file', reason };
    return { ...base, status: 'failed', warnings, message: reason, blocks };
  }
  const newText = doc.toString();
  const unchanged = fileExisted && newText === original && !edit.renameTo;
  const alreadyApplied = unchanged && edit.blocks.some((block, k) => makesChange(block) && blocks[k]!.status === 'applied');
  return {
    ...base, status: unchanged ? 'unchanged' : 'applied', newText, ...(created && !fileExisted ? { created: true } : {}),
    ...(alreadyApplied ? { alreadyApplied: true, message: 'Already applied: the file already has every change of this reply; nothing was written.' } : {}),
    ...(!unchanged && placements.length > 0 ? { placements } : {}), warnings, blocks,
  };
}

/** A block that asks for a change (not a SEARCH equal to its REPLACE). */
function makesChange(block: EditBlock): boolean {
  if (block.kind === 'search-replace') return block.search.join('\n') !== block.replace.join('\n');
  return block.kind !== 'malformed' && block.kind !== 'delete';
}

/**
 * Records where a block placed by a non-exact match landed, in the lines of the text as it is
 * now, and moves the places recorded before it by the lines it added or removed above them.
 */
function trackPlacement(placements: Placement[], result: BlockResult, delta: number): void {
  if (result.status !== 'applied' || !result.range || result.strategy === undefined) return;
  const { startLine, endLine } = result.range;
  for (const placement of placements) {
    if (placement.startLine > endLine) {
      placement.startLine += delta;
      placement.endLine += delta;
    } else if (placement.endLine >= startLine) placement.endLine = Math.max(placement.startLine, placement.endLine + delta);
  }
  if (!result.forgiven || result.forgiven.length === 0) return;
  placements.push({ block: result.index, startLine, endLine: Math.max(startLine, endLine + delta), strategy: result.strategy, forgiven: result.forgiven });
}

function applyBlock(doc: WorkingText, block: EditBlock, fileExisted: boolean, cursor: HunkCursor, match: MatchOptions, language: string): BlockResult {
  switch (block.kind) {
    case 'search-replace':
      if (!fileExisted && block.search.some((line) => line.trim() !== '')) return missing(block);
      return applySearchReplace(doc, block, cursor, fileExisted, match, language);
    case 'whole-file':
      return applyWholeFile(doc, block, fileExisted);
    case 'partial-file':
      if (!fileExisted) return missing(block);
      return applyPartialFile(doc, block, fileExisted);
    case 'create': {
      const same = doc.lines.length === block.content.length && doc.lines.every((line, k) => line === block.content[k]);
      if (fileExisted && !doc.isBlank() && !same) {
        return { index: block.index, status: 'failed', code: 'file-exists', reason: 'The file to add already exists with other content; send an update of it instead.' };
      }
      if (!same) doc.setAll(block.content.map((text) => ({ text })));
      return { index: block.index, status: 'applied', strategy: 'create', similarity: 1 };
    }
    case 'delete':
      if (!fileExisted) return missing(block);
      return { index: block.index, status: 'applied', strategy: 'delete', similarity: 1 };
    case 'malformed':
      return { index: block.index, status: 'failed', code: 'malformed', reason: block.reason };
  }
}

function missing(block: EditBlock): BlockResult {
  return { index: block.index, status: 'failed', code: 'file-missing', reason: `The file does not exist, so the ${formatName(block)} has nothing to change; check the path.` };
}
