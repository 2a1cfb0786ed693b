import type { ApplyOptions, EditPlan, FileEditResult } from '../types';
import { applyFileEdit } from './applyFileEdit';

/** Reads a file's current text by its plan path; undefined when it does not exist. */
export type ReadFile = (path: string) => string | undefined;

/**
 * Applies every file of a plan to the texts `read` returns. Nothing is written: callers (the review
 * UI, the CLI) write the results whose status is 'applied'.
 */
export function applyEditPlan(plan: EditPlan, read: ReadFile, options: ApplyOptions = {}): FileEditResult[] {
  return plan.files.map((edit) => {
    const result = applyFileEdit(edit.path === undefined ? undefined : read(edit.path), edit, options);
    if (result.status !== 'failed' && edit.renameTo && edit.renameTo !== edit.path && read(edit.renameTo) !== undefined) {
      const reason = `Cannot move the file to ${edit.renameTo}: that file already exists.`;
      return { ...result, status: 'failed', newText: undefined, message: reason, blocks: result.blocks.map((b) => ({ ...b, status: 'failed', code: 'file-exists', reason })) };
    }
    return result;
  });
}
