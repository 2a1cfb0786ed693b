import * as vscode from 'vscode';
import type { DirEntry, WorkspaceFiles } from '../../core/testing';

/** Larger files are no test or source Tandem should send to a model. */
const maxFileBytes = 1_000_000;

/**
 * core/testing's WorkspaceFiles over one workspace folder: open documents as the editor has them
 * (unsaved edits included), other files from disk; binary and huge files read as absent.
 */
export function editorWorkspaceFiles(folder: vscode.WorkspaceFolder): WorkspaceFiles {
  const uriOf = (path: string) => (path ? vscode.Uri.joinPath(folder.uri, ...path.split('/')) : folder.uri);
  return {
    async read(path) {
      const uri = uriOf(path);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) return open.getText();
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (!(stat.type & vscode.FileType.File) || stat.size > maxFileBytes) return undefined;
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (bytes.includes(0)) return undefined;
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        return undefined;
      }
    },
    async exists(path) {
      try {
        await vscode.workspace.fs.stat(uriOf(path));
        return true;
      } catch {
        return false;
      }
    },
    async list(dir) {
      try {
        const entries = await vscode.workspace.fs.readDirectory(uriOf(dir));
        return entries
          .map(([name, type]): DirEntry => ({ name, isDirectory: (type & vscode.FileType.Directory) !== 0 }))
          .sort((a, b) => a.name.localeCompare(b.name));
      } catch {
        return [];
      }
    },
  };
}

/** The folder holding `uri` and the '/'-separated path inside it. */
export function locate(uri: vscode.Uri): { folder: vscode.WorkspaceFolder; path: string } | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  const base = folder.uri.path.replace(/\/+$/, '');
  const path = uri.path.startsWith(`${base}/`) ? uri.path.slice(base.length + 1) : '';
  return path ? { folder, path } : undefined;
}
