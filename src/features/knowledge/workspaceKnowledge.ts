import * as vscode from 'vscode';
import type { TreeSitterLoader } from '../../core/knowledge';
import { combinedState, serialQueue, type IndexState } from './indexState';
import { KnowledgeService, type KnowledgeServiceOptions } from './knowledgeService';
import { RankWarmer } from './rankWarmer';

export type WorkspaceKnowledgeOptions = Omit<KnowledgeServiceOptions, 'folder' | 'loader' | 'exclusive'>;

/**
 * The codebase index of every workspace folder on disk: one KnowledgeService per folder (its own
 * saved copy, watcher and gate), created and disposed as folders are added and removed. The
 * folders share one tree-sitter loader and build one after another. Callers ask for the folder
 * of the file at hand (`serviceFor`); the agent, which works in the first folder, for `first()`.
 */
export class WorkspaceKnowledge implements vscode.Disposable {
  /** Keyed by the folder's URI, in the workspace's folder order. */
  private services = new Map<string, KnowledgeService>();
  private readonly stateChanged = new vscode.EventEmitter<IndexState>();
  /** The combined state of all the folders changed. */
  readonly onDidChangeState = this.stateChanged.event;
  private readonly exclusive = serialQueue();
  private loader: TreeSitterLoader | undefined;
  private readonly folderListener: vscode.Disposable;
  private readonly warmer = new RankWarmer((uri) => this.serviceFor(uri));
  private started = false;

  constructor(private readonly options: WorkspaceKnowledgeOptions) {
    this.folderListener = vscode.workspace.onDidChangeWorkspaceFolders(() => this.syncFolders());
    this.syncFolders();
  }

  /** Starts every folder's first build once the window has settled. */
  start(): void {
    this.started = true;
    this.all().forEach((service) => service.start());
    // The one saved index of earlier versions: each folder now keeps its own (knowledge/index-<hash>.json).
    void vscode.workspace.fs.delete(vscode.Uri.joinPath(this.options.storageDir, 'knowledge', 'index.json'), { useTrash: false }).then(undefined, () => undefined);
    this.stateChanged.fire(this.current);
  }

  get current(): IndexState {
    return combinedState(this.all().map((service) => service.current));
  }

  all(): KnowledgeService[] {
    return [...this.services.values()];
  }

  /** The index of the first workspace folder on disk: the agent's root. */
  first(): KnowledgeService | undefined {
    return this.all()[0];
  }

  /** The index of the workspace folder that holds this file; undefined outside every folder on disk. */
  serviceFor(uri: vscode.Uri): KnowledgeService | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder && this.services.get(folder.uri.toString());
  }

  /** Tandem: Rebuild Codebase Index — every folder, one after another. Returns the files indexed over all of them. */
  async rebuild(): Promise<number | undefined> {
    if (this.services.size === 0) return undefined;
    const indexes = await Promise.all(this.all().map((service) => service.rebuild()));
    return indexes.some((index) => index) ? indexes.reduce((files, index) => files + (index?.fileCount ?? 0), 0) : undefined;
  }

  settingsChanged(): void {
    this.all().forEach((service) => service.settingsChanged());
  }

  private syncFolders(): void {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
    const next = new Map<string, KnowledgeService>();
    for (const folder of folders) {
      const key = folder.uri.toString();
      next.set(key, this.services.get(key) ?? this.create(folder));
    }
    for (const [key, service] of this.services) if (!next.has(key)) service.dispose();
    this.services = next;
    this.stateChanged.fire(this.current);
  }

  private create(folder: vscode.WorkspaceFolder): KnowledgeService {
    const service = new KnowledgeService({
      ...this.options, folder, exclusive: this.exclusive,
      loader: (knowledge) => (this.loader ??= new knowledge.TreeSitterLoader()),
    });
    service.onDidChangeState(() => this.stateChanged.fire(this.current));
    service.onDidRefreshGraph(() => this.warmer.schedule());
    if (this.started) service.start();
    return service;
  }

  dispose(): void {
    this.folderListener.dispose();
    this.warmer.dispose();
    this.all().forEach((service) => service.dispose());
    this.services.clear();
    this.stateChanged.dispose();
  }
}
