import * as vscode from 'vscode';
import { fileHeadline, fileProgress, hunkPosition } from '../../../core/edits/review';
import type { FileReview } from './fileReview';
import { reviewCommands } from './reviewCommands';

/**
 * The CodeLens of a review document: a headline with Accept All / Reject All / Side-by-side diff
 * and what is pending, and above each hunk Accept / Reject (or Undo once decided) with its
 * position. Each lens passes explicit arguments (the review document and the hunk index).
 */
export function reviewCodeLenses(file: FileReview): vscode.CodeLens[] {
  const top = new vscode.Range(0, 0, 0, 0);
  const review = file.review;
  const counts = file.counts;
  const lenses: vscode.CodeLens[] = [];
  const lens = (range: vscode.Range, title: string, command = '', args: unknown[] = [], tooltip?: string) =>
    lenses.push(new vscode.CodeLens(range, { title, command, arguments: args, ...(tooltip ? { tooltip } : {}) }));

  const multiFile = review.files.length > 1;
  const fileCount = `${review.files.length} files`;
  lens(top, multiFile ? `$(check-all) Accept All (${fileCount})` : '$(check-all) Accept All', reviewCommands.acceptAll, [review.id], 'Accept every pending change of this proposal');
  lens(top, multiFile ? `$(close-all) Reject All (${fileCount})` : '$(close-all) Reject All', reviewCommands.rejectAll, [review.id], 'Reject every pending change of this proposal');
  if (multiFile) {
    lens(top, 'Accept File', reviewCommands.acceptFile, [file.reviewUri], 'Accept the pending changes of this file');
    lens(top, 'Reject File', reviewCommands.rejectFile, [file.reviewUri], 'Reject the pending changes of this file');
  }
  lens(top, 'Side-by-side diff', reviewCommands.showDiff, [file.reviewUri], 'Compare the original with the proposal as decided so far');
  lens(top, `${review.title} · ${fileHeadline(counts.pending, file.stale)}`);
  if (counts.pending > 0 && counts.pending < counts.total) lens(top, fileProgress(counts.pending, counts.total));

  for (const placement of file.document.hunks) {
    const range = new vscode.Range(placement.anchorLine, 0, placement.anchorLine, 0);
    const args = [file.reviewUri, placement.hunk];
    const position = hunkPosition(placement.hunk, counts.total);
    if (placement.state === 'pending') {
      lens(range, '$(check) Accept', reviewCommands.acceptHunk, args, 'Accept this change (Ctrl/Cmd+Enter)');
      lens(range, '$(close) Reject', reviewCommands.rejectHunk, args, 'Reject this change (Ctrl/Cmd+Backspace)');
    } else {
      lens(range, placement.state === 'accepted' ? 'Accepted' : 'Rejected');
      lens(range, '$(discard) Undo', reviewCommands.undoHunk, args, 'Decide this change again');
    }
    lens(range, position);
    const note = file.notes.get(placement.hunk);
    if (note) lens(range, `· ${note}`, '', [], 'The edit did not match the file exactly; only what cannot change the code differed');
    if (file.touched.has(placement.hunk)) lens(range, '$(warning) you edited these lines: accepting this change cannot be merged');
  }
  return lenses;
}
