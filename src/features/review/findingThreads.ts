import * as vscode from 'vscode';
import type { Finding } from '../../core/review';

/** One finding shown as a comment thread, with what Apply Fix needs. */
export interface FindingThread {
  id: string;
  finding: Finding;
  uri: vscode.Uri;
  /** The repository's root: the finding's and its fix's paths are relative to it. */
  root: vscode.Uri;
  thread: vscode.CommentThread;
}

const severityIcon: Record<Finding['severity'], string> = { error: '$(error)', warning: '$(warning)', info: '$(info)' };
const categoryLabel: Record<Finding['category'], string> = { bug: 'Bug', security: 'Security', performance: 'Performance', 'test-gap': 'Test gap', maintainability: 'Maintainability' };

/**
 * The comment threads of a review. A thread's contextValue says whether it has a fix, so the
 * thread's title bar shows Apply Fix only then; Dismiss and Resolve are always there.
 */
export class FindingThreads implements vscode.Disposable {
  private readonly controller = vscode.comments.createCommentController('tandem.review', 'Tandem Review');
  private readonly threads = new Map<string, FindingThread>();
  private nextId = 1;

  constructor() {
    this.controller.options = { placeHolder: 'Tandem review findings cannot be replied to.' };
  }

  /** Replaces the threads of the files reviewed (earlier findings elsewhere stay). */
  show(findings: ReadonlyArray<{ finding: Finding; uri: vscode.Uri; root: vscode.Uri }>, reviewedUris: readonly vscode.Uri[]): FindingThread[] {
    const reviewed = new Set(reviewedUris.map((u) => u.toString()));
    for (const [id, entry] of this.threads) {
      if (reviewed.has(entry.uri.toString())) this.remove(id);
    }
    return findings.map(({ finding, uri, root }) => {
      const id = `finding-${this.nextId++}`;
      const range = new vscode.Range(finding.line - 1, 0, finding.endLine - 1, 0);
      const thread = this.controller.createCommentThread(uri, range, [commentFor(finding)]);
      thread.label = `Tandem: ${finding.severity} · ${categoryLabel[finding.category]}`;
      thread.contextValue = contextValue(finding, false);
      thread.canReply = false;
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
      thread.state = vscode.CommentThreadState.Unresolved;
      const entry = { id, finding, uri, root, thread };
      this.threads.set(id, entry);
      return entry;
    });
  }

  /** The entry of a thread (from a menu) or of an id (from a command call). */
  find(target: unknown): FindingThread | undefined {
    if (typeof target === 'string') return this.threads.get(target);
    for (const entry of this.threads.values()) if (entry.thread === target) return entry;
    return undefined;
  }

  resolve(entry: FindingThread): void {
    entry.thread.state = vscode.CommentThreadState.Resolved;
    entry.thread.contextValue = contextValue(entry.finding, true);
    entry.thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
  }

  remove(id: string): void {
    this.threads.get(id)?.thread.dispose();
    this.threads.delete(id);
  }

  list(): FindingThread[] {
    return [...this.threads.values()];
  }

  dispose(): void {
    for (const id of [...this.threads.keys()]) this.remove(id);
    this.controller.dispose();
  }
}

/** Read by the thread title bar's `when` clauses: Apply Fix only with a fix, Resolve only while unresolved. */
function contextValue(finding: Finding, resolved: boolean): string {
  return `tandemFinding${finding.fix ? '-fixable' : ''}-${resolved ? 'resolved' : 'unresolved'}`;
}

function commentFor(finding: Finding): vscode.Comment {
  const body = new vscode.MarkdownString(undefined, true);
  body.appendMarkdown(`${severityIcon[finding.severity]} **${escape(finding.message)}**\n\n`);
  if (finding.explanation) body.appendMarkdown(`${escape(finding.explanation)}\n\n`);
  if (finding.fix) body.appendMarkdown('Proposed fix (**Apply Fix** opens it in the review):\n').appendCodeblock(finding.fix.diff.replace(/\n$/, ''), 'diff');
  // The model's words are untrusted: no command links, no HTML.
  body.isTrusted = false;
  body.supportHtml = false;
  return { body, mode: vscode.CommentMode.Preview, author: { name: 'Tandem' }, contextValue: finding.fix ? 'fixable' : '' };
}

/** Markdown that shows the model's text as text (no links, images or HTML it could inject). */
function escape(text: string): string {
  return text.replace(/[\\[\]<>]/g, (ch) => `\\${ch}`);
}
