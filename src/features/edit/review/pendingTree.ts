import * as vscode from 'vscode';
import { fileProgress } from '../../../core/edits/review';
import type { FileReview } from './fileReview';
import { reviewCommands } from './reviewCommands';

export const pendingViewId = 'tandem.pendingChanges';

/** The "Pending Changes" view: one row per file waiting for review, with Accept / Reject File inline. */
export class PendingTree implements vscode.TreeDataProvider<FileReview>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FileReview | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<FileReview>;

  constructor(private readonly files: () => FileReview[]) {
    this.view = vscode.window.createTreeView(pendingViewId, { treeDataProvider: this });
  }

  refresh(): void {
    this.changed.fire(undefined);
    const count = this.files().length;
    this.view.badge = count > 0 ? { value: count, tooltip: `${count} file${count === 1 ? '' : 's'} with changes to review` } : undefined;
  }

  getChildren(element?: FileReview): FileReview[] {
    return element ? [] : this.files();
  }

  getTreeItem(file: FileReview): vscode.TreeItem {
    const item = new vscode.TreeItem(file.uri, vscode.TreeItemCollapsibleState.None);
    item.id = file.reviewUri.toString();
    item.label = file.uri.path.split('/').pop() ?? file.relativePath;
    item.description = describe(file);
    item.tooltip = new vscode.MarkdownString(`**${file.relativePath}**${file.created ? ' (new file)' : ''}\n\n${file.review.title}${file.label ? ` — ${file.label}` : ''}\n\n${fileProgress(file.counts.pending, file.counts.total)}${file.stale ? '\n\n$(warning) The file changed since the proposal.' : ''}`, true);
    item.contextValue = 'tandem.reviewFile';
    item.command = { command: reviewCommands.openFile, title: 'Open Review', arguments: [file.reviewUri] };
    return item;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}

/** A row's description: "2 of 3 pending · Add documentation (fix to the code)". */
export function describe(file: FileReview): string {
  const what = file.label ? `${file.review.title} (${file.label})` : file.review.title;
  return `${fileProgress(file.counts.pending, file.counts.total)} · ${what}${file.created ? ' · new file' : ''}`;
}
