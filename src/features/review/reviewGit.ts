import * as vscode from 'vscode';
import { gitApi, type GitRepository } from '../scm/gitApi';

// The parts of the Git extension's API (vscode.git, getAPI(1)) the review reads, beyond what the
// commit message uses. All read-only.
interface Change { readonly uri: vscode.Uri; readonly status: number }

export interface ReviewRepository extends GitRepository {
  readonly state: GitRepository['state'] & {
    readonly HEAD?: { readonly name?: string; readonly commit?: string; readonly upstream?: { readonly remote: string; readonly name: string } };
    readonly indexChanges: readonly Change[];
    readonly workingTreeChanges: readonly Change[];
  };
  diffWith(ref: string): Promise<Change[]>;
  diffWith(ref: string, path: string): Promise<string>;
  getMergeBase(ref1: string, ref2: string): Promise<string | undefined>;
  show(ref: string, path: string): Promise<string>;
}

export type ScopeKind = 'staged' | 'uncommitted' | 'branch' | 'selection';

export interface ScopeDiff {
  diff: string;
  /** The staged text lives in the index; every other scope reviews the working tree. */
  newSide: 'index' | 'worktree';
  describe: string;
}

/** Status 7 is UNTRACKED in the Git extension's enum: such files have no diff against HEAD. */
const untracked = 7;

export async function openGit(): Promise<{ repositories: readonly ReviewRepository[]; getRepository(uri: vscode.Uri): ReviewRepository | null } | undefined> {
  return (await gitApi()) as { repositories: readonly ReviewRepository[]; getRepository(uri: vscode.Uri): ReviewRepository | null } | undefined;
}

/** The unified diff of a scope, from the Git extension (as the commit message's diff is). */
export async function diffForScope(repository: ReviewRepository, kind: Exclude<ScopeKind, 'selection'>): Promise<ScopeDiff> {
  if (kind === 'staged') return { diff: await repository.diff(true), newSide: 'index', describe: 'the staged changes' };
  if (kind === 'uncommitted') {
    const paths = new Set([...repository.state.indexChanges, ...repository.state.workingTreeChanges].filter((c) => c.status !== untracked).map((c) => c.uri.fsPath));
    return { diff: await diffPaths(repository, 'HEAD', [...paths]), newSide: 'worktree', describe: 'the uncommitted changes' };
  }
  const base = await mergeBaseWithDefault(repository);
  if (!base) throw new Error('could not find the default branch (main, master, or the upstream\'s) to compare this branch with');
  const changes = await repository.diffWith(base.commit);
  return { diff: await diffPaths(repository, base.commit, changes.map((c) => c.uri.fsPath)), newSide: 'worktree', describe: `the changes since ${base.name}` };
}

async function diffPaths(repository: ReviewRepository, ref: string, paths: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (const file of paths) {
    const part = await repository.diffWith(ref, file).catch(() => '');
    if (part.trim()) parts.push(part.endsWith('\n') ? part : `${part}\n`);
  }
  return parts.join('');
}

/** The merge-base of HEAD with the default branch: the upstream's remote main/master, or a local one. */
async function mergeBaseWithDefault(repository: ReviewRepository): Promise<{ name: string; commit: string } | undefined> {
  const remote = repository.state.HEAD?.upstream?.remote ?? 'origin';
  const current = repository.state.HEAD?.name;
  for (const name of [`${remote}/HEAD`, `${remote}/main`, `${remote}/master`, 'main', 'master', 'trunk', 'develop']) {
    if (name === current) continue;
    const commit = await repository.getMergeBase('HEAD', name).catch(() => undefined);
    if (commit) return { name, commit };
  }
  return undefined;
}
