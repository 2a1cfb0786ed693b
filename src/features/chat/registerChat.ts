import type { ExtraToolProvider } from '../../core/agent';
import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { McpManager } from '../../core/mcp';
import type { WorkspaceIgnore } from '../completions/workspaceIgnore';
import type { WorkspaceKnowledge } from '../knowledge/workspaceKnowledge';
import type { ReviewService } from '../edit/review/reviewApi';
import type { ModelService } from '../models/modelService';
import { registerAgentDocuments } from '../agent/checkpointDocuments';
import type { AgentHooks } from '../agent/registerAgent';
import { parseAskInChatRequest } from './askInChat';
import type { ChatController, ChatSnapshot } from './chatController';
import { ChatViewProvider, chatViewId } from './chatViewProvider';
import { registerChatParticipant } from './host/chatParticipant';
import { registerLanguageModels } from './host/languageModels';

/** What the integration suite may do with the chat panel (through TandemApi.chat). */
export interface ChatHooks {
  /** How many times the page has loaded and asked for its state. */
  pagesLoaded(): Promise<number>;
  /** Handles a message exactly as if the page had sent it (it is validated like one). */
  receive(message: unknown): Promise<void>;
  /** What the page shows, as text. */
  snapshot(): Promise<ChatSnapshot>;
  /** The folder holding this workspace's chat history. */
  historyDir(): string;
  /** Agent mode of the panel. */
  agent(): Promise<AgentHooks>;
  /** Answers the next MCP prompt arguments with these values instead of quick inputs (undefined: cancel); no list asks again. */
  answerMcpArguments(values: Array<string | undefined> | undefined): Promise<void>;
}

/**
 * The chat feature: the Chat view, its commands, the `@tandem` participant and the models for
 * `vscode.lm` (where the host has those APIs). Only the view registration and the commands exist
 * after activation; the controller (history, context, engine) loads when first needed.
 */
export function registerChat(context: vscode.ExtensionContext, models: ModelService, review: ReviewService, ignore: WorkspaceIgnore, logger: Logger, extraTools?: ExtraToolProvider, mcp?: McpManager, knowledge?: WorkspaceKnowledge): ChatHooks {
  const storage = context.storageUri ?? vscode.Uri.joinPath(context.globalStorageUri, 'no-workspace');
  const historyDir = vscode.Uri.joinPath(storage, 'chat').fsPath;
  let controller: Promise<ChatController> | undefined;
  let agentHooks: AgentHooks | undefined;
  // A start failure was already reported (see chat()); the message is dropped.
  const view = new ChatViewProvider(context.extensionUri, (raw) => void chat().then((c) => c.handle(raw), () => undefined));
  const chat = (): Promise<ChatController> => {
    controller ??= (async () => {
      const { ChatController: Controller } = await import('./chatController');
      const { createAgentMode } = await import('../agent/registerAgent');
      const agent = createAgentMode(context, models, logger, (message) => view.post(message), review, extraTools);
      agentHooks = agent.hooks;
      const created = new Controller({ view, models, logger, storageDir: historyDir, review, ignore, agent: agent.handler, ...(mcp ? { mcp } : {}), ...(knowledge ? { knowledge } : {}) });
      context.subscriptions.push(created, agent);
      await created.init();
      return created;
    })().catch((error: unknown) => {
      controller = undefined; // the next use tries again
      logger.error(`chat: could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      void vscode.window.showErrorMessage(`Tandem chat could not start: ${error instanceof Error ? error.message : String(error)} — details in "Tandem: Show Log".`);
      throw error;
    });
    return controller;
  };
  const command = (id: string, run: (c: ChatController, ...args: unknown[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => run(await chat(), ...args));

  context.subscriptions.push(
    view,
    registerAgentDocuments(),
    vscode.window.registerWebviewViewProvider(chatViewId, view),
    command('tandem.openChat', (c) => c.openWithSelection()),
    command('tandem.newChat', async (c) => { await c.session.newChat(); await view.reveal(); }),
    command('tandem.exportChat', (c) => c.exportMarkdown()),
    command('tandem.showConversations', (c) => c.showConversations()),
    // Internal (not in the palette): other features put results and refusals on the Tandem view.
    command('tandem.chat.notice', (c, text) => {
      if (typeof text === 'string' && text.trim()) c.session.notice(text.trim());
    }),
    command('tandem.askInChat', (c, request) => {
      const parsed = parseAskInChatRequest(request);
      if (typeof parsed === 'string') throw new Error(`tandem.askInChat: ${parsed}`);
      return c.ask(parsed);
    }),
  );
  if (vscode.workspace.getConfiguration('tandem').get<boolean>('chat.revealOnStartup') === true) {
    void vscode.commands.executeCommand(`${chatViewId}.focus`);
  }
  for (const registration of [registerChatParticipant(context.extensionUri, models, logger, review), registerLanguageModels(models, logger)]) {
    if (registration) context.subscriptions.push(registration);
  }

  return {
    pagesLoaded: async () => (await chat()).pagesLoaded,
    receive: async (message) => (await chat()).handle(message),
    snapshot: async () => (await chat()).snapshot(),
    historyDir: () => historyDir,
    agent: async () => {
      await chat();
      if (!agentHooks) throw new Error('agent mode did not start');
      return agentHooks;
    },
    answerMcpArguments: async (values) => {
      const created = await chat();
      if (created.mcp) created.mcp.scriptedArguments = values ? [...values] : undefined;
    },
  };
}
