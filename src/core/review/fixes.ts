import { applyEditPlan, computeHunks, formatUnifiedDiff, parseEditResponse, type FileEditResult } from '../edits';
import type { FindingFix } from './types';

export type FixCheck = { ok: true; fix: FindingFix; files: Array<{ path: string; newText: string }> } | { ok: false; reason: string };

/**
 * A proposed fix read through the edit engine, in whichever of Tandem's formats the model wrote it
 * (SEARCH/REPLACE, unified diff, apply_patch, a code block naming the file; blocks that name no file
 * belong to the finding's file) and applied to the current texts. A fix that does not apply cleanly
 * to every file it touches is refused whole: a half-applied fix is worse than none.
 */
export function checkFix(fixText: string, findingPath: string, read: (path: string) => string | undefined): FixCheck {
  const plan = parseEditResponse(fixText, { defaultPath: findingPath });
  if (plan.files.length === 0) return { ok: false, reason: plan.warnings[0] ?? 'the fix holds no edit Tandem can read' };
  const results: FileEditResult[] = applyEditPlan(plan, read);
  const failed = results.find((r) => r.status === 'failed');
  if (failed) return { ok: false, reason: `the fix does not apply to ${failed.path ?? findingPath}: ${failed.message ?? failed.blocks.find((b) => b.reason)?.reason ?? 'no match'}` };
  const changed = results.filter((r) => r.status === 'applied' && r.path !== undefined && r.newText !== undefined && !r.deleted && !r.renameTo);
  if (changed.length === 0) return { ok: false, reason: 'the fix changes nothing (it is already in the file)' };
  if (results.some((r) => r.deleted || r.renameTo)) return { ok: false, reason: 'the fix deletes or moves a file; fixes may only change code' };
  const files = changed.map((r) => ({ path: r.path!, newText: r.newText! }));
  const diff = files.map((f) => formatUnifiedDiff(f.path, read(f.path), f.newText)).join('');
  const replacements = files.flatMap((f) => replacementsOf(f.path, read(f.path) ?? '', f.newText));
  return { ok: true, fix: { text: fixText, diff, replacements }, files };
}

/** Each changed run of lines as a character range of the old text and what replaces it. */
function replacementsOf(path: string, oldText: string, newText: string): FindingFix['replacements'] {
  const hunks = computeHunks(oldText, newText);
  const lineStarts = [0];
  for (let i = 0; i < oldText.length; i++) if (oldText[i] === '\n') lineStarts.push(i + 1);
  const offsetOf = (line: number) => (line < lineStarts.length ? lineStarts[line]! : oldText.length);
  return hunks.map((h) => {
    const charOffset = offsetOf(h.oldStart);
    const charLength = h.oldLines.join('').length;
    return { path, charOffset, charLength, insertedText: h.newLines.join('') };
  });
}
