import * as vscode from 'vscode';
import { computeHunks } from '../../../core/edits/diff/hunks';
import { alignToDocument, hunkNotes, hunksTouchedByUser, unreviewableReason } from '../../../core/edits/review';
import { FileReview, type Review } from './fileReview';
import type { FileReviewOutcome, ProposedFileChange } from './reviewApi';

/**
 * Reads one proposed file in: refuses binary or huge texts, settles a file the proposal does not
 * change as 'unchanged', and otherwise builds its review against the proposal's originalText. When
 * the document already differs from that text, the review starts stale and the user's edits are
 * merged in when it is written (see writeDecided).
 */
export async function prepareFile(review: Review, index: number, change: ProposedFileChange): Promise<{ file: FileReview } | { outcome: FileReviewOutcome }> {
  const relative = vscode.workspace.asRelativePath(change.uri, false);
  const settled = (status: FileReviewOutcome['status'], message?: string) => ({ outcome: { uri: change.uri, status, acceptedHunks: 0, rejectedHunks: 0, ...(message ? { message } : {}) } });
  const refusal = unreviewableReason(change.proposedText, `The proposed ${relative}`) ?? unreviewableReason(change.originalText, relative);
  if (refusal) return settled('failed', refusal);

  let current: string;
  let wasDirty = false;
  const existing = change.created ? await readIfExists(change.uri) : undefined;
  if (change.created && existing !== undefined && existing !== change.originalText) {
    return existing === change.proposedText ? settled('unchanged') : settled('failed', `${relative} already exists, so Tandem did not create it; ask again with the current file.`);
  }
  // A "new" file that exists with the expected text (an empty file) is edited like any other.
  const creating = change.created === true && existing === undefined;
  if (creating) {
    current = change.originalText;
  } else {
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(change.uri);
    } catch (error) {
      return settled('failed', `${relative} could not be opened (${error instanceof Error ? error.message : String(error)}), so the proposed change was not applied.`);
    }
    current = document.getText();
    wasDirty = document.isDirty;
    const tooBig = unreviewableReason(current, relative);
    if (tooBig) return settled('failed', tooBig);
  }

  const { base, proposed } = alignToDocument(change.originalText, change.proposedText, current);
  const hunks = computeHunks(base, proposed);
  if (hunks.length === 0) return settled('unchanged');
  const file = new FileReview(review, index, change.uri, base, hunks, creating, wasDirty, change.label);
  file.notes = hunkNotes(hunks, change.placements);
  if (current !== base) {
    file.stale = true;
    file.touched = hunksTouchedByUser(base, current, hunks);
  }
  return { file };
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
