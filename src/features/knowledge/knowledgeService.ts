import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { OutboundGate } from '../../core/context';
import type { KnowledgeIndex, TreeSitterLoader } from '../../core/knowledge';
import type { Logger } from '../../core/logger';
import type { IndexState } from './indexState';

export type KnowledgeModule = typeof import('../../core/knowledge');

export interface KnowledgeServiceOptions {
  /** The workspace folder on disk this service indexes (one service per folder). */
  folder: vscode.WorkspaceFolder;
  /** The one tree-sitter loader of the window: every folder's index shares it (the grammars load once). */
  loader: (knowledge: KnowledgeModule) => TreeSitterLoader;
  /** Runs builds one after another across folders (2-core machines: the editor stays responsive). */
  exclusive: <T>(work: () => Promise<T>) => Promise<T>;
  /** Where the index is kept between sessions (the workspace's storage folder). */
  storageDir: vscode.Uri;
  enabled: () => boolean;
  /** The validated `tandem.ignore`. */
  ignorePatterns: () => readonly string[];
  logger: Logger;
  /** After activation, the build waits this long (the window settles first). */
  startDelayMs: number;
}

/** Changed files are re-indexed together once the burst is over. */
const updateDelayMs = 300;
/** Unsaved text is indexed when typing pauses this long. */
const unsavedDelayMs = 1_500;
/** The persisted copy catches up with incremental updates this long after the last one. */
const saveDelayMs = 10_000;
/** The file graph (ranks for lookups) is rebuilt this long after the last update, not in a completion's path. */
const graphDelayMs = 1_000;
const updateTimeoutMs = 30_000;
const maxUnsavedChars = 1_000_000;
/**
 * The file watcher can miss changes (inotify limits on large trees, files.watcherExclude, network
 * drives): when the index is asked for, or the window regains focus, the files on disk are checked
 * against it, at most this often.
 */
const recheckIntervalMs = 5_000;
/** Folders whose changes never matter to the index, whatever .gitignore says. */
const unwatched = /(^|\/)(node_modules|\.git)\//;

/**
 * The index of one workspace folder for VS Code (WorkspaceKnowledge owns one per folder): built in the background (time-sliced by core's openIndex)
 * after start-up, kept in the workspace's storage so a reopened window is ready at once, and
 * updated one file at a time as files change (saved, created, deleted, or typed in). The index
 * code and tree-sitter are loaded only when the build starts, never at activation.
 */
export class KnowledgeService implements vscode.Disposable {
  private state: IndexState = { kind: 'waiting' };
  private readonly stateChanged = new vscode.EventEmitter<IndexState>();
  readonly onDidChangeState = this.stateChanged.event;
  private readonly graphRefreshed = new vscode.EventEmitter<void>();
  /** The file graph was built again (ranks computed before are gone). */
  readonly onDidRefreshGraph = this.graphRefreshed.event;
  private index: KnowledgeIndex | undefined;
  private knowledge: KnowledgeModule | undefined;
  private gate: OutboundGate | undefined;
  private loader: TreeSitterLoader | undefined;
  private building: Promise<KnowledgeIndex | undefined> | undefined;
  private abort: AbortController | undefined;
  private startTimer: ReturnType<typeof setTimeout> | undefined;
  private updateTimer: ReturnType<typeof setTimeout> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private graphTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly pending = new Set<string>();
  private readonly unsaved = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private updates: Promise<void> = Promise.resolve();
  private lastChecked = 0;
  private checking = false;
  /** Files re-indexed after a change since start, for the tests and the log. */
  updatedFiles = 0;
  /** File watcher events received, and changes found on disk that it had not reported (diagnostics). */
  watcherEvents = 0;
  missedChanges = 0;

  constructor(private readonly options: KnowledgeServiceOptions) {}

  get current(): IndexState {
    return this.state;
  }

  /** The folder indexed (a workspace folder on disk). */
  get folder(): vscode.WorkspaceFolder | undefined {
    return this.options.folder.uri.scheme === 'file' ? this.options.folder : undefined;
  }

  /** The saved copy of this folder's index: one file per folder, named by a hash of the folder's URI. */
  private storeFile(): string {
    const key = createHash('sha256').update(this.options.folder.uri.toString()).digest('hex').slice(0, 16);
    return vscode.Uri.joinPath(this.options.storageDir, 'knowledge', `index-${key}.json`).fsPath;
  }

  /** Starts the first build once the window has settled (or says why there is none). */
  start(): void {
    if (!this.options.enabled()) return this.setState({ kind: 'off', reason: 'The codebase index is off (tandem.knowledge.enabled).' });
    if (!this.folder) return this.setState({ kind: 'off', reason: 'The codebase index needs a workspace folder on disk.' });
    this.setState({ kind: 'waiting' });
    clearTimeout(this.startTimer);
    this.startTimer = setTimeout(() => void this.build(false), this.options.startDelayMs);
    this.watch();
  }

  /** The loaded index, synchronously: undefined until the first build is done (completions never wait for it). */
  readyIndex(): KnowledgeIndex | undefined {
    return this.state.kind === 'ready' ? this.index : undefined;
  }

  /** The index code, once a build has loaded it: the first completion after the build needs no import. */
  loadedModule(): KnowledgeModule | undefined {
    return this.knowledge;
  }

  /** The index once built (waits for a build under way, starts one if none started yet); undefined when off or failed. */
  async getIndex(): Promise<KnowledgeIndex | undefined> {
    if (this.state.kind === 'off') return undefined;
    if (this.state.kind === 'ready') {
      this.checkForMissedChanges();
      return this.index;
    }
    return this.building ?? this.build(false);
  }

  /** The privacy gate the index was built with (ignore rules, sensitive files, redaction). */
  outboundGate(): OutboundGate | undefined {
    return this.gate;
  }

  /** Workspace-relative path of a file in the indexed folder, else undefined. */
  relativePath(uri: vscode.Uri): string | undefined {
    const folder = this.folder;
    if (!folder || uri.scheme !== 'file') return undefined;
    const root = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
    return uri.path.startsWith(root) ? uri.path.slice(root.length) : undefined;
  }

  /** Tandem: Rebuild Codebase Index — the saved copy is dropped and every file parsed again. */
  async rebuild(): Promise<KnowledgeIndex | undefined> {
    if (!this.options.enabled() || !this.folder) {
      this.start();
      return undefined;
    }
    this.watch();
    return this.build(true);
  }

  /** The setting or the ignore rules changed: off, or on again with the rules now in force. */
  settingsChanged(): void {
    if (!this.options.enabled()) {
      this.abort?.abort();
      this.index = undefined;
      this.unwatch();
      this.setState({ kind: 'off', reason: 'The codebase index is off (tandem.knowledge.enabled).' });
      return;
    }
    if (this.state.kind === 'off' || this.state.kind === 'failed') return this.start();
    if (this.state.kind === 'ready') void this.build(false); // the walk drops files the new rules exclude
  }

  private build(fromScratch: boolean): Promise<KnowledgeIndex | undefined> {
    clearTimeout(this.startTimer);
    this.abort?.abort();
    const controller = new AbortController();
    this.abort = controller;
    const folder = this.folder;
    if (!folder) return Promise.resolve(undefined);
    const root = folder.uri.fsPath;
    this.setState({ kind: 'indexing', phase: 'loading', done: 0, total: 0 });
    // Queued behind other folders' builds; a rebuild or a removed folder meanwhile cancels this one.
    const run = this.options.exclusive(() => controller.signal.aborted ? Promise.resolve(undefined) : this.buildNow(root, fromScratch, controller));
    this.building = run;
    void run.finally(() => { if (this.building === run) this.building = undefined; });
    return run;
  }

  private async buildNow(root: string, fromScratch: boolean, controller: AbortController): Promise<KnowledgeIndex | undefined> {
    try {
      const knowledge = await loadKnowledge();
      this.knowledge = knowledge;
      const { nodeOutboundGate } = await import('../../core/context');
      const gate = await nodeOutboundGate(root, this.options.ignorePatterns());
      this.loader ??= this.options.loader(knowledge);
      const storeFile = this.storeFile();
      if (fromScratch) await vscode.workspace.fs.delete(vscode.Uri.file(storeFile), { useTrash: false }).then(undefined, () => undefined);
      const result = await knowledge.openIndex({
        root, gate, loader: this.loader, store: new knowledge.IndexStore(storeFile), signal: controller.signal,
        onProgress: ({ phase, done, total }) => { if (!controller.signal.aborted && phase !== 'ready') this.setState({ kind: 'indexing', phase, done, total }); },
      });
      if (controller.signal.aborted) return undefined;
      this.index = result.index;
      this.gate = gate;
      this.lastChecked = Date.now();
      this.setState({ kind: 'ready', files: result.index.fileCount, parsed: result.parsed, fromStore: result.fromStore, ms: result.ms, overLimit: result.overLimit });
      this.scheduleGraph(0);
      this.options.logger.info(`knowledge: ${this.options.folder.name}: ${result.index.fileCount} files indexed in ${result.ms.toFixed(0)} ms (${result.parsed} parsed, ${result.reused} reused from the saved index, ${result.removed} removed)`);
      this.flushUpdates();
      return result.index;
    } catch (error) {
      if (controller.signal.aborted) return undefined;
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger.error(`knowledge: indexing failed: ${error instanceof Error ? error.stack ?? message : message}`);
      this.setState({ kind: 'failed', message });
      return undefined;
    }
  }

  private watch(): void {
    const folder = this.folder;
    if (!folder || this.subscriptions.length > 0) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
    const changed = (uri: vscode.Uri) => {
      this.watcherEvents++;
      this.queue(uri);
    };
    this.subscriptions.push(
      watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed),
      vscode.window.onDidChangeWindowState((state) => { if (state.focused) this.checkForMissedChanges(); }),
      // Saves are reported here even where the file watcher is slow or missing (remote file systems).
      vscode.workspace.onDidSaveTextDocument((doc) => this.queue(doc.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length > 0) this.queueUnsaved(e.document); }),
    );
  }

  private unwatch(): void {
    this.subscriptions.splice(0).forEach((s) => s.dispose());
  }

  private queue(uri: vscode.Uri): void {
    const path = this.relativePath(uri);
    if (path === undefined || unwatched.test(path)) return;
    if (/(^|\/)\.gitignore$/.test(path)) return this.settingsChanged(); // the rules changed: the walk applies them
    // A late watcher event must not replace the typed text of a file with unsaved changes; its save is queued again.
    if (this.typedPaths().has(path)) return;
    const timer = this.unsaved.get(path);
    if (timer) clearTimeout(timer); // the file's saved text wins over the typed one
    this.unsaved.delete(path);
    this.pending.add(path);
    clearTimeout(this.updateTimer);
    this.updateTimer = setTimeout(() => this.flushUpdates(), updateDelayMs);
  }

  /** Open files with unsaved changes: indexed from their editor text, which differs from the disk on purpose. */
  private typedPaths(): Set<string | undefined> {
    return new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => this.relativePath(d.uri)));
  }

  /** Unsaved text: indexed when typing pauses, so completions see a definition just written. */
  private queueUnsaved(document: vscode.TextDocument): void {
    const path = this.relativePath(document.uri);
    // Not `isDirty` here: the host reports the change before the dirty state that goes with it.
    if (path === undefined || unwatched.test(path)) return;
    clearTimeout(this.unsaved.get(path));
    this.unsaved.set(path, setTimeout(() => {
      this.unsaved.delete(path);
      if (document.isClosed) return;
      if (!document.isDirty) return this.queue(document.uri); // saved, or undone back to the saved text: the disk has it
      const text = document.getText();
      if (text.length > maxUnsavedChars) return;
      this.enqueue(async (knowledge, index, gate, loader) => {
        if (await knowledge.indexDocument(index, loader, gate, { path, size: text.length, mtimeMs: 0 }, text)) this.updated(1);
      });
    }, unsavedDelayMs));
  }

  /**
   * Walks the folder in the background and queues every file the index no longer matches (new,
   * changed, deleted): what the file watcher did not report. Throttled; never blocks a caller.
   */
  private checkForMissedChanges(): void {
    const root = this.folder?.uri.fsPath;
    const gate = this.gate;
    if (this.checking || !root || !gate || this.state.kind !== 'ready' || Date.now() - this.lastChecked < recheckIntervalMs) return;
    this.checking = true;
    void (async () => {
      const knowledge = await loadKnowledge();
      const index = this.readyIndex();
      if (!index) return;
      const { files } = await knowledge.walkWorkspace(root, gate);
      const { changed, removed } = knowledge.indexDifferences(index, files);
      const typed = this.typedPaths();
      const missed = [...changed.map((f) => f.path), ...removed].filter((path) => !this.pending.has(path) && !typed.has(path));
      if (missed.length === 0) return;
      this.missedChanges += missed.length;
      this.options.logger.info(`knowledge: ${missed.length} file change(s) found on disk that the file watcher did not report; re-indexing them`);
      missed.forEach((path) => this.pending.add(path));
      this.flushUpdates();
    })().catch((error: unknown) => this.options.logger.warn(`knowledge: checking files on disk failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.checking = false;
        this.lastChecked = Date.now();
      });
  }

  private flushUpdates(): void {
    clearTimeout(this.updateTimer);
    if (this.pending.size === 0 || this.state.kind !== 'ready') return;
    const typed = this.typedPaths();
    const paths = [...this.pending].filter((path) => !typed.has(path));
    this.pending.clear();
    this.enqueue(async (knowledge, index, gate, loader) => {
      let changed = 0;
      for (const path of paths) {
        // Stated as the walk states files (same mtime precision, same size limit), so a later walk sees it as current.
        const file = await knowledge.statWorkspaceFile(index.root, path);
        const outcome = file ? await knowledge.indexWorkspaceFile(index, loader, gate, file) : index.removeFile(path) ? 'removed' : 'skipped';
        if (outcome !== 'skipped') changed++;
      }
      this.updated(changed);
    });
  }

  /** Updates run one after another, on the index as it is once ready. */
  private enqueue(update: (knowledge: KnowledgeModule, index: KnowledgeIndex, gate: OutboundGate, loader: TreeSitterLoader) => Promise<void>): void {
    this.updates = this.updates.then(async () => {
      // A rebuild under way (settings changed) would otherwise drop the update: it runs on the new index.
      const index = this.readyIndex() ?? (this.building ? await this.building : undefined);
      if (!index || !this.gate || !this.loader) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // One update that never settles (a file on a hung network drive) must not hold back every later one.
      const overdue = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${updateTimeoutMs / 1000} s; later updates go on`)), updateTimeoutMs); });
      await Promise.race([update(await loadKnowledge(), index, this.gate, this.loader), overdue]).finally(() => clearTimeout(timer));
    }).catch((error: unknown) => this.options.logger.warn(`knowledge: an update failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  private updated(files: number): void {
    if (files === 0 || this.state.kind !== 'ready' || !this.index) return;
    this.updatedFiles += files;
    this.setState({ ...this.state, files: this.index.fileCount });
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), saveDelayMs);
    this.scheduleGraph(graphDelayMs);
  }

  /** Builds the file graph ahead of the next lookup, so the first completion after a build or a burst of changes does not pay for it. */
  private scheduleGraph(delayMs: number): void {
    clearTimeout(this.graphTimer);
    this.graphTimer = setTimeout(() => {
      const index = this.readyIndex();
      if (!index) return;
      index.refreshGraph();
      this.graphRefreshed.fire();
    }, delayMs);
  }

  private async save(): Promise<void> {
    const index = this.readyIndex();
    if (!index) return;
    const knowledge = await loadKnowledge();
    await new knowledge.IndexStore(this.storeFile()).save(index.toJSON()).catch((error: unknown) => this.options.logger.warn(`knowledge: could not save the index: ${error instanceof Error ? error.message : String(error)}`));
  }

  private setState(state: IndexState): void {
    this.state = state;
    this.stateChanged.fire(state);
  }

  dispose(): void {
    this.abort?.abort();
    clearTimeout(this.startTimer);
    clearTimeout(this.updateTimer);
    clearTimeout(this.saveTimer);
    clearTimeout(this.graphTimer);
    this.unsaved.forEach((t) => clearTimeout(t));
    this.unwatch();
    this.stateChanged.dispose();
    this.graphRefreshed.dispose();
  }
}

/** The index code, evaluated on first use (never during activation). */
function loadKnowledge(): Promise<KnowledgeModule> {
  return import('../../core/knowledge');
}
