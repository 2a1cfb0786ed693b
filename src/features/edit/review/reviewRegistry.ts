import * as vscode from 'vscode';
import { FileReview, type Review } from './fileReview';
import { parseReviewUri, reviewScheme } from './reviewUris';

/**
 * The open reviews, which review holds each target file (a file is under one review at a time),
 * and what a command's argument means: a review id, a FileReview from the tree, a review document
 * or target URI, else the review in the active editor.
 */
export class ReviewRegistry {
  private readonly reviews = new Map<string, Review>();
  /** Review ids per target file, claimed as soon as the file's proposal is read in. */
  private readonly claims = new Map<string, string>();

  add(review: Review): void {
    this.reviews.set(review.id, review);
  }

  get(id: string): Review | undefined {
    return this.reviews.get(id);
  }

  /** Forgets a review and every claim it holds. */
  remove(id: string): void {
    this.reviews.delete(id);
    for (const [uri, claimant] of this.claims) if (claimant === id) this.claims.delete(uri);
  }

  claim(uri: vscode.Uri, review: Review): void {
    this.claims.set(uri.toString(), review.id);
  }

  /** Gives up `file`'s claim, if its review still holds it. */
  release(file: FileReview): void {
    if (this.claims.get(file.uri.toString()) === file.review.id) this.claims.delete(file.uri.toString());
  }

  /** The id of the review that holds this target file. */
  holderOf(uri: vscode.Uri): string | undefined {
    return this.claims.get(uri.toString());
  }

  /** The held review's file for this target (decided or not). */
  claimedFile(uri: vscode.Uri): FileReview | undefined {
    const key = uri.toString();
    return this.reviews.get(this.claims.get(key) ?? '')?.files.find((file) => file.uri.toString() === key);
  }

  /** Reviews shown to the user (their files read in), oldest first. */
  opened(): Review[] {
    return [...this.reviews.values()].filter((review) => review.opened);
  }

  pendingFiles(): FileReview[] {
    return this.opened().flatMap((review) => review.pendingFiles);
  }

  /** The file a review document shows. */
  fileOf(uri: vscode.Uri): FileReview | undefined {
    const parts = parseReviewUri(uri);
    return parts && this.reviews.get(parts.reviewId)?.files.find((file) => file.index === parts.fileIndex);
  }

  /** The file a command means: a FileReview (from the tree), a review document or target URI, else the active review document. */
  fileFor(target: unknown): FileReview | undefined {
    if (target instanceof FileReview) return target;
    const uri = toUri(target);
    if (uri) {
      if (uri.scheme === reviewScheme) return this.fileOf(uri);
      const file = this.claimedFile(uri);
      return file && !file.outcome ? file : undefined;
    }
    return target === undefined ? this.activeFile() : undefined;
  }

  /** The review a command means: its id, one of its files, else the active one, else the newest pending one. */
  reviewFor(target: unknown): Review | undefined {
    if (typeof target === 'string' && this.reviews.has(target)) return this.reviews.get(target);
    if (target !== undefined) return this.fileFor(target)?.review;
    return this.activeFile()?.review ?? [...this.reviews.values()].filter((review) => review.pendingFiles.length > 0).at(-1);
  }

  /** The file whose review is in the active editor (or the active side-by-side diff). */
  activeFile(): FileReview | undefined {
    const editorUri = vscode.window.activeTextEditor?.document.uri;
    if (editorUri?.scheme === reviewScheme) return this.fileOf(editorUri);
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (input instanceof vscode.TabInputTextDiff && input.modified.scheme === reviewScheme) return this.fileOf(input.modified);
    return undefined;
  }
}

function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && /^[a-z][\w+.-]*:/i.test(value)) {
    try {
      return vscode.Uri.parse(value, true);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
