import * as vscode from 'vscode';
import type { FileFilter, GitignoreFile } from '../../core/chat/fileFilter';
import type { IgnoreMatcher } from '../../core/context';
import type { Logger } from '../../core/logger';

const gitignoreScanLimit = 200;

/** The matcher (the `ignore` package) loads with the first question, not at activation. */
function newFilter(gitignores: readonly GitignoreFile[], patterns: readonly string[]): FileFilter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- require() is the lazy load that bundles correctly
  const { FileFilter: Filter } = require('../../core/chat/fileFilter') as typeof import('../../core/chat/fileFilter');
  return new Filter(gitignores, patterns);
}

/**
 * `tandem.ignore` and the workspace's .gitignore files as the engine's IgnoreMatcher. The
 * .gitignore files are read in the background on first use (and again when one is saved or the
 * setting changes). Until they have been read once, every file counts as ignored: answering
 * "not ignored" without them let the first request after start-up send a .gitignore'd file.
 */
export class WorkspaceIgnore implements IgnoreMatcher, vscode.Disposable {
  private filter: FileFilter | undefined;
  /** undefined until the first read finished (or failed). */
  private gitignores: GitignoreFile[] | undefined;
  private loading: Promise<void> | undefined;
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[];

  /** `patterns`: the validated `tandem.ignore` (see core/config). */
  constructor(private readonly logger: Logger, private readonly patterns: () => readonly string[]) {
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('tandem.ignore')) this.invalidate(); }),
      vscode.workspace.onDidSaveTextDocument((doc) => { if (doc.uri.path.endsWith('/.gitignore')) this.invalidate(); }),
    ];
  }

  isIgnored(relativePath: string): boolean {
    void this.ready();
    return this.filter ? this.filter.isIgnored(relativePath) : true;
  }

  /** Resolves once the .gitignore files have been read (reads them if nobody asked yet). */
  ready(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  private invalidate(): void {
    this.generation++;
    // The rules read last stay in force (with the new setting) until the new read finishes.
    if (this.gitignores) this.filter = newFilter(this.gitignores, [...this.patterns()]);
    this.loading = undefined;
  }

  private async load(): Promise<void> {
    const generation = this.generation;
    let gitignores: GitignoreFile[] = [];
    try {
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/.gitignore'), '{**/node_modules/**,**/.git/**}', gitignoreScanLimit);
        for (const uri of uris) {
          const rel = vscode.workspace.asRelativePath(uri, false);
          gitignores.push({ dir: rel.replace(/(^|\/)\.gitignore$/, ''), content: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) });
        }
      }
    } catch (error) {
      // tandem.ignore and the sensitive-file list still apply; blocking every file forever would not help.
      this.logger.warn(`could not read the .gitignore files (only tandem.ignore applies): ${error instanceof Error ? error.message : String(error)}`);
      gitignores = this.gitignores ?? [];
    }
    if (generation !== this.generation) return this.ready(); // the rules changed meanwhile: read them again
    this.gitignores = gitignores;
    this.filter = newFilter(gitignores, [...this.patterns()]);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
