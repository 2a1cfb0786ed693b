import type { FileReviewStatus, ProposalOrigin } from './reviewApi';

// What the integration suite can read of the review (through TandemApi.review). Types only.

export interface HunkSnapshot {
  /** The hunk's index in its file, as the commands take it. */
  index: number;
  state: 'pending' | 'accepted' | 'rejected';
  /** Lines without terminators. */
  oldLines: string[];
  newLines: string[];
  /** 0-based line of the review document its CodeLens sits on. */
  line: number;
  /** The user edited the document where this hunk applies since the proposal. */
  touchedByUser: boolean;
}

export interface FileSnapshot {
  uri: string;
  /** The review document (scheme tandem-review). */
  reviewUri: string;
  label?: string;
  created: boolean;
  /** Set once the file is written, rejected or failed. */
  settled?: { status: FileReviewStatus; message?: string };
  /** The document changed since the proposal was made. */
  stale: boolean;
  /** What the review document shows. */
  text: string;
  hunks: HunkSnapshot[];
}

export interface ReviewSnapshot {
  id: string;
  title: string;
  origin: ProposalOrigin;
  files: FileSnapshot[];
}

export interface ReviewUiSnapshot {
  reviews: ReviewSnapshot[];
  statusBar: { visible: boolean; text: string; tooltip: string };
  /** The Pending Changes view's rows. */
  tree: Array<{ label: string; description: string }>;
  /** Messages the review showed to the user (errors and warnings), oldest first. */
  messages: string[];
}
