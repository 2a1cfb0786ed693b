import * as vscode from 'vscode';
import { completionFocus } from './editorFocus';
import type { KnowledgeService } from './knowledgeService';

const settleMs = 100;

/**
 * Ranks the files around the editors in view ahead of the first completion there. A completion
 * lookup ranks files by PageRank around the current file and the visible editors; on a large
 * workspace that run takes several milliseconds, which the first lookup in a newly opened file
 * would otherwise pay within its 3 ms budget. Runs when the editors in view change and when a
 * folder's file graph was rebuilt (which drops the ranks computed before).
 */
export class RankWarmer implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly serviceFor: (uri: vscode.Uri) => KnowledgeService | undefined) {
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.schedule()),
    ];
  }

  /** Soon, once the editors have settled (opening a file changes them several times). */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.warm(), settleMs);
  }

  private warm(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const service = uri && this.serviceFor(uri);
    const index = service?.readyIndex();
    const path = service?.relativePath(uri!);
    if (!service || !index || path === undefined) return;
    index.ranks([path, ...completionFocus(service, path)]);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
  }
}
