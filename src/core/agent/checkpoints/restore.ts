import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../fs/atomicWrite';
import { insideGitFolder } from '../safety/workspacePath';
import { sameState, type BlobStore, type FileState } from './fileState';
import type { Journal } from './journal';

export interface RestoreResult {
  /** Files put back with their old bytes and mode (including files the agent had deleted). */
  restored: string[];
  /** Files the agent had created, removed. */
  removed: string[];
  /** Files left as they are, and why (edited by the user after the agent, or not writable). */
  conflicts: Array<{ path: string; reason: string }>;
  /** Id of the snapshot of what this restore replaced (`undoRestore(id)` puts it back); '' when nothing needed changing. */
  safetySnapshot: string;
}

export interface RestorePlanEntry {
  path: string;
  target: FileState;
  /** Folders the agent created for the path; removed when empty once the path is gone. */
  createdFolders: string[];
}

interface RestoreInput {
  root: string;
  blobs: BlobStore;
  journal: Journal;
  plan: RestorePlanEntry[];
  restoring: string;
  checkPath: (relative: string) => Promise<string | { reason: string }>;
  save: () => Promise<void>;
}

/**
 * Puts each planned path back to its target state. A path already in that state is skipped (so a
 * second restore changes nothing); a path whose content is not what Tandem last left there was
 * edited by someone else and is kept, as a conflict. What is replaced is saved first as a safety
 * snapshot, recorded in the journal before any file changes.
 */
export async function applyRestore(input: RestoreInput): Promise<RestoreResult> {
  const { root, blobs, journal } = input;
  const result: RestoreResult = { restored: [], removed: [], conflicts: [], safetySnapshot: '' };
  // Inspected and written a few files at a time: each atomic write waits for its fsync.
  const inspected = await mapLimited(input.plan, parallelFiles, async (entry) => {
    const checked = await input.checkPath(entry.path);
    if (typeof checked !== 'string') return { conflict: `${checked.reason} It was left as it is.` };
    const absolute = path.join(root, checked);
    // captured (not only hashed): a change is saved in the safety snapshot without reading it twice
    const current = await blobs.capture(absolute);
    if (sameState(current, entry.target)) return {};
    const known = journal.lastWritten[entry.path];
    if (current.kind === 'folder') return { conflict: 'It is a folder now; Tandem never replaces or removes folders. It was left as it is.' };
    if (known && !sameState(current, known)) return { conflict: describeEdit(current, known) };
    return { change: { entry, absolute, current } };
  });
  const changes: Array<{ entry: RestorePlanEntry; absolute: string; current: FileState }> = [];
  inspected.forEach((outcome, i) => {
    if (outcome.conflict) result.conflicts.push({ path: input.plan[i]!.path, reason: outcome.conflict });
    if (outcome.change) changes.push(outcome.change);
  });
  if (changes.length === 0) {
    await removeEmptyFolders(root, input.plan);
    return result;
  }

  const id = `safety-${journal.safetySnapshots.length + 1}`;
  const saved = changes.map((change) => ({ path: change.entry.path, before: change.current, after: change.entry.target }));
  journal.safetySnapshots.push({ id, createdAt: new Date().toISOString(), restoring: input.restoring, files: saved });
  await input.save();
  result.safetySnapshot = id;

  const outcomes = await mapLimited(changes, parallelFiles, ({ entry, absolute }) => putBack(blobs, absolute, entry.target).then(() => undefined, (error: Error) => error));
  outcomes.forEach((error, i) => {
    const { entry } = changes[i]!;
    if (error) {
      result.conflicts.push({ path: entry.path, reason: `It could not be restored (${error.message}); it was left as it is, and the safety snapshot ${id} holds it.` });
      return;
    }
    journal.lastWritten[entry.path] = entry.target;
    (entry.target.kind === 'missing' ? result.removed : result.restored).push(entry.path);
  });
  await removeEmptyFolders(root, input.plan);
  await input.save();
  return result;
}

const parallelFiles = 8;

async function mapLimited<T, R>(items: readonly T[], limit: number, action: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await action(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function putBack(blobs: BlobStore, absolute: string, target: FileState): Promise<void> {
  if (target.kind === 'file') {
    const bytes = await blobs.read(target.blob);
    await writeFileAtomic(absolute, bytes, { mode: target.mode });
  } else if (target.kind === 'symlink') {
    await fs.rm(absolute, { force: true });
    await fs.mkdir(path.dirname(absolute), { recursive: true });
    await fs.symlink(target.target, absolute);
  } else if (target.kind === 'missing') {
    await fs.rm(absolute, { force: true });
  }
}

/** Removes the folders the agent created, deepest first, only while they are empty (never recursively). */
async function removeEmptyFolders(root: string, plan: RestorePlanEntry[]): Promise<void> {
  const folders = [...new Set(plan.filter((e) => e.target.kind === 'missing').flatMap((e) => e.createdFolders))];
  folders.sort((a, b) => b.split('/').length - a.split('/').length);
  for (const folder of folders) {
    if (path.isAbsolute(folder) || folder.split('/').some((s) => s === '..') || insideGitFolder(folder)) continue;
    await fs.rmdir(path.join(root, folder)).catch(() => undefined);
  }
}

function describeEdit(current: FileState, known: FileState): string {
  if (current.kind === 'missing') return 'It was deleted after the agent last wrote it; it was left deleted.';
  if (known.kind === 'missing') return 'It was created again after the agent deleted it; the new file was kept.';
  if (current.kind === 'file' && known.kind === 'file' && current.blob === known.blob) return 'Its permissions were changed after the agent last wrote it; it was kept as it is.';
  return 'It was edited after the agent last wrote it; your version was kept.';
}
