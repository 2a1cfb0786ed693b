import * as vscode from 'vscode';
import { FileFilter } from '../../core/chat/fileFilter';
import { fuzzyFilter } from '../../core/chat/fuzzyMatch';
import type { Logger } from '../../core/logger';
import { relativePath } from './contextSources';

/** Folders never worth listing (and expensive to walk); .gitignore usually names them too. */
const walkExclude = '{**/node_modules/**,**/.git/**}';
const maxFiles = 20_000;
const maxResults = 50;

interface FolderFiles {
  folder: vscode.WorkspaceFolder;
  filter: FileFilter;
  files: vscode.Uri[];
}

/**
 * The workspace files `#file` can attach: listed once and kept until files are created,
 * deleted or renamed, a .gitignore changes or `tandem.ignore` changes. A path from the webview
 * is only read if it lies inside a workspace folder and no ignore rule matches it, so the page
 * cannot make Tandem read secrets or files outside the workspace.
 */
export class WorkspaceFiles implements vscode.Disposable {
  private listing: Promise<FolderFiles[]> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  /** `patterns`: the validated `tandem.ignore` (see core/config). */
  constructor(private readonly logger: Logger, private readonly patterns: () => readonly string[]) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    const invalidate = () => { this.listing = undefined; };
    this.subscriptions = [
      watcher, watcher.onDidCreate(invalidate), watcher.onDidDelete(invalidate),
      vscode.workspace.onDidChangeWorkspaceFolders(invalidate),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('tandem.ignore')) invalidate(); }),
      vscode.workspace.onDidSaveTextDocument((doc) => { if (doc.uri.path.endsWith('/.gitignore')) invalidate(); }),
    ];
  }

  async search(query: string): Promise<Array<{ path: string; description: string }>> {
    const paths = (await this.list()).flatMap(({ files }) => files.map(relativePath));
    return fuzzyFilter(query, paths, maxResults).map((path) => ({ path, description: path }));
  }

  /** The file a workspace-relative path names, if it may be read. */
  async resolve(path: string): Promise<vscode.Uri | undefined> {
    const wanted = path.replace(/\\/g, '/').replace(/^\.\//, '');
    if (wanted.split('/').includes('..')) return undefined;
    for (const { folder, filter } of await this.list()) {
      const multiRootPrefix = `${folder.name}/`;
      const inFolder = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 && wanted.startsWith(multiRootPrefix) ? wanted.slice(multiRootPrefix.length) : wanted;
      if (filter.isIgnored(inFolder)) continue;
      const uri = vscode.Uri.joinPath(folder.uri, inFolder);
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.type & vscode.FileType.File) return uri;
      } catch {
        // Not in this folder; try the next one.
      }
    }
    return undefined;
  }

  /**
   * Where a path a code block names would be written: the existing file, or a new one in the
   * first workspace folder. undefined when the path leaves the workspace or is ignored.
   */
  async locate(path: string): Promise<{ uri: vscode.Uri; exists: boolean } | undefined> {
    const existing = await this.resolve(path);
    if (existing) return { uri: existing, exists: true };
    const wanted = path.replace(/\\/g, '/').replace(/^\.\//, '');
    const first = (await this.list())[0];
    if (!first || wanted.startsWith('/') || wanted.split('/').includes('..') || first.filter.isIgnored(wanted)) return undefined;
    return { uri: vscode.Uri.joinPath(first.folder.uri, wanted), exists: false };
  }

  private list(): Promise<FolderFiles[]> {
    this.listing ??= this.load().catch((error: unknown) => {
      this.listing = undefined;
      this.logger.warn(`could not list workspace files: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    });
    return this.listing;
  }

  private async load(): Promise<FolderFiles[]> {
    const patterns = [...this.patterns()];
    const result: FolderFiles[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const gitignoreUris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/.gitignore'), walkExclude, 500);
      const gitignores = await Promise.all(gitignoreUris.map(async (uri) => ({
        dir: relativeTo(folder, uri).replace(/(^|\/)\.gitignore$/, ''),
        content: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)),
      })));
      const filter = new FileFilter(gitignores, patterns);
      const all = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), walkExclude, maxFiles);
      result.push({ folder, filter, files: all.filter((uri) => !filter.isIgnored(relativeTo(folder, uri))) });
    }
    return result;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}

function relativeTo(folder: vscode.WorkspaceFolder, uri: vscode.Uri): string {
  const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.path;
}
