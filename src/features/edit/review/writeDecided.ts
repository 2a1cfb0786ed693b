import * as vscode from 'vscode';
import { computeHunks } from '../../../core/edits/diff/hunks';
import { decidedText, mergeWithUserEdits, settledStatus } from '../../../core/edits/review';
import { splitKeepingEols } from '../../../core/edits/text/lineText';
import type { FileReviewOutcome } from './reviewApi';
import type { FileReview } from './fileReview';

/** How a file ended; where its first change now is, when something was written. */
export type WrittenOutcome = FileReviewOutcome & { firstChangedLine?: number };

/**
 * Writes a file whose hunks are all decided: the accepted hunks, merged with whatever the user
 * typed meanwhile, as ONE WorkspaceEdit of minimal replacements (so one Undo restores the
 * document exactly), saved when it had no unsaved changes. Writes nothing when every hunk
 * was rejected, or when the merge fails (the outcome then says why).
 */
export async function writeDecided(file: FileReview): Promise<WrittenOutcome> {
  const counts = file.counts;
  const outcome = (status: FileReviewOutcome['status'], message?: string): FileReviewOutcome =>
    ({ uri: file.uri, status, acceptedHunks: counts.accepted, rejectedHunks: counts.rejected, ...(message ? { message } : {}) });
  const status = settledStatus(counts);
  if (status === 'rejected') return outcome('rejected');
  const decided = decidedText(file.base, file.hunks, (id) => file.states[id] ?? 'pending');
  if (file.created) return createFile(file, decided, outcome(status));

  // A document of a file deleted or renamed on disk can linger in memory; saving it would bring the file back.
  const onDisk = vscode.workspace.fs.isWritableFileSystem(file.uri.scheme) !== undefined; // untitled and the like have no file
  if (onDisk && !(await exists(file.uri))) {
    return outcome('failed', `${file.relativePath} was deleted or renamed while the review was open, so Tandem did not write it; ask again with the file where it is now.`);
  }
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(file.uri);
  } catch (error) {
    return outcome('failed', `${file.relativePath} could not be opened (${error instanceof Error ? error.message : String(error)}); nothing was written.`);
  }
  const current = document.getText();
  const merged = mergeWithUserEdits(file.base, decided, current);
  if (!merged.ok) return outcome('failed', `Tandem did not change ${file.relativePath}: ${merged.message}. Nothing was written; reject that change or ask again.`);
  if (merged.text === current) return outcome(status);

  // Saved so test runners and tools see it, unless the document holds unsaved work (then saving is the user's call).
  const save = !file.wasDirty && !document.isDirty;
  const edit = new vscode.WorkspaceEdit();
  const tokens = splitKeepingEols(current);
  const offsets = [0];
  for (const token of tokens) offsets.push(offsets[offsets.length - 1]! + token.length);
  const replacements = computeHunks(current, merged.text);
  for (const hunk of replacements) {
    const start = document.positionAt(offsets[hunk.oldStart]!);
    const end = document.positionAt(offsets[hunk.oldStart + hunk.oldLines.length]!);
    edit.replace(file.uri, new vscode.Range(start, end), hunk.newLines.join(''));
  }
  if (!(await vscode.workspace.applyEdit(edit))) return outcome('failed', `VS Code refused the edit to ${file.relativePath}; nothing was written.`);
  const written = { ...outcome(status), firstChangedLine: replacements[0]?.newStart ?? 0 };
  if (save && !(await document.save())) return { ...written, message: `${file.relativePath} was changed but could not be saved; it has unsaved changes.` };
  return written;
}

async function createFile(file: FileReview, text: string, accepted: FileReviewOutcome): Promise<WrittenOutcome> {
  const failed = (message: string): FileReviewOutcome => ({ ...accepted, status: 'failed', message });
  if (await exists(file.uri)) return failed(`${file.relativePath} was created by someone else while the review was open, so Tandem did not overwrite it.`);
  // Written as bytes: text inserted into a new document would take the editor's default line ending.
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(file.uri, { ignoreIfExists: false, contents: new TextEncoder().encode(text) });
  if (!(await vscode.workspace.applyEdit(edit))) return failed(`VS Code refused to create ${file.relativePath}; nothing was written.`);
  return { ...accepted, firstChangedLine: 0 };
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
