import { promises as fs } from 'node:fs';
import { applyEditPlan, describeFailures, formatUnifiedDiff, parseEditResponse, type FileEditResult } from '../../edits';
import { writeFileAtomic } from '../../fs/atomicWrite';
import type { ToolOutcome } from '../types';
import type { ResolvedPath, ToolCallContext, ToolEnvironment } from './environment';
import { approveEdit } from './fileTools';
import { reviewEdits, reviewsEdits } from './reviewedEdits';
import { failed, refused, succeeded } from './toolResult';
import { readWorkspaceText, unsavedWorkRefusal } from './workspaceText';

const formatsHint = 'Write SEARCH/REPLACE blocks with the file path on the line before each:\nsrc/a.ts\n<<<<<<< SEARCH\nexact lines from the file\n=======\nnew lines\n>>>>>>> REPLACE\n(or a unified diff, or an apply_patch envelope).';

/**
 * apply_edits: any format the edit engine parses, matched with its ladder. A file whose blocks all
 * apply is written (atomically, after its checkpoint); a file with a failed block is left as it
 * was, and the engine's precise failure message goes back to the model.
 */
export async function applyEditsTool(env: ToolEnvironment, args: { response: string }, ctx: ToolCallContext): Promise<ToolOutcome> {
  const plan = parseEditResponse(args.response);
  if (plan.files.length === 0) return failed(`No edits found in "response". ${formatsHint}${plan.warnings.length ? `\nParser notes: ${plan.warnings.join(' ')}` : ''}`, 'no edits found in the response');

  const targets = new Map<string, Extract<ResolvedPath, { ok: true }>>();
  const texts = new Map<string, string | undefined>();
  for (const file of plan.files) {
    for (const p of [file.path, file.renameTo]) {
      if (p === undefined || targets.has(p)) continue;
      const target = await env.resolvePath(p, { forWrite: true });
      if (!target.ok) return refused(target.reason);
      targets.set(p, target);
      const decoded = await readWorkspaceText(env, target.absolute);
      if (decoded === undefined) {
        texts.set(p, undefined);
        continue;
      }
      if (typeof decoded !== 'string') return refused(`${target.relative} cannot be edited: ${decoded.problem}.`);
      texts.set(p, decoded);
    }
  }
  const results = applyEditPlan(plan, (p) => texts.get(p));
  const applied = results.filter((r): r is FileEditResult & { path: string } => r.status === 'applied' && r.path !== undefined);
  const diff = applied.map((r) => formatUnifiedDiff(r.renameTo ?? r.path, texts.get(r.path), r.deleted ? undefined : r.newText)).join('');
  const changed = applied.flatMap((r) => (r.renameTo && r.renameTo !== r.path ? [r.path, r.renameTo] : [r.path]));
  const unsaved = unsavedWorkRefusal(env, changed.flatMap((p) => targets.get(p) ?? []));
  if (unsaved) return refused(unsaved);
  // The review shows changed text per hunk; a delete or a rename is asked about as a whole.
  if (applied.length > 0 && reviewsEdits(env) && applied.every((r) => !r.deleted && (!r.renameTo || r.renameTo === r.path))) {
    const proposed = applied.flatMap((r) => {
      const file = targets.get(r.path);
      return file ? [{ file, before: texts.get(r.path), after: r.newText ?? '' }] : [];
    });
    const reviewed = await reviewEdits(env, ctx, `Agent edit of ${proposed.map((f) => f.file.relative).join(', ')}`, proposed);
    return withEngineNotes(reviewed, results, plan);
  }
  if (applied.length > 0) {
    const approval = await approveEdit(env, changed.map((p) => targets.get(p)?.relative ?? p), diff);
    if (approval) return approval;
  }
  const written: string[] = [];
  for (const result of applied) {
    const source = targets.get(result.path);
    if (!source) continue;
    ctx.progress(`editing ${source.relative}`);
    await env.beforeWrite(ctx.step, source.relative);
    if (result.deleted) {
      await fs.unlink(source.absolute);
    } else if (result.renameTo && result.renameTo !== result.path) {
      const destination = targets.get(result.renameTo);
      if (!destination) continue;
      await env.beforeWrite(ctx.step, destination.relative);
      await writeFileAtomic(destination.absolute, result.newText ?? '');
      await fs.unlink(source.absolute);
      await env.afterWrite(ctx.step, destination.relative);
      written.push(destination.relative);
    } else {
      await writeFileAtomic(source.absolute, result.newText ?? '');
    }
    await env.afterWrite(ctx.step, source.relative);
    written.push(source.relative);
  }
  const failures = describeFailures(results, plan);
  const unchanged = results.filter((r) => r.status === 'unchanged').map((r) => r.path ?? '?');
  const lines = [
    ...(written.length ? [`Applied: ${written.join(', ')}.`] : []),
    ...(unchanged.length ? [`Already as requested (nothing to change): ${unchanged.join(', ')}.`] : []),
    ...(failures ? [failures] : []),
  ];
  const extra = { filesChanged: written, ...(diff ? { diff } : {}) };
  if (failures) return failed(lines.join('\n'), `${written.length ? `applied ${written.join(', ')}; ` : ''}${results.filter((r) => r.status === 'failed').length} file(s) failed to apply`, extra);
  return succeeded(lines.join('\n'), written.length ? `edited ${written.join(', ')}` : 'no change needed', extra);
}

/** The review's outcome, plus what the engine could not place or found already done (the model must hear both). */
function withEngineNotes(reviewed: ToolOutcome, results: ReturnType<typeof applyEditPlan>, plan: ReturnType<typeof parseEditResponse>): ToolOutcome {
  const failures = describeFailures(results, plan);
  const unchanged = results.filter((r) => r.status === 'unchanged').map((r) => r.path ?? '?');
  const notes = [...(unchanged.length ? [`Already as requested (nothing to change): ${unchanged.join(', ')}.`] : []), ...(failures ? [failures] : [])];
  if (notes.length === 0) return reviewed;
  return { ...reviewed, ok: reviewed.ok && !failures, content: `${reviewed.content}\n${notes.join('\n')}`, ...(failures ? { summary: `${reviewed.summary}; ${results.filter((r) => r.status === 'failed').length} file(s) failed to apply` } : {}) };
}
