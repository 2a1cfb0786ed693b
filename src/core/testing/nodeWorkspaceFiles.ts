import { readFile, readdir, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { DirEntry, WorkspaceFiles } from './workspaceFiles';

/** WorkspaceFiles over the local file system, confined to `root` (for the CLI and tests). */
export function nodeWorkspaceFiles(root: string): WorkspaceFiles {
  const base = resolve(root);
  const inside = (path: string): string | undefined => {
    const full = resolve(base, path);
    const rel = relative(base, full);
    // Refuse anything outside the workspace ('..', absolute paths, other drives).
    return rel.startsWith('..') || isAbsolute(rel) ? undefined : full;
  };
  return {
    async read(path) {
      const full = inside(path);
      if (!full) return undefined;
      try {
        return await readFile(full, 'utf8');
      } catch {
        return undefined;
      }
    },
    async exists(path) {
      const full = inside(path);
      if (!full) return false;
      try {
        await stat(full);
        return true;
      } catch {
        return false;
      }
    },
    async list(dir) {
      const full = inside(dir);
      if (!full) return [];
      try {
        const entries = await readdir(full, { withFileTypes: true });
        return entries.map((e): DirEntry => ({ name: e.name, isDirectory: e.isDirectory() })).sort((a, b) => a.name.localeCompare(b.name));
      } catch {
        return [];
      }
    },
  };
}
