import type { ExtraToolProvider } from '../../core/agent';
import type { ReviewService } from '../edit/review/reviewApi';
import * as vscode from 'vscode';
import { TaskStore, tandemHome } from '../../core/agent';
import type { Logger } from '../../core/logger';
import type { ExtensionMessage } from '../../core/protocol';
import type { ModelService } from '../models/modelService';
import { AgentPanel, type AgentWebviewMessage } from './agentPanel';

/** What the chat controller needs of agent mode. */
export interface AgentHandler {
  ready(): void;
  stop(): void;
  handle(message: AgentWebviewMessage): Promise<void>;
}

/** What the integration suite may do with agent mode (through TandemApi.chat.agent). */
export interface AgentHooks {
  state(): { taskId: string | undefined; running: boolean; pendingApproval: string | undefined };
  /** Resolves when the running task ends. */
  settled(): Promise<void>;
  /** Answers the next modal confirmations (restore, undo) with this instead of asking; undefined asks again. */
  answerConfirmations(answer: boolean | undefined): void;
  /** Drops the panel (stopping its run) and builds a new one from what is on disk, as a window reload does. */
  reopen(): Promise<void>;
}

/** Builds agent mode for the chat panel; `post` reaches the page. */
export function createAgentMode(context: vscode.ExtensionContext, models: ModelService, logger: Logger, post: (message: ExtensionMessage) => void, review: ReviewService, extraTools?: ExtraToolProvider): { handler: AgentHandler; hooks: AgentHooks; dispose(): void } {
  let confirmAnswer: boolean | undefined;
  let current: AgentPanel | undefined;
  const build = async (): Promise<AgentPanel> => {
    const created = new AgentPanel({
      post, models, logger, review, extraTools, state: context.workspaceState, store: new TaskStore(tandemHome()),
      root: () => vscode.workspace.workspaceFolders?.[0]?.uri.scheme === 'file' ? vscode.workspace.workspaceFolders[0].uri.fsPath : undefined,
      isTrusted: () => vscode.workspace.isTrusted,
      confirm: async (message, detail, action) => {
        if (confirmAnswer !== undefined) return confirmAnswer;
        return (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action;
      },
    });
    await created.init();
    current = created;
    return created;
  };
  let panel = build();
  const handler: AgentHandler = {
    ready: () => void panel.then((p) => p.ready()),
    stop: () => void panel.then((p) => p.stop()),
    handle: async (message) => (await panel).handle(message),
  };
  const hooks: AgentHooks = {
    state: () => ({ taskId: current?.taskId, running: current?.running ?? false, pendingApproval: current?.pendingApproval }),
    settled: async () => (await panel).settled(),
    answerConfirmations: (answer) => { confirmAnswer = answer; },
    reopen: async () => {
      const old = await panel;
      old.dispose();
      await old.settled();
      panel = build();
      (await panel).ready();
    },
  };
  return { handler, hooks, dispose: () => void panel.then((p) => p.dispose()) };
}
