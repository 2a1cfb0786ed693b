import * as vscode from 'vscode';
import { readAgentRules } from '../../core/agent/rulesFiles';
import { nodeOutboundGate } from '../../core/context';
import type { Logger } from '../../core/logger';
import { nodeWorkspaceFiles } from '../../core/testing/nodeWorkspaceFiles';
import { checkFix, reviewDiff, type Finding, type ReviewResult, type Severity } from '../../core/review';
import type { ReviewService } from '../edit/review/reviewApi';
import { showLlmError } from '../errors/showLlmError';
import type { ModelService } from '../models/modelService';
import { FindingThreads } from './findingThreads';
import { diffForScope, openGit, type ReviewRepository, type ScopeDiff, type ScopeKind } from './reviewGit';
import { diffForSelection } from './selectionDiff';

/** What the command returns (and the integration suite reads). */
export interface ReviewChangesOutcome {
  findings: Array<{ id: string; path: string; uri: string; line: number; severity: Severity; category: string; message: string; hasFix: boolean }>;
  reviewed: string[];
  summarised: string[];
  skipped: string[];
}

export interface ReviewChangesArgs {
  scope?: ScopeKind;
  /** The repository (its root); default: the Source Control's, the active file's, or the only one. */
  repository?: vscode.Uri;
}

const scopeItems: Array<vscode.QuickPickItem & { kind2: ScopeKind }> = [
  { label: '$(diff-added) Staged Changes', description: 'what the next commit holds', kind2: 'staged' },
  { label: '$(diff) All Uncommitted Changes', description: 'staged and not staged, against HEAD', kind2: 'uncommitted' },
  { label: '$(git-branch) This Branch', description: 'every change since it left the default branch', kind2: 'branch' },
  { label: '$(selection) Selection', description: 'the selected lines of the active editor', kind2: 'selection' },
];

/**
 * "Tandem: Review Changes": the chosen change goes to the model file by file (with progress), and
 * the findings that pass the precision rules become comment threads on the changed lines.
 */
export class ReviewChanges implements vscode.Disposable {
  private readonly threads = new FindingThreads();

  constructor(private readonly models: ModelService, private readonly edits: ReviewService, private readonly logger: Logger) {}

  async run(target: unknown): Promise<ReviewChangesOutcome | undefined> {
    const args = (typeof target === 'object' && target !== null && ('scope' in target || 'repository' in target) ? target : {}) as ReviewChangesArgs;
    const git = await openGit();
    if (!git) {
      void vscode.window.showWarningMessage('Tandem: the Git extension is not available. It is built into VS Code: check that "Git" is enabled and that git.enabled is on.');
      return undefined;
    }
    const repository = pickRepository(git, args.repository ?? rootUriOf(target));
    if (!repository) {
      void vscode.window.showWarningMessage('Tandem: open a folder that is a Git repository to review its changes.');
      return undefined;
    }
    const kind = args.scope ?? (await vscode.window.showQuickPick(scopeItems, { placeHolder: 'What should Tandem review?' }))?.kind2;
    if (!kind) return undefined;
    let scope: ScopeDiff;
    try {
      scope = await this.scopeDiff(repository, kind);
    } catch (error) {
      void vscode.window.showWarningMessage(`Tandem: cannot review ${kind}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    if (!scope.diff.trim()) {
      void vscode.window.showInformationMessage(`Tandem: nothing to review: ${scope.describe} are empty.`);
      return { findings: [], reviewed: [], summarised: [], skipped: [] };
    }
    return this.review(repository, scope);
  }

  private async scopeDiff(repository: ReviewRepository, kind: ScopeKind): Promise<ScopeDiff> {
    if (kind !== 'selection') return diffForScope(repository, kind);
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty) throw new Error('select the lines to review in an editor first');
    const relative = vscode.workspace.asRelativePath(editor.document.uri, false);
    const repoRelative = editor.document.uri.fsPath.slice(repository.rootUri.fsPath.length + 1).split('\\').join('/');
    const fileDiff = await repository.diffWith('HEAD', editor.document.uri.fsPath).catch(() => '');
    const { start, end } = editor.selection;
    const last = end.character === 0 && end.line > start.line ? end.line : end.line + 1;
    const lines = editor.document.getText().split(/\r?\n/);
    return { diff: diffForSelection(fileDiff, repoRelative, lines, start.line + 1, last), newSide: 'worktree', describe: `the selection in ${relative}` };
  }

  private async review(repository: ReviewRepository, scope: ScopeDiff): Promise<ReviewChangesOutcome | undefined> {
    const root = repository.rootUri;
    const config = vscode.workspace.getConfiguration('tandem.review');
    const maxPerFile = Math.max(1, Math.floor(config.get<number>('maxFindingsPerFile', 5)));
    const minSeverity = config.get<Severity>('minSeverity', 'info');
    const gate = await nodeOutboundGate(root.fsPath, this.models.config.ignore);
    const rules = await readAgentRules(root.fsPath, root.fsPath, gate);
    const budgetTokens = Math.min(12_000, Math.max(1_000, Math.floor(this.models.config.provider.contextWindow * 0.4)));
    let result: ReviewResult;
    try {
      result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Tandem', cancellable: true }, async (progress, token) => {
        const abort = new AbortController();
        const cancel = token.onCancellationRequested(() => abort.abort());
        try {
          const client = await this.models.getClient();
          return await reviewDiff(client, {
            diff: scope.diff, gate, rules, maxPerFile, minSeverity, budgetTokens, signal: abort.signal, files: nodeWorkspaceFiles(root.fsPath),
            readFile: (file) => this.readNewSide(repository, file, scope.newSide),
            onProgress: ({ done, total, files }) => {
              if (files.length) progress.report({ message: `Reviewing ${Math.min(done + 1, total)} of ${total} file${total === 1 ? '' : 's'}…`, increment: total ? (files.length / total) * 100 : 0 });
            },
          });
        } finally {
          cancel.dispose();
        }
      });
    } catch (error) {
      if (error instanceof Error && /cancel|abort/i.test(`${error.name} ${(error as { kind?: string }).kind ?? ''}`)) return undefined;
      this.logger.error(`review changes: ${error instanceof Error ? error.message : String(error)}`);
      void showLlmError(error, () => vscode.commands.executeCommand('tandem.reviewChanges', { repository: root }));
      return undefined;
    }
    for (const note of result.notes) this.logger.info(`review changes: ${note}`);
    const uriOf = (path: string) => vscode.Uri.joinPath(root, ...path.split('/'));
    const shown = this.threads.show(result.findings.map((finding) => ({ finding, uri: uriOf(finding.path), root })), result.reviewed.map(uriOf));
    void vscode.window.showInformationMessage(summaryText(result, scope.describe));
    return {
      findings: shown.map(({ id, finding, uri }) => ({ id, path: finding.path, uri: uri.toString(), line: finding.line, severity: finding.severity, category: finding.category, message: finding.message, hasFix: finding.fix !== undefined })),
      reviewed: result.reviewed, summarised: result.summarised.map((s) => s.path), skipped: result.skipped.map((s) => s.path),
    };
  }

  private async readNewSide(repository: ReviewRepository, file: string, side: 'index' | 'worktree'): Promise<{ text: string; languageId: string } | undefined> {
    const uri = vscode.Uri.joinPath(repository.rootUri, ...file.split('/'));
    const document = await vscode.workspace.openTextDocument(uri).then((d) => d, () => undefined);
    if (side === 'index') {
      const staged = await repository.show('', uri.fsPath).catch(() => undefined);
      if (staged !== undefined) return { text: staged, languageId: document?.languageId ?? 'plaintext' };
    }
    return document ? { text: document.getText(), languageId: document.languageId } : undefined;
  }

  /** Apply Fix: the fix is applied again to the file as it is now and goes through the diff review. */
  async applyFix(target: unknown): Promise<boolean> {
    const entry = this.threads.find(target);
    if (!entry?.finding.fix) return false;
    const document = await vscode.workspace.openTextDocument(entry.uri);
    const read = (path: string) => (path === entry.finding.path ? document.getText() : undefined);
    const checked = checkFix(entry.finding.fix.text, entry.finding.path, read);
    if (!checked.ok) {
      void vscode.window.showWarningMessage(`Tandem: the fix no longer applies: ${checked.reason}`);
      return false;
    }
    const handle = this.edits.propose({
      title: `Fix: ${entry.finding.message}`,
      origin: 'quick-fix',
      files: checked.files.map((file) => ({ uri: vscode.Uri.joinPath(entry.root, ...file.path.split('/')), originalText: read(file.path) ?? '', proposedText: file.newText, label: 'review fix' })),
    });
    void handle.done.then((outcome) => {
      if (outcome.files.some((f) => f.status === 'accepted' || f.status === 'partial')) this.threads.resolve(entry);
    });
    return true;
  }

  dismiss(target: unknown): boolean {
    const entry = this.threads.find(target);
    if (!entry) return false;
    this.threads.remove(entry.id);
    return true;
  }

  resolve(target: unknown): boolean {
    const entry = this.threads.find(target);
    if (!entry) return false;
    this.threads.resolve(entry);
    return true;
  }

  /** The threads shown, for the integration suite. */
  snapshot(): Array<{ id: string; uri: string; line: number; state: 'resolved' | 'unresolved'; label: string; contextValue: string }> {
    return this.threads.list().map(({ id, uri, thread }) => ({
      id, uri: uri.toString(), line: thread.range ? thread.range.start.line + 1 : 0,
      state: thread.state === vscode.CommentThreadState.Resolved ? 'resolved' : 'unresolved', label: thread.label ?? '', contextValue: thread.contextValue ?? '',
    }));
  }

  dispose(): void {
    this.threads.dispose();
  }
}

function summaryText(result: ReviewResult, describe: string): string {
  const count = (s: Severity) => result.findings.filter((f: Finding) => f.severity === s).length;
  const parts = (['error', 'warning', 'info'] as const).map((s) => [s, count(s)] as const).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}${n === 1 ? '' : 's'}`);
  const found = parts.length ? `found ${parts.join(', ')}` : 'found nothing to flag';
  const extra = result.summarised.length ? ` (${result.summarised.length} lock or generated file${result.summarised.length === 1 ? '' : 's'} summarised)` : '';
  const cut = result.truncated ? ' A reply was cut off; some findings may be missing.' : '';
  return `Tandem reviewed ${describe} in ${result.reviewed.length} file${result.reviewed.length === 1 ? '' : 's'} and ${found}${extra}.${cut}`;
}

function pickRepository(git: { repositories: readonly ReviewRepository[]; getRepository(uri: vscode.Uri): ReviewRepository | null }, uri: vscode.Uri | undefined): ReviewRepository | undefined {
  if (uri) {
    const found = git.getRepository(uri);
    if (found) return found;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active ? git.getRepository(active) : null) ?? git.repositories[0];
}

/** The Source Control title bar passes the SourceControl, whose rootUri names the repository. */
function rootUriOf(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  const rootUri = typeof value === 'object' && value !== null ? (value as { rootUri?: unknown }).rootUri : undefined;
  return rootUri instanceof vscode.Uri ? rootUri : undefined;
}
