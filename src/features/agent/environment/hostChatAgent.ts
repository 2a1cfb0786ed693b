import path from 'node:path';
import * as vscode from 'vscode';
import { readAgentRules, runAgent, TaskBusy, TaskNotFound, TaskStore, tandemHome, type AgentEvent, type Approver, type TaskRecord } from '../../../core/agent';
import { nodeOutboundGate } from '../../../core/context';
import type { Logger } from '../../../core/logger';
import type { HostChatContext, HostChatRequest, HostChatResponseStream, HostChatResult } from '../../chat/host/hostApi';
import type { ReviewService } from '../../edit/review/reviewApi';
import type { ModelService } from '../../models/modelService';
import { createVsCodeToolEnvironment } from './index';

export interface HostChatAgentDeps {
  models: ModelService;
  review: ReviewService;
  logger: Logger;
  participantId: string;
}

/** Diffs shown in the Chat view are cut here; the review has the whole change. */
const maxDiffChars = 4_000;

/**
 * `@tandem /agent <task>` in the host's Chat view: the same agent as the panel and the CLI (the
 * same task store, so `tandem agent --continue <id>` picks a task up too). Progress and each
 * step's result are streamed; edits go through Tandem's review; commands run in the "Tandem
 * Agent" terminal. Approvals are modal dialogs: the Chat view's confirmation buttons do not
 * answer within the request (a click starts a new one), while a step waits for its answer.
 * A follow-up `/agent` message in the same conversation continues the same task.
 */
export async function runHostChatAgent(request: HostChatRequest, context: HostChatContext, stream: HostChatResponseStream, token: vscode.CancellationToken, deps: HostChatAgentDeps): Promise<HostChatResult> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    stream.markdown('The agent works in a folder on disk: open a folder first.');
    return {};
  }
  const task = request.prompt.trim();
  if (!task) {
    stream.markdown('Say what the agent should do, e.g. `@tandem /agent make the failing test in src/cart.test.ts pass`.');
    return {};
  }
  const root = folder.uri.fsPath;
  const store = new TaskStore(tandemHome());
  const previous = previousTaskId(context, deps.participantId);
  let record: TaskRecord;
  try {
    const loaded = previous ? await store.load(previous) : undefined;
    // A follow-up continues the task, unless the conversation's task was in another folder.
    record = loaded && path.resolve(loaded.workspaceRoot) === path.resolve(root) ? loaded : store.create({ workspaceRoot: root, workingFolder: root, task });
  } catch (error) {
    if (!(error instanceof TaskNotFound)) throw error;
    record = store.create({ workspaceRoot: root, workingFolder: root, task });
  }
  let unlock: () => Promise<void>;
  try {
    unlock = await store.lock(record.id);
  } catch (error) {
    if (error instanceof TaskBusy) return { errorDetails: { message: error.message } };
    throw error;
  }
  const controller = new AbortController();
  const cancel = token.onCancellationRequested(() => controller.abort());
  let environment: { dispose(): void } | undefined;
  try {
    const config = deps.models.config;
    const client = await deps.models.getClient();
    const gate = await nodeOutboundGate(root, config.ignore);
    const created = await createVsCodeToolEnvironment({
      root, gate, taskDir: store.taskDir(record.id), allowed: config.agent.allowedCommands, approver: modalApprover,
      autoEdit: false, testsCommand: config.tests.command, readOnly: !vscode.workspace.isTrusted, review: deps.review,
    });
    environment = created;
    if (!vscode.workspace.isTrusted) stream.markdown('> This folder is not trusted (Restricted Mode): the agent can only read.\n\n');
    const outcome = await runAgent({
      stream: (r) => client.streamChat(r), env: created.env, store, record, emit: renderTo(stream), signal: controller.signal,
      contextWindow: client.provider.contextWindow, protocol: client.provider.toolProtocol ?? 'auto',
      limits: { maxSteps: config.agent.maxSteps, tokenBudget: config.agent.tokenBudget, maxRepeats: 3, maxConsecutiveErrors: 3 },
      rules: await readAgentRules(root, record.workingFolder, gate), workspaceName: path.basename(root),
    }, task);
    if (outcome.reason !== 'finished') stream.markdown(`\n\n**${escapeMarkdown(outcome.message)}**`);
    return { metadata: { agentTaskId: record.id } };
  } catch (error) {
    deps.logger.warn(`@tandem /agent: ${error instanceof Error ? error.message : String(error)}`);
    return { errorDetails: { message: error instanceof Error ? error.message : String(error) }, metadata: { agentTaskId: record.id } };
  } finally {
    cancel.dispose();
    environment?.dispose();
    await unlock();
  }
}

/** The task of the latest /agent answer in this conversation, so a follow-up continues it. */
function previousTaskId(context: HostChatContext, participantId: string): string | undefined {
  for (let i = context.history.length - 1; i >= 0; i--) {
    const turn = context.history[i];
    if (turn?.participant !== participantId || !turn.result) continue;
    const id = (turn.result.metadata as { agentTaskId?: unknown } | undefined)?.agentTaskId;
    if (typeof id === 'string' && /^[\w.-]+$/.test(id)) return id;
  }
  return undefined;
}

/** Streams the agent's events: progress, its answers, one line per tool result, diffs of edits. */
function renderTo(stream: HostChatResponseStream): (event: AgentEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'progress': stream.progress(event.message); break;
      case 'assistant': stream.markdown(`${event.text.trim()}\n\n`); break;
      case 'toolResult': {
        const mark = event.ok ? '✓' : event.refused ? '⊘' : '✗';
        stream.markdown(`${mark} ${escapeMarkdown(event.summary)}\n\n`);
        if (event.diff) {
          const diff = event.diff.length > maxDiffChars ? `${event.diff.slice(0, maxDiffChars)}\n… (cut; the whole change is in the review)` : event.diff;
          stream.markdown(`${fence(diff, 'diff')}\n\n`);
        }
        break;
      }
      case 'protocol': stream.markdown(`> ${escapeMarkdown(event.reason)}\n\n`); break;
      case 'summary': {
        const { filesChanged, commandsRun, steps } = event.summary;
        if (filesChanged.length || commandsRun.length) {
          stream.markdown(`\n---\n${steps} step${steps === 1 ? '' : 's'}${filesChanged.length ? ` · changed ${filesChanged.map((f) => `\`${f.replace(/`/g, "'")}\``).join(', ')}` : ''}${commandsRun.length ? ` · ran ${commandsRun.length} command${commandsRun.length === 1 ? '' : 's'}` : ''}\n`);
        }
        break;
      }
      default: break;
    }
  };
}

/** A modal question: the command (or file) and why; destructive commands say so. */
const modalApprover: Approver = async (request) => {
  const yes = request.kind === 'command' ? 'Run' : 'Apply';
  const message = request.kind === 'command' ? `Tandem's agent wants to run: ${request.subject}` : `Tandem's agent wants to change ${request.subject}`;
  const detail = `${request.destructive ? 'This command is destructive.\n' : ''}${request.kind === 'command' ? request.detail : request.detail.slice(0, 2_000)}`;
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, yes);
  return answer === yes;
};

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, '\\$&');
}

/** A fenced block that model text cannot close early. */
function fence(text: string, language: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${language}\n${text}\n${ticks}`;
}
