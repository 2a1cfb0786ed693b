import { bundleEvaluationStart } from './activationClock';
import * as vscode from 'vscode';
import { redactingLogger } from './core/logger';
import type { TandemConfig } from './core/config';
import { registerChat, type ChatHooks } from './features/chat/registerChat';
import { registerCompletions, type CompletionHooks } from './features/completions/registerCompletions';
import { WorkspaceIgnore } from './features/completions/workspaceIgnore';
import { registerReview, type ReviewHooks } from './features/edit/review/registerReview';
import { registerInlineEdit } from './features/edit/inline/registerInlineEdit';
import { registerKnowledge } from './features/knowledge/registerKnowledge';
import type { KnowledgeHooks } from './features/knowledge/registerKnowledge';
import { registerMcp, type McpHooks } from './features/mcp/registerMcp';
import type { ExtraToolProvider } from './core/agent/tools/extraTools';
import { knowledgeToolsFor } from './features/knowledge/knowledgeAgentTools';
import { HealthMonitor, type Health } from './features/models/healthMonitor';
import { ModelService } from './features/models/modelService';
import { ModelPicker } from './features/models/selectModel';
import { registerSelectProvider } from './features/models/selectProvider';
import { registerCommitMessage } from './features/scm/registerCommitMessage';
import { registerReviewChanges } from './features/review/registerReviewChanges';
import { ModelStatusBar } from './features/models/statusBar';
import { ApiKeyStore } from './features/secrets/apiKeyStore';
import { registerRefactor } from './features/refactor/registerRefactor';
import { registerSetApiKey } from './features/secrets/setApiKeyCommand';
import { SettingsService } from './features/settings/settingsService';
import { registerTests, type TestsHooks } from './features/tests/registerTests';

/** Every module of the bundle has been evaluated once this line runs (it is the entry's body). */
const bundleEvaluationEnd = performance.now();

/** How long after start-up the backend is first checked: never during activation itself. */
const firstHealthCheckDelayMs = 1_500;

/** What activate() returns: read by the integration suite and the activation benchmark. */
export interface TandemApi {
  /** bundleEvaluationMs: evaluating the bundle's modules; activateMs: the activate() call itself. */
  readonly activation: { bundleEvaluationMs: number; activateMs: number };
  config(): TandemConfig;
  configProblemsShown(): readonly string[];
  statusBar(): { text: string; tooltip: string };
  health(): Health;
  checkHealth(): Promise<Health>;
  modelPickerItems(): string[] | undefined;
  modelPickerActiveItem(): string | undefined;
  /** The chat panel, for the integration suite. */
  readonly chat: ChatHooks;
  /** Inline completions, for the integration suite. */
  readonly completions: CompletionHooks;
  /** The diff review of proposed changes, for the integration suite. */
  readonly review: ReviewHooks;
  /** Generate, run and fix tests, for the integration suite. */
  readonly tests: TestsHooks;
  /** The window's MCP servers (the view, the agent's MCP tools), for the integration suite. */
  readonly mcp: McpHooks;
  /** The codebase index (status, the index itself for the agent's tools), for the integration suite. */
  readonly knowledge: KnowledgeHooks;
}

export function activate(context: vscode.ExtensionContext): TandemApi {
  const activateStart = performance.now();
  const channel = vscode.window.createOutputChannel('Tandem', { log: true });
  const keys = new ApiKeyStore(context.secrets);
  const logger = redactingLogger(channel, () => keys.knownKeys());
  const settings = new SettingsService(logger);
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0');
  const models = new ModelService(settings, keys, logger, `Tandem/${version}`);
  const health = new HealthMonitor(models, firstHealthCheckDelayMs);
  const statusBar = new ModelStatusBar(models, health);
  const picker = new ModelPicker(models);

  context.subscriptions.push(
    channel, keys, settings, models, health, statusBar,
    ...picker.register(),
    registerSelectProvider(settings),
    registerSetApiKey(settings, keys),
    vscode.commands.registerCommand('tandem.showLog', () => channel.show()),
    registerCommitMessage(models, logger),
  );
  health.schedule();
  const review = registerReview(context, logger);
  const knowledge = registerKnowledge(context, models, logger);
  const inlineEdit = registerInlineEdit(context, models, review.service, logger, knowledge.editDeclarations);
  registerRefactor(context, inlineEdit, logger);
  // One reading of tandem.ignore and the .gitignore files for the chat and completions.
  const workspaceIgnore = new WorkspaceIgnore(logger, () => models.config.ignore);
  context.subscriptions.push(workspaceIgnore);
  const mcp = registerMcp(context, logger, version);
  const knowledgeTools = knowledgeToolsFor({ getIndex: async () => knowledge.workspace.first()?.getIndex() });
  // The MCP tools' code (and the engine it pulls in) loads with the first agent task, not at activation.
  const agentTools: ExtraToolProvider = async (signal) => {
    const [{ mcpToolProvider }, { joinToolProviders }] = await Promise.all([import('./core/mcp/agentTools'), import('./core/agent/tools/extraTools')]);
    return joinToolProviders(mcpToolProvider(mcp.manager), knowledgeTools)(signal);
  };
  const chat = registerChat(context, models, review.service, workspaceIgnore, logger, agentTools, mcp.manager, knowledge.workspace);
  const completions = registerCompletions(context, models, workspaceIgnore, logger, knowledge.completionDefinitions);
  const tests = registerTests(context, models, review.service, logger, knowledge.editDeclarations);
  registerReviewChanges(context, models, review.service, logger);

  const activation = { bundleEvaluationMs: bundleEvaluationEnd - bundleEvaluationStart, activateMs: performance.now() - activateStart };
  logger.info(`Tandem ${version} activated in ${activation.activateMs.toFixed(1)} ms (bundle evaluated in ${activation.bundleEvaluationMs.toFixed(1)} ms); provider ${settings.current.provider.id} at ${settings.current.provider.baseUrl}`);
  return {
    activation,
    config: () => settings.current,
    configProblemsShown: () => settings.problemsShown,
    statusBar: () => ({ text: statusBar.text, tooltip: statusBar.tooltip }),
    health: () => health.current,
    checkHealth: () => health.check(),
    modelPickerItems: () => picker.visibleItems(),
    modelPickerActiveItem: () => picker.activeItem(),
    chat,
    completions,
    review: review.hooks,
    tests,
    mcp,
    knowledge: knowledge.hooks,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
