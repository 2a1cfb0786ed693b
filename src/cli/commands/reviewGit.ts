import { execFile } from 'node:child_process';

/** The empty tree: the base of a repository that has no commit yet. */
const emptyTree = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export type ReviewScope = { kind: 'staged' } | { kind: 'uncommitted' } | { kind: 'base'; ref: string };

/**
 * Read-only git for `tandem review`: diff, show, merge-base, rev-parse. GIT_OPTIONAL_LOCKS=0 keeps
 * `git diff` from refreshing the index, so the user's repository is never written to.
 */
export function runGit(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-c', 'core.quotepath=on', '-c', 'color.ui=never', ...args], {
      cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    }, (error, stdout, stderr) => {
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(new Error(missing ? 'git is not installed (or not on PATH)' : (stderr || error.message).trim().split('\n')[0]));
      } else resolve(stdout);
    });
  });
}

/** The repository's top folder, or undefined when `cwd` is not inside a git work tree. */
export async function gitTopLevel(cwd: string): Promise<string | undefined> {
  try {
    return (await runGit(cwd, ['rev-parse', '--show-toplevel'])).trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface ScopeDiff {
  diff: string;
  /** How to read a file's new side: the index for staged changes, else the working tree. */
  newSide: 'index' | 'worktree';
  /** For people: "the staged changes", "the changes since main (merge-base 1a2b3c4)". */
  describe: string;
}

/** The diff of a scope, with the flags that make it parseable whatever the user's git config says. */
export async function scopeDiff(top: string, scope: ReviewScope): Promise<ScopeDiff> {
  const flags = ['diff', '--no-ext-diff', '--no-textconv', '--unified=3', '-M', '--src-prefix=a/', '--dst-prefix=b/'];
  if (scope.kind === 'staged') return { diff: await runGit(top, [...flags, '--cached']), newSide: 'index', describe: 'the staged changes' };
  if (scope.kind === 'uncommitted') {
    const head = await runGit(top, ['rev-parse', '--verify', '--quiet', 'HEAD']).then((s) => s.trim(), () => '');
    return { diff: await runGit(top, [...flags, head || emptyTree]), newSide: 'worktree', describe: 'the uncommitted changes' };
  }
  let base: string;
  try {
    base = (await runGit(top, ['merge-base', scope.ref, 'HEAD'])).trim();
  } catch (error) {
    throw new ScopeError(`--base ${scope.ref}: ${(error as Error).message || 'no common ancestor with HEAD'}`);
  }
  return { diff: await runGit(top, [...flags, base]), newSide: 'worktree', describe: `the changes since ${scope.ref} (merge-base ${base.slice(0, 7)})` };
}

/** A scope that cannot be diffed as asked (unknown ref, ...): bad usage, exit 2. */
export class ScopeError extends Error {}

/** A file's staged text (`git show :path`), or undefined when it is not in the index. */
export async function indexText(top: string, file: string): Promise<string | undefined> {
  try {
    return await runGit(top, ['show', `:${file}`]);
  } catch {
    return undefined;
  }
}
