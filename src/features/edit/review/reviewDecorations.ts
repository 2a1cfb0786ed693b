import * as vscode from 'vscode';
import type { FileReview } from './fileReview';

/**
 * Colours of a review document: a pending hunk's old lines red, its new lines green, an accepted
 * hunk's lines faint green (rejected hunks show their old lines plainly), with overview-ruler marks.
 */
export class ReviewDecorations implements vscode.Disposable {
  private readonly removed = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('diffEditor.removedLineBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.deletedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly inserted = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('diffEditor.insertedLineBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.addedForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
  private readonly accepted = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('tandem.review.acceptedLineBackground'),
  });

  /** Paints `editor`, which shows `file`'s review document (only if its text is the current rendering). */
  paint(editor: vscode.TextEditor, file: FileReview): void {
    const review = file.document;
    if (editor.document.getText() !== review.text) return; // the refreshed text is on its way; painted then
    const removed: vscode.Range[] = [];
    const inserted: vscode.Range[] = [];
    const accepted: vscode.Range[] = [];
    const lines = (from: number, to: number) => (to > from ? [new vscode.Range(from, 0, to - 1, 0)] : []);
    for (const hunk of review.hunks) {
      if (hunk.state === 'pending') {
        removed.push(...lines(hunk.old.start, hunk.old.end));
        inserted.push(...lines(hunk.new.start, hunk.new.end));
      } else if (hunk.state === 'accepted') accepted.push(...lines(hunk.new.start, hunk.new.end));
    }
    editor.setDecorations(this.removed, removed);
    editor.setDecorations(this.inserted, inserted);
    editor.setDecorations(this.accepted, accepted);
  }

  dispose(): void {
    this.removed.dispose();
    this.inserted.dispose();
    this.accepted.dispose();
  }
}
