import path from 'node:path';
import { readAgentRules, runAgent, type ExtraToolProvider, type AgentEventSink, type AgentOutcome, type Approver, type TaskRecord, type TaskStore } from '../../core/agent';
import { nodeOutboundGate } from '../../core/context';
import type { ReviewService } from '../edit/review/reviewApi';
import type { ModelService } from '../models/modelService';
import type { AgentPanelSettings } from './agentSettings';
import { withCommandLists } from './commandLists';
import { createVsCodeToolEnvironment } from './environment';

export interface TaskRunInput {
  models: ModelService;
  review: ReviewService;
  extraTools?: ExtraToolProvider;
  store: TaskStore;
  record: TaskRecord;
  settings: AgentPanelSettings;
  /** Restricted Mode: read-only tools only. */
  readOnly: boolean;
  approver: Approver;
  emit: AgentEventSink;
  signal: AbortSignal;
  maxSteps: number;
  tokenBudget: number;
  /** A new task or a follow-up; none resumes the task where it stopped. */
  message: string | undefined;
}

/** One run of a task in the workspace: the engine over the VS Code tool environment, with the task locked meanwhile. */
export async function runTaskOnce(input: TaskRunInput): Promise<AgentOutcome> {
  const { record, settings, models } = input;
  const root = record.workspaceRoot;
  const config = models.config;
  const client = await models.getClient();
  const gate = await nodeOutboundGate(root, config.ignore);
  const unlock = await input.store.lock(record.id);
  const created = await createVsCodeToolEnvironment({
    root, gate, taskDir: input.store.taskDir(record.id), allowed: settings.allowedCommands, approver: input.approver,
    autoEdit: settings.autoApplyEdits, testsCommand: settings.testsCommand, readOnly: input.readOnly, review: input.review,
  });
  try {
    const env = withCommandLists({ ...created.env, ...(input.extraTools ? { extraTools: input.extraTools } : {}) }, settings);
    const rules = await readAgentRules(root, record.workingFolder, gate);
    return await runAgent({
      stream: (request) => client.streamChat(request), env, store: input.store, record, emit: input.emit, signal: input.signal,
      contextWindow: config.provider.contextWindow, protocol: config.provider.toolProtocol ?? 'auto',
      limits: { maxSteps: input.maxSteps, tokenBudget: input.tokenBudget, maxRepeats: 3, maxConsecutiveErrors: 3 },
      rules, workspaceName: path.basename(root),
    }, input.message);
  } finally {
    created.dispose();
    await unlock();
  }
}
