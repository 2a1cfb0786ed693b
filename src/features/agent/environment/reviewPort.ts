import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import type { EditProposal, EditProposalOutcome, ProposedFileOutcome } from '../../../core/agent/tools/environment';
import type { ReviewOutcome, ReviewService } from '../../edit/review/reviewApi';
import { reviewCommands } from '../../edit/review/reviewCommands';

export interface ReviewCheckpoints {
  beforeWrite(step: number, relativePath: string): Promise<void>;
  afterWrite(step: number, relativePath: string): Promise<void>;
}

/**
 * The agent's edits in Tandem's per-hunk review. The checkpoint is taken before the review opens
 * (the review writes when the user decides), the write recorded once it is decided, and the
 * outcome says per file what was accepted and what the file now holds. Stop rejects what is still
 * undecided, so a cancelled task never writes later behind the checkpoints' back.
 */
export async function proposeThroughReview(review: ReviewService, checkpoints: ReviewCheckpoints, proposal: EditProposal): Promise<EditProposalOutcome> {
  for (const { file } of proposal.files) await checkpoints.beforeWrite(proposal.step, file.relative);
  const handle = review.propose({
    title: proposal.title,
    origin: 'agent',
    files: proposal.files.map(({ file, before, after }) => ({
      uri: vscode.Uri.file(file.absolute), originalText: before ?? '', proposedText: after, ...(before === undefined ? { created: true } : {}), label: 'proposed by the agent',
    })),
  });
  let outcome: ReviewOutcome | undefined;
  const stopped = new Promise<void>((resolve) => {
    if (proposal.signal.aborted) resolve();
    proposal.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await Promise.race([handle.done.then((o) => void (outcome = o)), stopped]);
  if (!outcome) {
    await vscode.commands.executeCommand(reviewCommands.rejectAll, handle.id).then(undefined, () => undefined);
    outcome = await Promise.race([handle.done, new Promise<ReviewOutcome>((resolve) => setTimeout(() => resolve({ files: [] }), 2_000))]);
  }
  const files: ProposedFileOutcome[] = [];
  for (const { file } of proposal.files) {
    const decided = outcome.files.find((f) => f.uri.fsPath === vscode.Uri.file(file.absolute).fsPath);
    await checkpoints.afterWrite(proposal.step, file.relative);
    if (!decided) {
      files.push({ relative: file.relative, status: 'rejected', acceptedHunks: 0, rejectedHunks: 0, message: 'the task was stopped before the review was decided' });
      continue;
    }
    const written = decided.status === 'accepted' || decided.status === 'partial' ? await fs.readFile(file.absolute, 'utf8').catch(() => undefined) : undefined;
    files.push({
      relative: file.relative, status: decided.status, acceptedHunks: decided.acceptedHunks, rejectedHunks: decided.rejectedHunks,
      ...(written !== undefined ? { written } : {}), ...(decided.message ? { message: decided.message } : {}),
    });
  }
  return { files };
}
