import * as vscode from 'vscode';
import type { Logger } from '../../../core/logger';
import { adjacentHunk, decidedText, hunkForCursor, hunksTouchedByUser, type HunkState } from '../../../core/edits/review';
import { FileReview, Review } from './fileReview';
import { PendingTree, describe } from './pendingTree';
import { prepareFile } from './prepareFile';
import type { FileReviewOutcome, ProposalRequest, ReviewOutcome } from './reviewApi';
import { reviewCodeLenses } from './reviewCodeLenses';
import { pendingContextKey } from './reviewCommands';
import { ReviewDecorations } from './reviewDecorations';
import type { ReviewUiSnapshot } from './reviewSnapshot';
import { ReviewRegistry } from './reviewRegistry';
import { ReviewStatusBar } from './reviewStatusBar';
import { snapshotOfReview } from './snapshotOfReview';
import { parseReviewUri, reviewScheme, reviewUri } from './reviewUris';
import { writeDecided, type WrittenOutcome } from './writeDecided';

export interface ReviewControllerDeps {
  logger: Logger;
  /** Tells VS Code a review document's text changed (the content provider lives in registerReview). */
  contentChanged(uri: vscode.Uri): void;
  /** Tells VS Code to ask for the CodeLens again. */
  lensesChanged(): void;
}

/** How long typing in a reviewed file may go on before the review re-checks which hunks it touches. */
const STALE_CHECK_DELAY_MS = 150;

const replacedByRefinement = 'Replaced by a refined proposal.';

/**
 * The diff review behind ReviewService: holds the reviews, renders their documents, takes the
 * decisions (from the commands, the CodeLens and the Pending Changes view) and writes each file
 * once all its hunks are decided. Loaded on first use (see registerReview).
 */
export class ReviewController implements vscode.Disposable {
  private readonly registry = new ReviewRegistry();
  /** Proposals still being read in (their documents opened), so commands can wait for them. */
  private readonly starting = new Set<Promise<void>>();
  private readonly decorations = new ReviewDecorations();
  private readonly tree = new PendingTree(() => this.registry.pendingFiles());
  private readonly statusBar = new ReviewStatusBar();
  private readonly messages: string[] = [];
  private readonly staleTimers = new Map<FileReview, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly deps: ReviewControllerDeps) {
    this.subscriptions = [
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.paint(editor))),
      vscode.workspace.onDidChangeTextDocument((event) => this.documentChanged(event.document)),
    ];
  }

  // ---- ReviewService ----

  /** Starts a review; `settle` settles its handle. The returned promise ends once it is shown. */
  propose(id: string, request: ProposalRequest, settle: (outcome: ReviewOutcome) => void): Promise<void> {
    const review = new Review(id, request, (files, superseded) => {
      review.settled = true;
      this.registry.remove(id);
      const order = (outcome: FileReviewOutcome) => request.files.findIndex((file) => file.uri.toString() === outcome.uri.toString());
      const all = [...review.earlyOutcomes, ...files].sort((x, y) => order(x) - order(y));
      settle({ files: all, ...(superseded ? { superseded } : {}) });
      this.refreshUi();
    });
    this.registry.add(review);
    const started = this.start(review, request).catch((error: unknown) => {
      this.deps.logger.error(`review ${id}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      const message = `Tandem could not open the review of "${request.title}": ${error instanceof Error ? error.message : String(error)}`;
      this.show('error', message);
      review.earlyOutcomes.length = 0;
      if (!review.settled) review.settle(request.files.map((file) => ({ uri: file.uri, status: 'failed', acceptedHunks: 0, rejectedHunks: 0, message })));
    }).finally(() => this.starting.delete(started));
    this.starting.add(started);
    return started;
  }

  /** Ends a review for a refinement, at once: decided files keep their outcome, the others count as rejected. */
  supersede(id: string): void {
    const review = this.registry.get(id);
    if (!review || review.settled) return;
    const undecided = review.files.filter((file) => !file.outcome);
    const outcomes = review.request.files.map((change) => {
      const key = change.uri.toString();
      const file = review.files.find((candidate) => candidate.uri.toString() === key);
      return file?.outcome ?? (file ? this.unwritten(file, 'rejected', replacedByRefinement) : undefined)
        ?? review.earlyOutcomes.find((outcome) => outcome.uri.toString() === key)
        ?? { uri: change.uri, status: 'rejected' as const, acceptedHunks: 0, rejectedHunks: 0, message: replacedByRefinement };
    });
    review.earlyOutcomes.length = 0;
    review.settle(outcomes, true);
    void this.closeTabs(undecided);
  }

  /** The review that covers this file (its id), while a hunk of it is undecided. */
  pendingReviewFor(uri: vscode.Uri): string | undefined {
    return this.registry.holderOf(uri);
  }

  // ---- content, CodeLens ----

  content(uri: vscode.Uri): string {
    const file = this.registry.fileOf(uri);
    if (!file) return 'This review has ended: its changes were applied or rejected.';
    const side = parseReviewUri(uri)?.side;
    if (side === 'original') return file.base;
    if (side === 'proposal') return decidedText(file.base, file.hunks, (id) => (file.states[id] === 'rejected' ? 'rejected' : 'accepted'));
    return file.document.text;
  }

  codeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const file = this.registry.fileOf(document.uri);
    if (!file || file.outcome || parseReviewUri(document.uri)?.side !== 'inline') return [];
    return reviewCodeLenses(file);
  }

  // ---- commands ----

  /** Accepts or rejects one hunk: `target` a review document or file URI (else the active review), `hunk` its index (else the one at the cursor). */
  async decideHunk(state: HunkState, target?: unknown, hunk?: unknown): Promise<boolean> {
    await this.ready();
    const file = this.registry.fileFor(target);
    if (!file || file.outcome) return this.nothingToReview();
    const index = typeof hunk === 'number' ? hunk : this.hunkAtCursor(file);
    if (index === undefined || !file.decide(index, state)) return false;
    this.refreshFile(file);
    if (file.counts.pending === 0) await this.settleFile(file);
    else if (this.registry.activeFile() === file && state !== 'pending') await this.revealHunk(file, adjacentHunk(file.document, file.document.hunks[index]?.anchorLine ?? 0, 1)?.anchorLine);
    return true;
  }

  async moveToHunk(direction: 1 | -1): Promise<void> {
    await this.ready();
    const editor = vscode.window.activeTextEditor;
    const file = editor && this.registry.fileOf(editor.document.uri);
    if (!editor || !file) return this.openNext();
    await this.revealHunk(file, adjacentHunk(file.document, editor.selection.active.line, direction)?.anchorLine);
  }

  /** Decides every pending hunk of a review: `target` a review id, a review document or a file URI; else the active review. */
  async decideAll(state: 'accepted' | 'rejected', target?: unknown): Promise<boolean> {
    await this.ready();
    const review = this.registry.reviewFor(target);
    if (!review) return this.nothingToReview();
    for (const file of review.pendingFiles) await this.decideWholeFile(file, state);
    return true;
  }

  async decideFile(state: 'accepted' | 'rejected', target?: unknown): Promise<boolean> {
    await this.ready();
    const file = this.registry.fileFor(target);
    if (!file || file.outcome) return this.nothingToReview();
    await this.decideWholeFile(file, state);
    return true;
  }

  async showDiff(target?: unknown): Promise<void> {
    await this.ready();
    const file = this.registry.fileFor(target);
    if (!file) return void this.nothingToReview();
    const name = file.uri.path.split('/').pop() ?? file.relativePath;
    await vscode.commands.executeCommand('vscode.diff', reviewUri(file.review.id, file.index, file.uri, 'original'), reviewUri(file.review.id, file.index, file.uri, 'proposal'),
      `${name}: original ↔ proposal (as decided)`, { preview: true });
  }

  async openFile(target?: unknown): Promise<void> {
    await this.ready();
    const file = this.registry.fileFor(target);
    if (file && !file.outcome) await this.open(file);
  }

  /** Opens the pending review after the active one (the first when none is active). */
  async openNext(): Promise<void> {
    await this.ready();
    const files = this.registry.pendingFiles();
    if (files.length === 0) return void this.nothingToReview();
    const active = this.registry.activeFile();
    const next = active ? files[(files.indexOf(active) + 1) % files.length]! : files[0]!;
    await this.open(next);
  }

  snapshot(): ReviewUiSnapshot {
    return {
      reviews: this.registry.opened().map(snapshotOfReview),
      statusBar: this.statusBar.view,
      tree: this.registry.pendingFiles().map((file) => ({ label: file.uri.path.split('/').pop() ?? '', description: describe(file) })),
      messages: [...this.messages],
    };
  }

  // ---- internals ----

  private async start(review: Review, request: ProposalRequest): Promise<void> {
    const outcomes = review.earlyOutcomes;
    const seen = new Set<string>();
    for (const [index, change] of request.files.entries()) {
      const key = change.uri.toString();
      if (seen.has(key)) {
        outcomes.push({ uri: change.uri, status: 'failed', acceptedHunks: 0, rejectedHunks: 0, message: `${vscode.workspace.asRelativePath(change.uri)} is listed twice in the proposal; the second change was ignored.` });
        continue;
      }
      seen.add(key);
      const prepared = await prepareFile(review, index, change);
      if (review.settled) return; // superseded meanwhile
      if ('outcome' in prepared) {
        outcomes.push(prepared.outcome);
        if (prepared.outcome.status === 'failed' && prepared.outcome.message) this.show('warning', prepared.outcome.message);
        continue;
      }
      await this.releaseClaim(change.uri, 'Replaced by a newer proposal for the same file.');
      if (review.settled) return;
      this.registry.claim(change.uri, review);
      review.files.push(prepared.file);
      if (prepared.file.stale) this.recheckStale(prepared.file);
    }
    if (review.files.length === 0) {
      if (outcomes.length > 0 && outcomes.every((outcome) => outcome.status === 'unchanged')) this.show('info', `Tandem: "${request.title}" makes no changes.`, false);
      review.settle([]);
      return;
    }
    review.opened = true;
    this.refreshUi();
    if (request.reveal !== false) await this.open(review.files[0]!);
  }

  /** A file may be under one review at a time: the older review's file settles as rejected. */
  private async releaseClaim(uri: vscode.Uri, why: string): Promise<void> {
    const file = this.registry.claimedFile(uri);
    if (file && !file.outcome && !file.applying) await this.finish(file, this.unwritten(file, 'rejected', why));
  }

  private async decideWholeFile(file: FileReview, state: 'accepted' | 'rejected'): Promise<void> {
    if (file.outcome || file.applying) return;
    file.decideAllPending(state);
    this.refreshFile(file);
    await this.settleFile(file);
  }

  /** Writes a fully decided file and takes it out of the review. */
  private async settleFile(file: FileReview): Promise<void> {
    if (file.outcome || file.applying || file.counts.pending > 0) return;
    file.applying = true;
    let outcome: WrittenOutcome;
    try {
      outcome = await writeDecided(file);
    } catch (error) {
      this.deps.logger.error(`review: writing ${file.relativePath} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      outcome = this.unwritten(file, 'failed', `Tandem could not write ${file.relativePath}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      file.applying = false;
    }
    if (outcome.status === 'failed' && outcome.message) this.show('error', outcome.message);
    else if (outcome.message) this.show('warning', outcome.message);
    await this.finish(file, outcome);
  }

  private async finish(file: FileReview, { firstChangedLine, ...outcome }: WrittenOutcome): Promise<void> {
    file.outcome = outcome;
    this.registry.release(file);
    const wasOpen = await this.closeTabs([file]);
    const written = outcome.status === 'accepted' || outcome.status === 'partial';
    if (wasOpen && (written || !file.created)) {
      // The real file takes the review's place, with the cursor on the first change written.
      // It may be gone (deleted or renamed meanwhile): the review must settle all the same.
      const at = new vscode.Position(firstChangedLine ?? 0, 0);
      await vscode.window.showTextDocument(file.uri, { preview: false, ...(firstChangedLine === undefined ? {} : { selection: new vscode.Range(at, at) }) })
        .then(undefined, (error: unknown) => this.deps.logger.info(`review: could not show ${file.relativePath}: ${error instanceof Error ? error.message : String(error)}`));
    }
    const review = file.review;
    if (!review.settled && review.pendingFiles.length === 0) review.settle(review.files.map((each) => each.outcome!));
    else this.refreshUi();
  }

  private unwritten(file: FileReview, status: 'rejected' | 'failed', message: string): FileReviewOutcome {
    return { uri: file.uri, status, acceptedHunks: file.counts.accepted, rejectedHunks: file.counts.rejected, message };
  }

  /** Closes the tabs showing a file's review (inline or side by side); says whether one was open. */
  private async closeTabs(files: readonly FileReview[]): Promise<boolean> {
    const keys = new Set(files.map((file) => `${file.review.id}/${file.index}`));
    const ofFiles = (uri: vscode.Uri | undefined) => {
      const parts = uri && parseReviewUri(uri);
      return !!parts && keys.has(`${parts.reviewId}/${parts.fileIndex}`);
    };
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) =>
      (tab.input instanceof vscode.TabInputText && ofFiles(tab.input.uri))
      || (tab.input instanceof vscode.TabInputTextDiff && ofFiles(tab.input.modified)));
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs, true);
    return tabs.some((tab) => tab.input instanceof vscode.TabInputText);
  }

  private async open(file: FileReview): Promise<void> {
    const editor = await vscode.window.showTextDocument(file.reviewUri, { preview: false });
    this.paint(editor);
    const line = hunkForCursor(file.document, 0);
    await this.revealHunk(file, line === undefined ? undefined : file.document.hunks[line]?.anchorLine);
  }

  /** Puts the cursor on a hunk of the active review editor, once it shows the current rendering. */
  private async revealHunk(file: FileReview, line: number | undefined): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (line === undefined || !editor || editor.document.uri.toString() !== file.reviewUri.toString()) return;
    await this.shown(editor.document, file);
    const position = new vscode.Position(Math.min(line, editor.document.lineCount - 1), 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Resolves once `document` shows the file's current rendering (VS Code re-reads it after contentChanged), or after 2 s. */
  private shown(document: vscode.TextDocument, file: FileReview): Promise<void> {
    if (document.getText() === file.document.text) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      };
      const timer = setTimeout(done, 2_000);
      const listener = vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === document && document.getText() === file.document.text) done();
      });
    });
  }

  private documentChanged(document: vscode.TextDocument): void {
    if (document.uri.scheme === reviewScheme) {
      for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.paint(editor);
      return;
    }
    const file = this.registry.claimedFile(document.uri);
    if (!file || file.outcome || file.applying) return;
    clearTimeout(this.staleTimers.get(file));
    this.staleTimers.set(file, setTimeout(() => this.recheckStale(file), STALE_CHECK_DELAY_MS));
  }

  /** The document changed under a review: note it, and which hunks the user's edits touch. */
  private recheckStale(file: FileReview): void {
    this.staleTimers.delete(file);
    if (file.outcome || file.applying) return;
    const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === file.uri.toString());
    if (!document) return;
    const current = document.getText();
    file.stale = current !== file.base;
    file.touched = hunksTouchedByUser(file.base, current, file.hunks);
    this.refreshFile(file);
  }

  private paint(editor: vscode.TextEditor): void {
    const file = this.registry.fileOf(editor.document.uri);
    if (file && parseReviewUri(editor.document.uri)?.side === 'inline') this.decorations.paint(editor, file);
  }

  private refreshFile(file: FileReview): void {
    this.deps.contentChanged(file.reviewUri);
    this.deps.contentChanged(reviewUri(file.review.id, file.index, file.uri, 'proposal'));
    this.refreshUi();
  }

  private refreshUi(): void {
    const files = this.registry.pendingFiles();
    void vscode.commands.executeCommand('setContext', pendingContextKey, files.length > 0);
    this.tree.refresh();
    this.statusBar.update(files);
    this.deps.lensesChanged();
  }

  private hunkAtCursor(file: FileReview): number | undefined {
    const editor = vscode.window.activeTextEditor;
    const line = editor && editor.document.uri.toString() === file.reviewUri.toString() ? editor.selection.active.line : 0;
    return hunkForCursor(file.document, line);
  }

  private async ready(): Promise<void> {
    while (this.starting.size > 0) await Promise.all([...this.starting]);
  }

  private nothingToReview(): false {
    this.show('info', 'Tandem: no pending change here. Pending changes are listed in the Tandem view.', false);
    return false;
  }

  private show(kind: 'info' | 'warning' | 'error', message: string, record = true): void {
    if (record) this.messages.push(message);
    this.deps.logger.info(`review: ${message}`);
    const text = message.startsWith('Tandem') ? message : `Tandem: ${message}`;
    if (kind === 'error') void vscode.window.showErrorMessage(text);
    else if (kind === 'warning') void vscode.window.showWarningMessage(text);
    else void vscode.window.showInformationMessage(text);
  }

  dispose(): void {
    for (const timer of this.staleTimers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.decorations.dispose();
    this.tree.dispose();
    this.statusBar.dispose();
  }
}
