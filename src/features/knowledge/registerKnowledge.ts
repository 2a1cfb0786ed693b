import * as vscode from 'vscode';
import type { KnowledgeIndex } from '../../core/knowledge';
import type { Logger } from '../../core/logger';
import type { ModelService } from '../models/modelService';
import { CompletionDefinitions } from './completionDefinitions';
import { editDeclarations, type DeclarationsSource } from './editDeclarations';
import { statusView, type IndexState, type StatusView } from './indexState';
import { WorkspaceKnowledge } from './workspaceKnowledge';

export const rebuildIndexCommand = 'tandem.rebuildCodebaseIndex';

/** The first build waits this long after activation: the window's own start-up work goes first. */
const startDelayMs = 2_000;

/** The codebase index for the other features, the agent (at merge) and the integration suite. */
export interface KnowledgeHooks {
  /** The first folder's index (the one folder of a single-folder workspace). */
  state(): IndexState;
  /** Every folder's index together, as the status bar shows it. */
  combinedState(): IndexState;
  statusBar(): StatusView;
  /** Every status bar text shown so far, oldest first (progress is brief on a small workspace). */
  statusHistory(): readonly string[];
  /** The index once ready (waits for a build under way); undefined when off or failed. */
  getIndex(): Promise<KnowledgeIndex | undefined>;
  /** The index of the workspace folder holding this file (waits for its build); undefined outside every folder. */
  getIndexFor(uri: vscode.Uri): Promise<KnowledgeIndex | undefined>;
  /** Files re-indexed after changes since start. */
  updatedFiles(): number;
  /** File watcher events received, and changes found on disk that the watcher had not reported. */
  watcherEvents(): number;
  missedChanges(): number;
  /** The last completion lookup's time on the index, ms. */
  lastLookupMs(): number | undefined;
}

export interface Knowledge {
  /** One index per workspace folder on disk. */
  workspace: WorkspaceKnowledge;
  completionDefinitions: CompletionDefinitions;
  /** For Inline Edit (refactors, Quick Fix) and Generate Tests. */
  editDeclarations: DeclarationsSource;
  hooks: KnowledgeHooks;
}

/**
 * The codebase index in VS Code: one per workspace folder on disk (WorkspaceKnowledge) (built after start-up, never during activation),
 * its status bar item, Tandem: Rebuild Codebase Index, and `tandem.knowledge.enabled`. In
 * Restricted Mode it is built too: indexing only reads local files, and what is sent from it
 * passes the same gate as everything else, to the provider the user (not the workspace) chose.
 */
export function registerKnowledge(context: vscode.ExtensionContext, models: ModelService, logger: Logger): Knowledge {
  const storageDir = context.storageUri ?? vscode.Uri.joinPath(context.globalStorageUri, 'no-workspace');
  const workspace = new WorkspaceKnowledge({ storageDir, enabled: () => models.config.knowledge.enabled, ignorePatterns: () => models.config.ignore, logger, startDelayMs });
  const item = vscode.window.createStatusBarItem('tandem.knowledge', vscode.StatusBarAlignment.Right, 98);
  item.name = 'Tandem Codebase Index';
  item.command = rebuildIndexCommand;
  const history: string[] = [];
  const show = (state: IndexState) => {
    const view = statusView(state);
    item.text = view.text;
    item.tooltip = view.tooltip;
    if (view.visible) item.show();
    else item.hide();
    if (view.visible && history.at(-1) !== view.text) history.push(view.text);
  };
  let enabled = models.config.knowledge.enabled;
  let ignore = JSON.stringify(models.config.ignore);
  context.subscriptions.push(
    workspace, item,
    workspace.onDidChangeState(show),
    models.onDidChange(() => {
      const nowEnabled = models.config.knowledge.enabled;
      const nowIgnore = JSON.stringify(models.config.ignore);
      if (nowEnabled === enabled && nowIgnore === ignore) return;
      enabled = nowEnabled;
      ignore = nowIgnore;
      workspace.settingsChanged();
    }),
    vscode.commands.registerCommand(rebuildIndexCommand, async () => {
      const files = await workspace.rebuild();
      const state = workspace.current;
      if (files === undefined && state.kind === 'off') void vscode.window.showInformationMessage(`Tandem: ${state.reason}`);
      return files;
    }),
  );
  workspace.start();
  const completionDefinitions = new CompletionDefinitions(workspace);
  const noIndex = Promise.resolve(undefined);
  return {
    workspace,
    completionDefinitions,
    editDeclarations: editDeclarations((uri) => workspace.serviceFor(uri), logger),
    hooks: {
      state: () => workspace.first()?.current ?? workspace.current,
      combinedState: () => workspace.current,
      statusBar: () => ({ text: item.text, tooltip: typeof item.tooltip === 'string' ? item.tooltip : '', visible: statusView(workspace.current).visible }),
      statusHistory: () => history,
      getIndex: () => workspace.first()?.getIndex() ?? noIndex,
      getIndexFor: (uri) => workspace.serviceFor(uri)?.getIndex() ?? noIndex,
      updatedFiles: () => workspace.first()?.updatedFiles ?? 0,
      watcherEvents: () => workspace.first()?.watcherEvents ?? 0,
      missedChanges: () => workspace.first()?.missedChanges ?? 0,
      lastLookupMs: () => completionDefinitions.lastLookupMs,
    },
  };
}
