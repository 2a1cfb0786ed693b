import * as vscode from 'vscode';
import { FileFilter, type GitignoreFile } from '../../core/chat/fileFilter';
import type { IgnoreMatcher } from '../../core/context';
import type { Logger } from '../../core/logger';

const gitignoreScanLimit = 200;

/**
 * `tandem.ignore` and the workspace's .gitignore files as the engine's IgnoreMatcher. The
 * .gitignore files are read once in the background on first use (and again when one is saved or
 * the setting changes); until then the setting's patterns apply alone.
 */
export class WorkspaceIgnore implements IgnoreMatcher, vscode.Disposable {
  private filter: FileFilter;
  private loading: Promise<void> | undefined;
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[];

  /** `patterns`: the validated `tandem.ignore` (see core/config). */
  constructor(private readonly logger: Logger, private readonly patterns: () => readonly string[]) {
    this.filter = new FileFilter([], [...patterns()]);
    this.subscriptions = [
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('tandem.ignore')) this.invalidate(); }),
      vscode.workspace.onDidSaveTextDocument((doc) => { if (doc.uri.path.endsWith('/.gitignore')) this.invalidate(); }),
    ];
  }

  isIgnored(relativePath: string): boolean {
    this.loading ??= this.load();
    return this.filter.isIgnored(relativePath);
  }

  private invalidate(): void {
    this.generation++;
    this.filter = new FileFilter([], [...this.patterns()]);
    this.loading = undefined;
  }

  private async load(): Promise<void> {
    const generation = this.generation;
    try {
      const gitignores: GitignoreFile[] = [];
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/.gitignore'), '{**/node_modules/**,**/.git/**}', gitignoreScanLimit);
        for (const uri of uris) {
          const rel = vscode.workspace.asRelativePath(uri, false);
          gitignores.push({ dir: rel.replace(/(^|\/)\.gitignore$/, ''), content: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) });
        }
      }
      if (generation === this.generation) this.filter = new FileFilter(gitignores, [...this.patterns()]);
    } catch (error) {
      this.logger.warn(`completions: could not read .gitignore files: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
