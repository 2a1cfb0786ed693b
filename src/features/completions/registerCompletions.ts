import * as vscode from 'vscode';
import type { CompletionItem, CompletionStatsSnapshot } from '../../core/completion';
import type { RelatedContextSource } from '../../core/context';
// stats.ts alone (small): the rest of the pipeline loads with the engine, on first use.
import { CompletionStats } from '../../core/completion/stats';
import type { Logger } from '../../core/logger';
import type { ModelService } from '../models/modelService';
import { CompletionGate } from './completionGate';
import { EditorRelatedFiles } from './editorRelatedFiles';
import { CompletionEngineHost } from './engineHost';
import { acceptedCommand, TandemInlineCompletionProvider, type ProviderCall } from './inlineProvider';
import { CompletionServerState } from './serverState';
import { CompletionsStatusBar, toggleCommand, type CompletionsStatusView } from './statusBar';
import { StatsDocument, statsScheme } from './statsDocument';
import { renderStatsReport } from './statsReport';
import { showToggleMenu } from './toggleMenu';
import type { WorkspaceIgnore } from './workspaceIgnore';

export const statsCommand = 'tandem.showCompletionStats';

/** What the integration suite may read of inline completions (through TandemApi.completions). */
export interface CompletionHooks {
  statusBar(): CompletionsStatusView;
  stats(): CompletionStatsSnapshot;
  /** The provider's latest calls, oldest first. */
  calls(): readonly ProviderCall[];
}

/**
 * Inline completions: the provider for every language, the status bar item, the toggle menu and
 * the stats page. Activation only registers them; the engine is built on the first request.
 */
/** `definitions`: cross-file definitions for the cursor (the codebase index), when there is one. */
export function registerCompletions(context: vscode.ExtensionContext, models: ModelService, ignore: WorkspaceIgnore, logger: Logger, definitions?: Required<Pick<RelatedContextSource, 'definitions'>>): CompletionHooks {
  const stats = new CompletionStats(); // outlives engine rebuilds
  const gate = new CompletionGate(() => models.config.completions);
  const server = new CompletionServerState(logger);
  const related = new EditorRelatedFiles(ignore);
  const source: RelatedContextSource = definitions ? { relatedFiles: (q, s) => related.relatedFiles(q, s), definitions: (q, s) => definitions.definitions(q, s) } : related;
  const host = new CompletionEngineHost({ models, stats, related: source, ignore, server, logger });
  const provider = new TandemInlineCompletionProvider(gate, host, logger);
  const statusBar = new CompletionsStatusBar(gate, server);
  const statsPage = new StatsDocument(() => renderStatsReport(stats.snapshot(), {
    model: models.config.provider.models.completion, provider: models.config.provider.label, strategy: host.strategy,
  }));

  context.subscriptions.push(
    gate, server, related, host, statusBar, statsPage,
    models.onDidChange(() => gate.settingsChanged()),
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    vscode.workspace.registerTextDocumentContentProvider(statsScheme, statsPage),
    vscode.commands.registerCommand(toggleCommand, () => showToggleMenu(gate, statsCommand)),
    vscode.commands.registerCommand(statsCommand, () => statsPage.show()),
    vscode.commands.registerCommand(acceptedCommand, (item?: CompletionItem) => {
      if (item) void host.get().then((engine) => engine.accepted(item), () => undefined);
    }),
  );
  return { statusBar: () => statusBar.view, stats: () => stats.snapshot(), calls: () => provider.recentCalls };
}
