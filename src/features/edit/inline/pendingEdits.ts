import * as vscode from 'vscode';
import { mapRange, type LineRange } from '../../../core/edits/rewrite';
import type { ReviewService } from '../review/reviewApi';
import { parseReviewUri } from '../review/reviewUris';

/** A proposal of an inline edit still under review: what a follow-up instruction refines. */
export interface PendingEdit {
  reviewId: string;
  uri: vscode.Uri;
  /** The text the proposal was made against. */
  originalText: string;
  /** The lines of `originalText` the proposal rewrites, and what it proposes for them. */
  range: LineRange;
  lines: string[];
  /** Every instruction that led to it, oldest first. */
  instructions: string[];
  title: string;
}

/** The inline edits waiting in the review, by review id; an entry leaves when its review ends. */
export class PendingEdits {
  private readonly byReview = new Map<string, PendingEdit>();

  constructor(private readonly review: ReviewService) {}

  add(edit: PendingEdit, done: Promise<unknown>): void {
    this.byReview.set(edit.reviewId, edit);
    void done.then(() => {
      if (this.byReview.get(edit.reviewId) === edit) this.byReview.delete(edit.reviewId);
    });
  }

  /**
   * The pending edit a follow-up in this editor refines: the one shown in a review document, or
   * the one whose lines hold the selection in the file itself.
   */
  find(document: vscode.TextDocument, selection: vscode.Range): PendingEdit | undefined {
    const shown = parseReviewUri(document.uri);
    if (shown) return this.live(this.byReview.get(shown.reviewId));
    const edit = this.live([...this.byReview.values()].find((e) => e.uri.toString() === document.uri.toString()));
    if (!edit) return undefined;
    const range = mapRange(edit.originalText, document.getText(), edit.range);
    const touches = selection.start.line < Math.max(range.end, range.start + 1) && selection.end.line >= range.start;
    return touches ? edit : undefined;
  }

  /** Only while its review is still the one pending for the file. */
  private live(edit: PendingEdit | undefined): PendingEdit | undefined {
    if (!edit) return undefined;
    if (this.review.pendingFor(edit.uri)?.id !== edit.reviewId) {
      this.byReview.delete(edit.reviewId);
      return undefined;
    }
    return edit;
  }
}
