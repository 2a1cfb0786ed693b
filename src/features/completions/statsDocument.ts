import * as vscode from 'vscode';

export const statsScheme = 'tandem-stats';
const statsUri = vscode.Uri.from({ scheme: statsScheme, path: '/Completion Stats.md' });

/**
 * "Tandem: Show Completion Stats" as a read-only virtual Markdown document, re-rendered each time
 * the command runs (so reopening it refreshes the numbers).
 */
export class StatsDocument implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly render: () => string) {}

  provideTextDocumentContent(): string {
    return this.render();
  }

  async show(): Promise<vscode.TextEditor> {
    this.changed.fire(statsUri);
    const document = await vscode.workspace.openTextDocument(statsUri);
    return vscode.window.showTextDocument(document, { preview: true });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
