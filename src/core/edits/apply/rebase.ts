import { diffLineArrays, type ChangeRegion } from '../diff/lineDiff';
import { splitKeepingEols } from '../text/lineText';
import type { ApplyOptions, FileEdit, FileEditResult } from '../types';
import { applyFileEdit } from './applyFileEdit';

/**
 * Applies an edit the model made against `oldSeen` to the document as it is now. The edit is
 * applied to what the model saw, and its changes are merged with the user's changes since (a
 * three-way merge by lines). Where both touched the same lines, SEARCH/REPLACE-style blocks are
 * matched again against the current text without the fuzzy rung (it could overwrite the user's
 * changes). Otherwise the edit is refused with a message saying what overlapped.
 */
export function rebase(oldSeen: string, current: string, edit: FileEdit, options: ApplyOptions = {}): FileEditResult {
  if (oldSeen === current) return applyFileEdit(current, edit, options);
  const onSeen = applyFileEdit(oldSeen, edit, options);
  if (onSeen.status === 'failed') return rematch(current, edit, options, 'The edit does not apply to the text the model saw.');
  if (onSeen.deleted) return stale(edit, 'The file changed since the model saw it, so it was not deleted; ask again.');
  if (onSeen.status === 'unchanged') return { ...onSeen, newText: current, rebased: 'merged' };
  const merged = threeWayMerge(oldSeen, onSeen.newText!, current);
  if (merged.ok) return { ...onSeen, status: merged.text === current ? 'unchanged' : 'applied', newText: merged.text, rebased: 'merged' };
  const { model, user } = merged.conflict;
  const overlap = `your changes at lines ${describeRange(user)} overlap the proposed change at lines ${describeRange(model)}`;
  return rematch(current, edit, options, `The file changed since the model saw it: ${overlap}.`);
}

function rematch(current: string, edit: FileEdit, options: ApplyOptions, why: string): FileEditResult {
  const canRematch = edit.blocks.every((block) => block.kind === 'search-replace');
  if (canRematch) {
    const again = applyFileEdit(current, edit, { ...options, allowFuzzy: false });
    if (again.status !== 'failed') return { ...again, rebased: 'rematched' };
    return { ...again, message: `${why} Matching the edit against the current text failed too; nothing was applied. Ask again with the current file.`, rebased: 'rematched' };
  }
  return stale(edit, `${why} Nothing was applied; ask again with the current file.`);
}

function stale(edit: FileEdit, message: string): FileEditResult {
  return {
    path: edit.path, status: 'failed', message, warnings: [],
    blocks: edit.blocks.map((block) => ({ index: block.index, status: 'failed', code: 'stale', reason: message })),
  };
}

export type MergeResult = { ok: true; text: string } | { ok: false; conflict: { model: ChangeRegion; user: ChangeRegion } };

/** Merges base->ours and base->theirs line changes; fails on the first pair that touches the same lines. */
export function threeWayMerge(base: string, ours: string, theirs: string): MergeResult {
  const baseLines = splitKeepingEols(base);
  const ourLines = splitKeepingEols(ours);
  const theirLines = splitKeepingEols(theirs);
  const mine = diffLineArrays(baseLines, ourLines);
  const yours = diffLineArrays(baseLines, theirLines);
  for (const model of mine) {
    const user = yours.find((u) => overlaps(model, u));
    if (user) return { ok: false, conflict: { model, user } };
  }
  const changes = [...mine.map((region) => ({ region, lines: ourLines })), ...yours.map((region) => ({ region, lines: theirLines }))]
    .sort((x, y) => x.region.oldStart - y.region.oldStart || x.region.oldEnd - y.region.oldEnd);
  let text = '';
  let position = 0;
  for (const { region, lines } of changes) {
    text += baseLines.slice(position, region.oldStart).join('') + lines.slice(region.newStart, region.newEnd).join('');
    position = region.oldEnd;
  }
  return { ok: true, text: text + baseLines.slice(position).join('') };
}

/** Changed ranges overlap, or an insertion falls inside or at the edge of the other's range. */
export function overlaps(a: ChangeRegion, b: ChangeRegion): boolean {
  const aInsert = a.oldStart === a.oldEnd;
  const bInsert = b.oldStart === b.oldEnd;
  if (aInsert) return b.oldStart <= a.oldStart && a.oldStart <= b.oldEnd;
  if (bInsert) return a.oldStart <= b.oldStart && b.oldStart <= a.oldEnd;
  return a.oldStart < b.oldEnd && b.oldStart < a.oldEnd;
}

function describeRange(region: ChangeRegion): string {
  const first = region.oldStart + 1;
  const last = Math.max(first, region.oldEnd);
  return first === last ? `${first}` : `${first}-${last}`;
}
