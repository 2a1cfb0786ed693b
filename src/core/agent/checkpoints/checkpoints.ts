import { promises as fs } from 'node:fs';
import path from 'node:path';
import { checkRealPath, resolveUnderRoot } from '../../edits/paths/safePath';
import { insideGitFolder } from '../safety/workspacePath';
import { BlobStore, type FileState } from './fileState';
import { loadJournal, saveJournal, type Journal } from './journal';
import { applyRestore, type RestorePlanEntry, type RestoreResult } from './restore';

export type { RestoreResult };

export interface CheckpointStep {
  step: number;
  /** Workspace-relative, '/'-separated paths the agent wrote, created, deleted or renamed in the step. */
  files: string[];
  createdAt: string;
}

/**
 * Checkpoints of the files an agent task changes, kept in the task's own folder (never in the
 * workspace, never in `.git`; no git command is ever run). Protocol for the agent:
 *
 * 1. `beforeWrite(step, path)` before it first writes, creates, deletes or renames a path in a step
 *    (a rename is two paths: the old and the new). Records whether it existed, its bytes (stored
 *    once per distinct content) and mode bits. Later calls for the same path in the step do nothing.
 * 2. `afterWrite(step, path)` once the write is done (also after a delete). Records what the agent
 *    left there, so that `restore` can tell a later edit by the user from the agent's own.
 *
 * `restore(step)` puts back the state from before that step; see `RestoreResult`.
 */
export class Checkpoints {
  private readonly root: string;
  private readonly journalFile: string;
  private readonly blobs: BlobStore;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(taskDir: string, workspaceRoot: string) {
    this.root = path.resolve(workspaceRoot);
    const folder = path.join(path.resolve(taskDir), 'checkpoints');
    if (insideGitFolder(folder)) throw new Error(`Checkpoints cannot be kept in ${folder}: it is inside a .git folder, which Tandem never writes.`);
    this.journalFile = path.join(folder, 'journal.json');
    this.blobs = new BlobStore(path.join(folder, 'blobs'));
  }

  beforeWrite(step: number, relPath: string): Promise<void> {
    return this.serially(async () => {
      checkStep(step);
      const journal = await loadJournal(this.journalFile);
      let record = journal.steps.find((s) => s.step === step);
      if (!record) {
        record = { step, createdAt: new Date().toISOString(), files: [] };
        journal.steps.push(record);
        journal.steps.sort((a, b) => a.step - b.step);
      }
      for (const relative of await this.pathsBehind(relPath)) {
        if (record.files.some((f) => f.path === relative)) continue;
        const absolute = path.join(this.root, relative);
        const before = await this.blobs.capture(absolute);
        if (before.kind === 'folder') throw new Error(`${relative} is a folder; Tandem checkpoints files, so the agent may only write, create or delete files.`);
        record.files.push({ path: relative, before, createdFolders: before.kind === 'missing' ? await this.missingFolders(relative) : [] });
      }
      await saveJournal(this.journalFile, journal);
    });
  }

  afterWrite(step: number, relPath: string): Promise<void> {
    return this.serially(async () => {
      checkStep(step);
      const journal = await loadJournal(this.journalFile);
      for (const relative of await this.pathsBehind(relPath)) {
        const state = await this.blobs.capture(path.join(this.root, relative));
        journal.lastWritten[relative] = state;
      }
      await saveJournal(this.journalFile, journal);
    });
  }

  list(): Promise<CheckpointStep[]> {
    return this.serially(async () => {
      const journal = await loadJournal(this.journalFile);
      return journal.steps.filter((s) => s.files.length > 0).map((s) => ({ step: s.step, files: s.files.map((f) => f.path), createdAt: s.createdAt }));
    });
  }

  /** The snapshots taken before each restore, newest last; `undoRestore(id)` puts one back. */
  safetySnapshots(): Promise<Array<{ id: string; restoring: string; files: string[]; createdAt: string }>> {
    return this.serially(async () => {
      const journal = await loadJournal(this.journalFile);
      return journal.safetySnapshots.map((s) => ({ id: s.id, restoring: s.restoring, files: s.files.map((f) => f.path), createdAt: s.createdAt }));
    });
  }

  /**
   * Puts back exactly the files the agent changed in step `step` and later, as they were before
   * `step` (so `restore(1)` undoes the whole task). A file the user changed after the agent's last
   * write is a conflict and stays as the user left it; every other file is left alone.
   */
  restore(step: number): Promise<RestoreResult> {
    return this.serially(async () => {
      const journal = await loadJournal(this.journalFile);
      const stepsWithChanges = journal.steps.filter((s) => s.files.length > 0);
      if (stepsWithChanges.length === 0) throw new Error('This task changed no files; there is nothing to restore.');
      const last = stepsWithChanges[stepsWithChanges.length - 1]!.step;
      if (!Number.isInteger(step) || step < 1 || step > last) {
        throw new Error(`There is no step ${step} to restore to; the steps that changed files are ${stepsWithChanges.map((s) => s.step).join(', ')}.`);
      }
      const plan = new Map<string, RestorePlanEntry>();
      for (const record of stepsWithChanges.filter((s) => s.step >= step)) {
        for (const file of record.files) {
          const entry = plan.get(file.path) ?? { path: file.path, target: file.before, createdFolders: [] };
          entry.createdFolders.push(...file.createdFolders);
          plan.set(file.path, entry);
        }
      }
      return this.apply(journal, [...plan.values()], `step ${step}`);
    });
  }

  /** Undoes a restore: puts back what its safety snapshot saved, with the same conflict rules. */
  undoRestore(safetySnapshot: string): Promise<RestoreResult> {
    return this.serially(async () => {
      const journal = await loadJournal(this.journalFile);
      const snapshot = journal.safetySnapshots.find((s) => s.id === safetySnapshot);
      if (!snapshot) throw new Error(`There is no safety snapshot ${safetySnapshot}; the task has ${journal.safetySnapshots.map((s) => s.id).join(', ') || 'none'}.`);
      return this.apply(journal, snapshot.files.map((f) => ({ path: f.path, target: f.before, createdFolders: [] })), safetySnapshot);
    });
  }

  private apply(journal: Journal, plan: RestorePlanEntry[], restoring: string): Promise<RestoreResult> {
    return applyRestore({
      root: this.root, blobs: this.blobs, journal, plan, restoring,
      checkPath: (relative) => this.checkRestorable(relative),
      save: () => saveJournal(this.journalFile, journal),
    });
  }

  /** The path, and when it is a symbolic link to a file inside the workspace, that file too (a write follows the link). */
  private async pathsBehind(relPath: string): Promise<string[]> {
    const relative = await this.checkRestorable(relPath);
    if (typeof relative !== 'string') throw new Error(relative.reason);
    const paths = [relative];
    const info = await fs.lstat(path.join(this.root, relative)).catch(() => undefined);
    if (info?.isSymbolicLink()) {
      const real = await fs.realpath(path.join(this.root, relative)).catch(() => undefined);
      const inside = real ? path.relative(await fs.realpath(this.root), real) : undefined;
      if (inside && !inside.startsWith('..') && !path.isAbsolute(inside) && !insideGitFolder(inside)) paths.push(inside.split(path.sep).join('/'));
    }
    return paths;
  }

  /** A workspace-relative path Tandem may write: inside the root once links are followed, never in `.git`. */
  private async checkRestorable(candidate: string): Promise<string | { reason: string }> {
    const lexical = resolveUnderRoot(this.root, candidate);
    if (!lexical.ok) return lexical;
    if (insideGitFolder(lexical.relative)) return { reason: `${lexical.relative} is inside a .git folder, which Tandem never writes.` };
    const real = await checkRealPath(this.root, lexical.absolute, (p) => fs.realpath(p));
    if (!real.ok) return real;
    return lexical.relative;
  }

  /** Folders between the root and `relative` that do not exist yet, deepest first. */
  private async missingFolders(relative: string): Promise<string[]> {
    const missing: string[] = [];
    for (let folder = path.posix.dirname(relative); folder !== '.' && folder !== ''; folder = path.posix.dirname(folder)) {
      const exists = await fs.stat(path.join(this.root, folder)).then(() => true, () => false);
      if (exists) break;
      missing.push(folder);
    }
    return missing;
  }

  private serially<T>(action: () => Promise<T>): Promise<T> {
    const next = this.queue.then(action, action);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function checkStep(step: number): void {
  if (!Number.isInteger(step) || step < 1) throw new Error(`Checkpoint steps are numbered from 1 (got ${step}).`);
}

export type { FileState };
