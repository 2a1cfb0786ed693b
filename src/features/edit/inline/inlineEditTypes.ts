import type * as vscode from 'vscode';
import type { CodeProblem } from '../../../core/prompts/refactorPresets';
import type { ProposalOrigin } from '../review/reviewApi';

// The inline edit's request and result, apart from its registration so the controller (loaded
// lazily) and the commands can both use them without importing each other.

/** What an edit is asked to do; everything is optional for Ctrl/Cmd+I. */
export interface InlineEditRequest {
  /** Skips the instruction input (refactor presets, Quick Fix, tests). */
  instruction?: string;
  /** The proposal's title (default: the instruction). */
  title?: string;
  origin?: Extract<ProposalOrigin, 'inline-edit' | 'refactor' | 'quick-fix'>;
  /** The document and lines to edit; default: the active editor's selection or enclosing block. */
  uri?: vscode.Uri;
  range?: vscode.Range;
  /** Diagnostics to fix (Quick Fix): the range grows to the block around them. */
  problems?: CodeProblem[];
  /** The instruction input's title, e.g. "Refactor". */
  inputTitle?: string;
}

export type InlineEditResult =
  | { status: 'proposed'; reviewId: string; refined: boolean }
  | { status: 'unchanged' }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string };

export interface InlineEditApi {
  run(request?: InlineEditRequest): Promise<InlineEditResult>;
}
