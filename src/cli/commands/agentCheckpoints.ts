import { Checkpoints, type RestoreResult } from '../../core/agent/checkpoints';
import type { TaskStore } from '../../core/agent';

/** Where the listing and the restore report go. */
interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * `--checkpoints ID`: every step of the task, numbered from 1 in order, with the files it changed
 * (a step that only read or ran commands lists none).
 */
export async function listCheckpoints(store: TaskStore, id: string, json: boolean, io: Output): Promise<number> {
  const record = await store.load(id);
  const saved = await new Checkpoints(store.taskDir(id), record.workspaceRoot).list();
  const total = Math.max(record.totalSteps ?? record.bounds.steps, ...saved.map((s) => s.step), 0);
  const steps = Array.from({ length: total }, (_, i) => {
    const found = saved.find((s) => s.step === i + 1);
    return { step: i + 1, files: found?.files ?? [], ...(found ? { createdAt: found.createdAt } : {}) };
  });
  if (json) {
    io.stdout(`${JSON.stringify({ taskId: id, workspace: record.workspaceRoot, steps })}\n`);
    return 0;
  }
  io.stdout(`Task ${id} in ${record.workspaceRoot} (${record.status}): ${record.task}\n`);
  for (const step of steps) io.stdout(`  step ${step.step}: ${step.files.length ? step.files.join(', ') : '(no files changed)'}\n`);
  if (steps.some((s) => s.files.length)) io.stdout(`Restore the files as they were before a step with: tandem agent --restore ${id} STEP\n`);
  return 0;
}

/** `--restore ID STEP`: the files back as before STEP; exit 1 when a conflict kept a file as the user left it. */
export async function restoreCheckpoint(store: TaskStore, id: string, step: number, json: boolean, io: Output): Promise<number> {
  const record = await store.load(id);
  return report(id, { step }, () => new Checkpoints(store.taskDir(id), record.workspaceRoot).restore(step), json, io);
}

/**
 * `--undo-restore ID [SNAPSHOT]`: puts back what a restore replaced (the latest one by default),
 * with the same conflict rules, so a restore to the wrong step loses nothing.
 */
export async function undoRestore(store: TaskStore, id: string, snapshot: string | undefined, json: boolean, io: Output): Promise<number> {
  const record = await store.load(id);
  const checkpoints = new Checkpoints(store.taskDir(id), record.workspaceRoot);
  const snapshots = await checkpoints.safetySnapshots();
  const chosen = snapshot ?? snapshots.at(-1)?.id;
  if (!chosen) {
    io.stderr(`tandem: task ${id} has no restore to undo\n`);
    return 2;
  }
  return report(id, { undid: chosen }, () => checkpoints.undoRestore(chosen), json, io);
}

async function report(id: string, what: Record<string, unknown>, run: () => Promise<RestoreResult>, json: boolean, io: Output): Promise<number> {
  let result: RestoreResult;
  try {
    result = await run();
  } catch (error) {
    io.stderr(`tandem: ${(error as Error).message}\n`);
    return 2;
  }
  if (json) io.stdout(`${JSON.stringify({ taskId: id, ...what, ...result })}\n`);
  else {
    for (const file of result.restored) io.stdout(`restored ${file}\n`);
    for (const file of result.removed) io.stdout(`removed ${file} (created by the agent)\n`);
    for (const conflict of result.conflicts) io.stdout(`conflict: ${conflict.path} left as it is — ${conflict.reason}\n`);
    if (result.restored.length + result.removed.length === 0 && result.conflicts.length === 0) io.stdout('Nothing to restore: the files are already as they were.\n');
    else if (result.safetySnapshot) io.stdout(`Undo this with: tandem agent --undo-restore ${id} ${result.safetySnapshot}\n`);
  }
  return result.conflicts.length > 0 ? 1 : 0;
}
