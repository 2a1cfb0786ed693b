import { formatUnifiedDiff } from '../../edits';
import type { ToolOutcome } from '../types';
import type { ProposedFile, ProposedFileOutcome, ToolCallContext, ToolEnvironment } from './environment';
import { failed, refused, succeeded } from './toolResult';

/** Whether edits go through the user's per-hunk review rather than a yes/no approval. */
export function reviewsEdits(env: ToolEnvironment): env is ToolEnvironment & { proposeEdits: NonNullable<ToolEnvironment['proposeEdits']> } {
  return !env.autoEdit && env.proposeEdits !== undefined;
}

/**
 * Proposes the files' new text in the review and waits for the user's decisions. The model is told,
 * per file, what was accepted and — as a diff from what it proposed to what the file now holds —
 * exactly which changes the user rejected, so it can adapt instead of redoing them.
 */
export async function reviewEdits(env: ToolEnvironment & { proposeEdits: NonNullable<ToolEnvironment['proposeEdits']> }, ctx: ToolCallContext, title: string, files: ProposedFile[]): Promise<ToolOutcome> {
  ctx.progress(`waiting for the review of ${files.map((f) => f.file.relative).join(', ')}`);
  const outcome = await env.proposeEdits({ step: ctx.step, title, files, signal: ctx.signal });
  const byPath = new Map(files.map((f) => [f.file.relative, f]));
  const lines: string[] = [];
  const changed: string[] = [];
  const diffs: string[] = [];
  for (const result of outcome.files) {
    const proposed = byPath.get(result.relative);
    lines.push(describe(result, proposed));
    if ((result.status === 'accepted' || result.status === 'partial') && proposed) {
      changed.push(result.relative);
      diffs.push(formatUnifiedDiff(result.relative, proposed.before, result.written ?? proposed.after));
    }
  }
  const extra = { filesChanged: changed, ...(diffs.length ? { diff: diffs.join('') } : {}) };
  const failures = outcome.files.filter((f) => f.status === 'failed');
  if (changed.length === 0 && failures.length === 0 && outcome.files.some((f) => f.status === 'rejected')) {
    return { ...refused(`the user rejected the edit of ${outcome.files.filter((f) => f.status === 'rejected').map((f) => f.relative).join(', ')} in the review; nothing was written.`), content: `Refused: ${lines.join('\n')}` };
  }
  const summary = outcome.files.map((f) => `${f.relative}: ${f.status}${f.status === 'partial' ? ` (${f.rejectedHunks} of ${f.acceptedHunks + f.rejectedHunks} changes rejected)` : ''}`).join('; ');
  return failures.length ? failed(lines.join('\n'), `review: ${summary}`, extra) : succeeded(lines.join('\n'), `review: ${summary}`, extra);
}

function describe(result: ProposedFileOutcome, proposed: ProposedFile | undefined): string {
  const name = result.relative;
  switch (result.status) {
    case 'accepted': return `${name}: the user accepted every change; written.`;
    case 'unchanged': return `${name}: already as proposed; nothing to change.`;
    case 'rejected': return `${name}: the user rejected all ${result.rejectedHunks} change${result.rejectedHunks === 1 ? '' : 's'}; the file is unchanged.`;
    case 'failed': return `${name}: not written: ${result.message ?? 'the review could not write it'}.`;
    case 'partial': {
      const notApplied = proposed && result.written !== undefined ? formatUnifiedDiff(name, proposed.after, result.written) : '';
      return `${name}: the user accepted ${result.acceptedHunks} change${result.acceptedHunks === 1 ? '' : 's'} and rejected ${result.rejectedHunks}; the accepted ones are written.${notApplied ? `\nWhat you proposed (-) against what the file now has (+), i.e. the rejected changes:\n${notApplied}` : ''}`;
    }
  }
}
