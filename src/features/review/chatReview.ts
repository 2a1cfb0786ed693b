import * as vscode from 'vscode';
import type { ReviewChangesArgs, ReviewChangesOutcome } from './reviewChanges';
import type { ScopeKind } from './reviewGit';

/**
 * The chat's `/review [staged|branch|selection]`: runs Review Changes (threads in the editor) and
 * answers in the chat with the counts and a link to each finding. Without a word, the selection
 * when there is one, else all uncommitted changes.
 */
export async function reviewFromChat(words: string): Promise<string> {
  const scope = scopeFromWords(words);
  const outcome = await vscode.commands.executeCommand<ReviewChangesOutcome | undefined>('tandem.reviewChanges', { scope } satisfies ReviewChangesArgs);
  if (!outcome) return 'The review did not run: the notification says why (details in "Tandem: Show Log").';
  return chatSummary(outcome, scope);
}

function scopeFromWords(words: string): ScopeKind {
  const text = words.toLowerCase();
  if (/\bstaged?\b/.test(text)) return 'staged';
  if (/\bbranch\b/.test(text)) return 'branch';
  if (/\bselect(ion|ed)?\b/.test(text)) return 'selection';
  if (/\b(uncommitted|all|changes)\b/.test(text)) return 'uncommitted';
  const editor = vscode.window.activeTextEditor;
  return editor && !editor.selection.isEmpty ? 'selection' : 'uncommitted';
}

const scopeWords: Record<ScopeKind, string> = { staged: 'the staged changes', uncommitted: 'the uncommitted changes', branch: 'this branch', selection: 'the selection' };

/** Counts, then one line per finding linking to its line (links open workspace files only). */
export function chatSummary(outcome: ReviewChangesOutcome, scope: ScopeKind): string {
  if (outcome.reviewed.length === 0 && outcome.summarised.length === 0) return `Nothing to review in ${scopeWords[scope]}.`;
  const counts = (['error', 'warning', 'info'] as const).map((s) => [s, outcome.findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const files = `${outcome.reviewed.length} file${outcome.reviewed.length === 1 ? '' : 's'}`;
  if (counts.length === 0) return `**Review of ${scopeWords[scope]}** (${files}): nothing to flag.`;
  const lines = outcome.findings.map((f) => {
    const where = f.uri ? vscode.workspace.asRelativePath(vscode.Uri.parse(f.uri), false) : f.path;
    return `- **${f.severity}** [${where}:${f.line}](${encodeURI(where)}#L${f.line}) — ${f.message.replace(/[[\]<>]/g, '')}${f.hasFix ? ' *(fix proposed)*' : ''}`;
  });
  const summary = counts.map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`).join(', ');
  return [`**Review of ${scopeWords[scope]}** (${files}): ${summary}. Each is a comment on its line in the editor, with **Apply Fix** where one is proposed.`, '', ...lines].join('\n');
}
