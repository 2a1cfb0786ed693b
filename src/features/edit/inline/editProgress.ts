import * as vscode from 'vscode';
import type { LineRange } from '../../../core/edits/rewrite';

/** Context key set while an edit streams: Escape cancels it (see package.json). */
export const runningContextKey = 'tandem.inlineEditRunning';

const refreshMs = 100;

/**
 * Shows an edit in progress where it happens: the range's lines highlighted, and after its first
 * line "Tandem is editing… 12 lines (Esc to cancel)", updated as the answer arrives; plus a
 * cancellable progress notification. The range follows lines the user inserts or deletes above it.
 */
export class EditProgress implements vscode.Disposable {
  private readonly lines = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly label = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0 0 2em' },
  });
  private range: LineRange;
  private received = 0;
  private shownAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private report: ((message: string) => void) | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly document: vscode.TextDocument, range: LineRange) {
    this.range = { ...range };
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document !== this.document) return;
        for (const change of event.contentChanges) this.shift(change);
        this.render();
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.render()),
    );
  }

  /** Runs `work` with the progress shown; the notification's Cancel calls `cancel`. */
  async run<T>(title: string, cancel: () => void, work: () => Promise<T>): Promise<T> {
    await vscode.commands.executeCommand('setContext', runningContextKey, true);
    this.render();
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
        this.report = (message) => progress.report({ message });
        const cancelled = token.onCancellationRequested(cancel);
        return work().finally(() => cancelled.dispose());
      });
    } finally {
      await vscode.commands.executeCommand('setContext', runningContextKey, false);
    }
  }

  /** Lines of code received so far. */
  update(lines: number): void {
    this.received = lines;
    const wait = this.shownAt + refreshMs - Date.now();
    if (wait <= 0) this.render();
    else this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, wait);
  }

  private render(): void {
    this.shownAt = Date.now();
    const count = `${this.received} line${this.received === 1 ? '' : 's'}`;
    const text = this.received > 0 ? `Tandem is editing… ${count} (Esc to cancel)` : 'Tandem is editing… (Esc to cancel)';
    this.report?.(this.received > 0 ? `${count} so far` : 'waiting for the model');
    const last = Math.max(this.range.start, this.range.end - 1);
    const lines = [new vscode.Range(this.range.start, 0, last, 0)];
    const first = this.document.lineAt(Math.min(this.range.start, this.document.lineCount - 1)).range.end;
    const label: vscode.DecorationOptions[] = [{ range: new vscode.Range(first, first), renderOptions: { after: { contentText: text } } }];
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document !== this.document) continue;
      editor.setDecorations(this.lines, lines);
      editor.setDecorations(this.label, label);
    }
  }

  /** Keeps the range on its lines when the user edits above it (or grows it when they edit inside). */
  private shift(change: vscode.TextDocumentContentChangeEvent): void {
    const added = (change.text.match(/\n/g) ?? []).length - (change.range.end.line - change.range.start.line);
    if (added === 0) return;
    if (change.range.end.line < this.range.start) {
      this.range = { start: this.range.start + added, end: this.range.end + added };
    } else if (change.range.start.line < this.range.end) {
      this.range = { start: this.range.start, end: Math.max(this.range.start + 1, this.range.end + added) };
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
    this.lines.dispose();
    this.label.dispose();
  }
}
