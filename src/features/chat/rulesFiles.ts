import * as vscode from 'vscode';
import type { ContextSet } from '../../core/chat/contextSet';
import type { Logger } from '../../core/logger';
import { relativePath } from './contextSources';

/** Where projects keep instructions for AI assistants; their text joins the system prompt. */
const rulesGlob = '{AGENTS.md,.github/copilot-instructions.md,.tandem/rules/*.md}';

/** The workspace's rules files (path relative to the workspace, text), in a stable order. */
export async function readRulesFiles(logger: Logger): Promise<Array<{ path: string; text: string }>> {
  const rules: Array<{ path: string; text: string }> = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, rulesGlob), undefined, 50);
    for (const uri of uris.sort((a, b) => a.path.localeCompare(b.path))) {
      try {
        rules.push({ path: relativePath(uri), text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) });
      } catch (error) {
        logger.warn(`could not read rules file ${uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return rules;
}

/**
 * Lists the rules files as chips (switchable like the selection) and follows them as they are
 * created, edited or deleted.
 */
export class RulesFiles implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly context: ContextSet, private readonly changed: () => void, private readonly logger: Logger) {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, rulesGlob));
      const refresh = () => void this.refresh();
      this.subscriptions.push(watcher, watcher.onDidCreate(refresh), watcher.onDidChange(refresh), watcher.onDidDelete(refresh));
    }
  }

  async refresh(): Promise<void> {
    const found = new Set<string>();
    for (const { path, text } of await readRulesFiles(this.logger)) {
      const id = `rules:${path}`;
      found.add(id);
      this.context.put({ id, kind: 'rules', label: path, detail: `Project rules from ${path}, included in Tandem's instructions`, text });
    }
    this.context.retainKind('rules', found);
    this.changed();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
