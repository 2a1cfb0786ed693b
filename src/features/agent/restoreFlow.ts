import type { Checkpoints, RestoreResult } from '../../core/agent/checkpoints';

export type Confirm = (message: string, detail: string, action: string) => Promise<boolean>;

/**
 * "Restore to here": names the files that will change and asks (modal) before `Checkpoints.restore`.
 * Files the user edited after the agent are kept and come back as conflicts. Undefined when the
 * user said no; a refusal by the checkpoints (no such step) is thrown with its message.
 */
export async function restoreTo(checkpoints: Checkpoints, step: number, confirm: Confirm): Promise<RestoreResult | undefined> {
  const steps = await checkpoints.list();
  const files = [...new Set(steps.filter((s) => s.step >= step).flatMap((s) => s.files))];
  if (files.length === 0) throw new Error(`No step from ${step} on changed files; there is nothing to restore.`);
  const what = step <= (steps[0]?.step ?? 1) ? 'Undo all of this task' : `Restore the files as they were before step ${step}`;
  const detail = `${files.length} file${files.length === 1 ? '' : 's'} the agent changed: ${list(files)}.\n\nFiles you edited yourself since then are left as they are and listed as conflicts. You can undo the restore.`;
  if (!(await confirm(`${what}?`, detail, 'Restore'))) return undefined;
  return checkpoints.restore(step);
}

export async function undoRestore(checkpoints: Checkpoints, snapshot: string, confirm: Confirm): Promise<RestoreResult | undefined> {
  const known = (await checkpoints.safetySnapshots()).find((s) => s.id === snapshot);
  if (!known) throw new Error('That restore can no longer be undone (its snapshot is gone).');
  if (!(await confirm('Undo the restore?', `Puts back ${list(known.files)} as they were before the restore.`, 'Undo Restore'))) return undefined;
  return checkpoints.undoRestore(snapshot);
}

function list(files: readonly string[]): string {
  return files.length > 12 ? `${files.slice(0, 12).join(', ')} and ${files.length - 12} more` : files.join(', ');
}
