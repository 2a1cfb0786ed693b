import * as vscode from 'vscode';
import type { Hunk } from '../../../core/edits/diff/hunks';
import { countDecisions, renderReviewDocument, type DecisionCounts, type HunkState, type ReviewDocument } from '../../../core/edits/review';
import type { FileReviewOutcome, ProposalOrigin, ProposalRequest } from './reviewApi';
import { reviewUri } from './reviewUris';

/** One proposal under review: its files, and how to settle its handle. */
export class Review {
  readonly files: FileReview[] = [];
  /** Files settled before the review opened (unchanged, refused): part of the outcome. */
  readonly earlyOutcomes: FileReviewOutcome[] = [];
  /** Every file is read in and the review is shown (until then it is not listed anywhere). */
  opened = false;
  settled = false;

  constructor(
    readonly id: string,
    readonly request: ProposalRequest,
    readonly settle: (files: FileReviewOutcome[], superseded?: boolean) => void,
  ) {}

  get title(): string {
    return this.request.title;
  }

  get origin(): ProposalOrigin {
    return this.request.origin;
  }

  get pendingFiles(): FileReview[] {
    return this.files.filter((file) => !file.outcome);
  }
}

/** One file of a review: the text the hunks apply to, the hunks, and the user's decisions. */
export class FileReview {
  readonly reviewUri: vscode.Uri;
  readonly states: HunkState[];
  /** Hunks whose lines the user edited in the document meanwhile (accepting them cannot be merged). */
  touched = new Set<number>();
  /** Hunks placed by a non-exact match: what the match ignored ("matched ignoring indentation"). */
  notes = new Map<number, string>();
  /** The document's text differs from `base`. */
  stale = false;
  /** Set once settled; the file then leaves the review UI. */
  outcome?: FileReviewOutcome;
  /** Writing is under way: decisions wait. */
  applying = false;
  private rendered?: ReviewDocument;

  constructor(
    readonly review: Review,
    readonly index: number,
    readonly uri: vscode.Uri,
    /** The text the hunks were computed against (the proposal's originalText). */
    readonly base: string,
    readonly hunks: readonly Hunk[],
    readonly created: boolean,
    /** The document had unsaved changes when the proposal was made: the result is not saved. */
    readonly wasDirty: boolean,
    readonly label?: string,
  ) {
    this.reviewUri = reviewUri(review.id, index, uri);
    this.states = hunks.map(() => 'pending');
  }

  get document(): ReviewDocument {
    this.rendered ??= renderReviewDocument(this.base, this.hunks, (id) => this.states[id] ?? 'pending');
    return this.rendered;
  }

  get counts(): DecisionCounts {
    return countDecisions(this.states);
  }

  decide(hunk: number, state: HunkState): boolean {
    if (this.outcome || this.applying || hunk < 0 || hunk >= this.states.length || this.states[hunk] === state) return false;
    this.states[hunk] = state;
    this.rendered = undefined;
    return true;
  }

  /** Decides every pending hunk; returns whether anything changed. */
  decideAllPending(state: 'accepted' | 'rejected'): boolean {
    let changed = false;
    for (let id = 0; id < this.states.length; id++) if (this.states[id] === 'pending') changed = this.decide(id, state) || changed;
    return changed;
  }

  get relativePath(): string {
    return vscode.workspace.asRelativePath(this.uri, false);
  }
}
