/**
 * The file access detection and placement need, so core stays editor-agnostic: features/
 * implements it over vscode.workspace.fs, the CLI and tests over node:fs (nodeWorkspaceFiles).
 * Paths are workspace-relative and '/'-separated; '' is the workspace root.
 */
export interface WorkspaceFiles {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  read(path: string): Promise<string | undefined>;
  exists(path: string): Promise<boolean>;
  /** The directory's entries; [] when it does not exist. */
  list(dir: string): Promise<DirEntry[]>;
}

export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

/** Joins workspace-relative path parts ('' parts are dropped). */
export function joinPath(...parts: string[]): string {
  return parts.filter(Boolean).join('/').replace(/\/{2,}/g, '/');
}

export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(0, slash) : '';
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `path` relative to `dir` when inside it ('a/b/c.ts' from 'a' -> 'b/c.ts'), else unchanged. */
export function relativeTo(dir: string, path: string): string {
  return dir && path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : path;
}
