import type { DirEntry, WorkspaceFiles } from '../../../src/core/testing';

/** An in-memory workspace: { 'src/a.ts': 'text' }; folders are implied by the paths. */
export function memoryFiles(tree: Record<string, string>): WorkspaceFiles & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async read(path) {
      reads.push(path);
      return tree[path];
    },
    async exists(path) {
      return path in tree || Object.keys(tree).some((p) => p.startsWith(`${path}/`));
    },
    async list(dir) {
      const prefix = dir ? `${dir}/` : '';
      const entries = new Map<string, DirEntry>();
      for (const path of Object.keys(tree)) {
        if (!path.startsWith(prefix)) continue;
        const [name = '', ...rest] = path.slice(prefix.length).split('/');
        entries.set(name, { name, isDirectory: rest.length > 0 });
      }
      return [...entries.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}
