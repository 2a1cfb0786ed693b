import type * as vscode from 'vscode';

// The contract between the diff review (src/features/edit/review) and every feature that proposes
// changes: inline edit, refactor commands, Quick Fix, Apply from chat, generated tests.
// Types only, so importing it costs nothing at activation.

/** One file's proposed change. Nothing is written until the user accepts. */
export interface ProposedFileChange {
  uri: vscode.Uri;
  /** The text the proposal was computed against (the document's text when the model was asked; '' for a new file). */
  originalText: string;
  /** The complete text the file would have with every hunk accepted. */
  proposedText: string;
  /** The file does not exist yet: accepting creates it. */
  created?: boolean;
  /** A short label shown with the file, e.g. "fix to the test" or "fix to the code". */
  label?: string;
  /** Changes the edit engine placed by a non-exact match (lines of proposedText): their hunks say so. */
  placements?: ReadonlyArray<{ startLine: number; endLine: number; note: string }>;
}

/** Where a proposal came from (shown in the review, used in messages). */
export type ProposalOrigin = 'inline-edit' | 'refactor' | 'quick-fix' | 'chat' | 'tests' | 'agent';

export interface ProposalRequest {
  /** What the change does, e.g. "Add documentation" or the user's instruction. */
  title: string;
  origin: ProposalOrigin;
  files: ProposedFileChange[];
  /** Show the first file's review at once (default true). */
  reveal?: boolean;
}

/** How one file ended. */
export type FileReviewStatus =
  | 'accepted' // every hunk accepted and written
  | 'partial' // some hunks accepted and written, the others rejected
  | 'rejected' // nothing written
  | 'unchanged' // the proposal equals the file: nothing to review
  | 'failed'; // could not be written (the file changed in conflicting ways, the edit was refused, ...)

export interface FileReviewOutcome {
  uri: vscode.Uri;
  status: FileReviewStatus;
  acceptedHunks: number;
  rejectedHunks: number;
  /** Why it failed, for people. */
  message?: string;
}

export interface ReviewOutcome {
  files: FileReviewOutcome[];
  /** True when the review was superseded by a refinement (see `ReviewService.replace`). */
  superseded?: boolean;
}

/** A proposal under review. */
export interface ReviewHandle {
  readonly id: string;
  /** Settles when every hunk of every file has been decided (or the review was discarded or superseded). */
  readonly done: Promise<ReviewOutcome>;
}

export interface ReviewService {
  /** Opens a review of the proposed changes. Files whose proposal equals their text settle as 'unchanged'. */
  propose(request: ProposalRequest): ReviewHandle;
  /** Replaces a pending review by a refined one (follow-up instruction); the old one settles with `superseded`. */
  replace(id: string, request: ProposalRequest): ReviewHandle;
  /** The pending review that covers this file, if any. */
  pendingFor(uri: vscode.Uri): ReviewHandle | undefined;
}
