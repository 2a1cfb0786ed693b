import * as vscode from 'vscode';
import type { IgnoreMatcher, RelatedContextSource, RelatedFile, RelatedFilesQuery } from '../../core/context';

const maxImports = 4;
const maxNeighbours = 4;
/** Bigger files are skipped: reading and indexing them would cost more than the snippet is worth. */
const maxFileBytes = 256 * 1024;
/** What a relative import may omit, per language family. */
const importSuffixes: Readonly<Record<string, readonly string[]>> = {
  script: ['', '.ts', '.tsx', '.js', '.jsx', '.mts', '.cts', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js'],
  python: ['.py', '/__init__.py'],
};
const scriptLanguages = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);

/**
 * Related context for the completion engine, all of it cheap: the current file's relative imports
 * resolved to workspace files (open documents first, else one stat and read each), plus the most
 * recently edited open documents of the same language. Ignored files are never offered.
 */
export class EditorRelatedFiles implements RelatedContextSource, vscode.Disposable {
  private readonly lastEdit = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly ignore: IgnoreMatcher) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.lastEdit.set(e.document.uri.toString(), Date.now()); }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.lastEdit.delete(doc.uri.toString())),
    ];
  }

  async relatedFiles(query: RelatedFilesQuery, signal: AbortSignal): Promise<readonly RelatedFile[]> {
    const current = vscode.Uri.parse(query.uri);
    const neighbours = this.neighbours(query);
    if (current.scheme !== 'file' && current.scheme !== 'vscode-remote') return neighbours;
    const imported: RelatedFile[] = [];
    for (const specifier of query.imports.slice(0, maxImports)) {
      if (signal.aborted) break;
      const file = await this.resolveImport(current, specifier, query.languageId);
      if (file) imported.push(file);
    }
    const importedPaths = new Set(imported.map((f) => f.path));
    return [...imported, ...neighbours.filter((f) => !importedPaths.has(f.path))];
  }

  /** Open documents of the same language, most recently edited first. */
  private neighbours(query: RelatedFilesQuery): RelatedFile[] {
    return vscode.workspace.textDocuments
      .filter((doc) => doc.languageId === query.languageId && doc.uri.toString() !== query.uri && !doc.isClosed)
      .map((doc) => ({ doc, editedAt: this.lastEdit.get(doc.uri.toString()) ?? 0 }))
      .sort((a, b) => b.editedAt - a.editedAt)
      .map(({ doc, editedAt }) => this.fromDocument(doc, editedAt > 0 ? 'recentEdit' : 'open'))
      .filter((file): file is RelatedFile => file !== undefined)
      .slice(0, maxNeighbours);
  }

  private fromDocument(doc: vscode.TextDocument, relation: RelatedFile['relation']): RelatedFile | undefined {
    const path = vscode.workspace.asRelativePath(doc.uri, false);
    if (this.ignore.isIgnored(path)) return undefined;
    const text = doc.getText();
    if (text.length > maxFileBytes) return undefined;
    return { path, languageId: doc.languageId, text, relation, version: doc.version };
  }

  private async resolveImport(current: vscode.Uri, specifier: string, languageId: string): Promise<RelatedFile | undefined> {
    const base = importBase(current, specifier, languageId);
    if (!base) return undefined;
    const suffixes = importSuffixes[scriptLanguages.has(languageId) ? 'script' : languageId] ?? [''];
    for (const suffix of suffixes) {
      const uri = base.with({ path: base.path + suffix });
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) return this.fromDocument(open, 'import');
      const path = vscode.workspace.asRelativePath(uri, false);
      if (this.ignore.isIgnored(path)) return undefined;
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (!(stat.type & vscode.FileType.File) || stat.size > maxFileBytes) continue;
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        return { path, languageId, text, relation: 'import', version: stat.mtime };
      } catch {
        // Not there with this suffix: try the next.
      }
    }
    return undefined;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}

/** The import as a path without extension, or undefined for imports we cannot place. */
function importBase(current: vscode.Uri, specifier: string, languageId: string): vscode.Uri | undefined {
  const dir = vscode.Uri.joinPath(current, '..');
  if (scriptLanguages.has(languageId)) {
    return specifier.startsWith('.') ? vscode.Uri.joinPath(dir, specifier.replace(/\.(js|mjs|cjs)$/, '')) : undefined;
  }
  if (languageId === 'python' && specifier.startsWith('.')) {
    // `from .a.b import x`: one dot is this package, each further dot one level up.
    const dots = /^\.+/.exec(specifier)?.[0].length ?? 0;
    const rest = specifier.slice(dots).split('.').filter(Boolean);
    return vscode.Uri.joinPath(dir, ...Array<string>(dots - 1).fill('..'), ...rest);
  }
  if (languageId === 'python') {
    const folder = vscode.workspace.getWorkspaceFolder(current);
    return folder ? vscode.Uri.joinPath(folder.uri, ...specifier.split('.')) : undefined;
  }
  return undefined;
}
