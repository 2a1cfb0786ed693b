import { joinPath, type WorkspaceFiles } from './workspaceFiles';

/** Folders that never hold the project's own tests (dependencies, build output, caches). */
const skippedDirs = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', 'coverage', 'target', 'vendor',
  '.venv', 'venv', 'env', '__pycache__', '.tox', '.nox', '.mypy_cache', '.pytest_cache',
  '.next', '.nuxt', '.turbo', '.cache', '.gradle', '.idea', '.vscode', '.vscode-test', 'bin', 'obj',
]);

export interface FindOptions {
  /** Folder to search (workspace-relative, '' = root). */
  dir?: string;
  /** Stop after this many matches. */
  maxResults?: number;
  /** Stop after looking at this many folders: bounds the cost on huge workspaces. */
  maxDirs?: number;
}

/**
 * Files under `dir` whose workspace-relative path satisfies `match`, breadth-first (so the
 * nearest come first), skipping dependency and build folders. Sorted within each folder.
 */
export async function findFiles(files: WorkspaceFiles, match: (path: string) => boolean, options: FindOptions = {}): Promise<string[]> {
  const { dir = '', maxResults = 500, maxDirs = 2_000 } = options;
  const found: string[] = [];
  const queue = [dir];
  let visited = 0;
  while (queue.length && visited < maxDirs && found.length < maxResults) {
    const current = queue.shift() ?? '';
    visited++;
    for (const entry of await files.list(current)) {
      const path = joinPath(current, entry.name);
      if (entry.isDirectory) {
        if (!skippedDirs.has(entry.name) && !entry.name.startsWith('.')) queue.push(path);
      } else if (match(path) && found.length < maxResults) {
        found.push(path);
      }
    }
  }
  return found;
}
