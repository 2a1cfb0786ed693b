import * as vscode from 'vscode';

export const statsScheme = 'tandem-stats';
const statsUri = vscode.Uri.from({ scheme: statsScheme, path: '/Completion Stats.md' });

/**
 * "Tandem: Show Completion Stats" as a read-only virtual Markdown document, re-rendered each time
 * the command runs (so reopening it refreshes the numbers) and shown rendered, in VS Code's
 * Markdown preview (its source only where the host has no preview).
 */
export class StatsDocument implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly render: () => string) {}

  provideTextDocumentContent(): string {
    return this.render();
  }

  async show(): Promise<void> {
    this.changed.fire(statsUri);
    const document = await vscode.workspace.openTextDocument(statsUri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', statsUri);
    } catch {
      // The built-in Markdown extension is disabled or absent: the source is still readable.
      await vscode.window.showTextDocument(document, { preview: true });
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
