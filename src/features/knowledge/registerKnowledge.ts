import * as vscode from 'vscode';
import type { KnowledgeIndex } from '../../core/knowledge';
import type { Logger } from '../../core/logger';
import type { ModelService } from '../models/modelService';
import { CompletionDefinitions } from './completionDefinitions';
import { editDeclarations, type DeclarationsSource } from './editDeclarations';
import { statusView, type IndexState, type StatusView } from './indexState';
import { KnowledgeService } from './knowledgeService';

export const rebuildIndexCommand = 'tandem.rebuildCodebaseIndex';

/** The first build waits this long after activation: the window's own start-up work goes first. */
const startDelayMs = 2_000;

/** The codebase index for the other features, the agent (at merge) and the integration suite. */
export interface KnowledgeHooks {
  state(): IndexState;
  statusBar(): StatusView;
  /** Every status bar text shown so far, oldest first (progress is brief on a small workspace). */
  statusHistory(): readonly string[];
  /** The index once ready (waits for a build under way); undefined when off or failed. */
  getIndex(): Promise<KnowledgeIndex | undefined>;
  /** Files re-indexed after changes since start. */
  updatedFiles(): number;
  /** File watcher events received, and changes found on disk that the watcher had not reported. */
  watcherEvents(): number;
  missedChanges(): number;
  /** The last completion lookup's time on the index, ms. */
  lastLookupMs(): number | undefined;
}

export interface Knowledge {
  service: KnowledgeService;
  completionDefinitions: CompletionDefinitions;
  /** For Inline Edit (refactors, Quick Fix) and Generate Tests. */
  editDeclarations: DeclarationsSource;
  hooks: KnowledgeHooks;
}

/**
 * The codebase index in VS Code: the service (built after start-up, never during activation),
 * its status bar item, Tandem: Rebuild Codebase Index, and `tandem.knowledge.enabled`. In
 * Restricted Mode it is built too: indexing only reads local files, and what is sent from it
 * passes the same gate as everything else, to the provider the user (not the workspace) chose.
 */
export function registerKnowledge(context: vscode.ExtensionContext, models: ModelService, logger: Logger): Knowledge {
  const storageDir = context.storageUri ?? vscode.Uri.joinPath(context.globalStorageUri, 'no-workspace');
  const service = new KnowledgeService({ storageDir, enabled: () => models.config.knowledge.enabled, ignorePatterns: () => models.config.ignore, logger, startDelayMs });
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
    service, item,
    service.onDidChangeState(show),
    models.onDidChange(() => {
      const nowEnabled = models.config.knowledge.enabled;
      const nowIgnore = JSON.stringify(models.config.ignore);
      if (nowEnabled === enabled && nowIgnore === ignore) return;
      enabled = nowEnabled;
      ignore = nowIgnore;
      service.settingsChanged();
    }),
    vscode.commands.registerCommand(rebuildIndexCommand, async () => {
      const index = await service.rebuild();
      if (!index && service.current.kind === 'off') void vscode.window.showInformationMessage(`Tandem: ${service.current.reason}`);
      return index?.fileCount;
    }),
  );
  service.start();
  const completionDefinitions = new CompletionDefinitions(service);
  return {
    service,
    completionDefinitions,
    editDeclarations: editDeclarations(service, logger),
    hooks: {
      state: () => service.current,
      statusBar: () => ({ text: item.text, tooltip: typeof item.tooltip === 'string' ? item.tooltip : '', visible: statusView(service.current).visible }),
      statusHistory: () => history,
      getIndex: () => service.getIndex(),
      updatedFiles: () => service.updatedFiles,
      watcherEvents: () => service.watcherEvents,
      missedChanges: () => service.missedChanges,
      lastLookupMs: () => completionDefinitions.lastLookupMs,
    },
  };
}
