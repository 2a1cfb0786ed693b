import * as vscode from 'vscode';
import { pendingSummary } from '../../../core/edits/review';
import type { FileReview } from './fileReview';
import { reviewCommands } from './reviewCommands';

/** "$(diff) 3 changes pending in 2 files" while anything waits for review; a click opens the next one. */
export class ReviewStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tandem.review', vscode.StatusBarAlignment.Left, 50);
  private visible = false;

  constructor() {
    this.item.name = 'Tandem Pending Changes';
    this.item.command = reviewCommands.openNext;
  }

  update(files: readonly FileReview[]): void {
    const summary = pendingSummary(files.map((file) => file.counts.pending));
    this.visible = summary !== '';
    if (!this.visible) {
      this.item.hide();
      return;
    }
    this.item.text = `$(diff) ${summary}`;
    this.item.tooltip = `Tandem: ${summary} — click to review the next one`;
    this.item.show();
  }

  get view(): { visible: boolean; text: string; tooltip: string } {
    return { visible: this.visible, text: this.item.text, tooltip: typeof this.item.tooltip === 'string' ? this.item.tooltip : '' };
  }

  dispose(): void {
    this.item.dispose();
  }
}
