import { isLlmError, type ChatMessage } from '../llm';
import { Bounds, type BoundHit, type BoundLimits } from './bounds';
import { condenseIfNeeded, toolResultBudget } from './contextBudget';
import { runModelTurn, rejectsNativeTools, type ChatStreamer } from './modelTurn';
import { closePendingTurn, runPendingCalls } from './pendingCalls';
import { buildSystemPrompt } from './prompt';
import type { RulesFile } from './rulesFiles';
import type { TaskRecord, TaskStore } from './taskStore';
import { nativeToolDefinitions, offeredTools, toolSpecs } from './tools/definitions';
import type { ToolEnvironment } from './tools/environment';
import { extraToolDefinitions, loadExtraTools } from './tools/extraTools';
import type { AgentEventSink, BoundName, StopReason, TaskSummary } from './types';

export interface AgentRunOptions {
  stream: ChatStreamer;
  /** The model id (default: the provider's chat model). */
  model?: string;
  env: ToolEnvironment;
  store: TaskStore;
  /** A new task (TaskStore.create) or a saved one (TaskStore.load). */
  record: TaskRecord;
  emit: AgentEventSink;
  signal: AbortSignal;
  limits: BoundLimits;
  contextWindow: number;
  /** auto: native tool calls, switching to the text protocol when the server rejects `tools`. */
  protocol: 'auto' | 'native' | 'text';
  rules: readonly RulesFile[];
  workspaceName: string;
}

export interface AgentOutcome {
  reason: StopReason;
  bound?: BoundName;
  message: string;
  summary: TaskSummary;
  /** What stopped a task with reason 'error' (e.g. an LlmError), so a front can add its own advice. */
  error?: unknown;
}

/**
 * Runs a task until the model answers without a tool call, a bound stops it, the user cancels, or
 * the model server fails. `message` is the user's message (the task, or a follow-up); without one
 * a saved task resumes where it stopped. The record is saved after every model turn and every
 * call that changed something, before a command starts, and at the end, so a kill at any point loses nothing and re-runs no command.
 */
export async function runAgent(options: AgentRunOptions, message?: string): Promise<AgentOutcome> {
  const { record, emit, signal, env } = options;
  const resumed = record.messages.length > 0;
  emit({ type: 'task', taskId: record.id, ...(resumed ? { resumed: true } : {}) });
  record.totalSteps ??= record.bounds.steps;
  const bounds = new Bounds(options.limits, record.bounds);
  // A task that ended properly starts a fresh run; one killed mid-run continues with its counts.
  if (record.status !== 'running') bounds.startRun();
  const saves = new SaveQueue(() => options.store.save(record));
  const save = () => saves.now();
  const tools = offeredTools(env.readOnly, { problems: env.problems !== undefined });
  const resultBudget = toolResultBudget(options.contextWindow);
  const env2: ToolEnvironment = { ...env, approver: env.approver && withApprovalEvents(env.approver, emit, () => record.totalSteps) };

  const stop = async (reason: StopReason, text: string, bound?: BoundName): Promise<AgentOutcome> => {
    closePendingTurn(record, reason === 'cancelled' ? 'the task was cancelled' : text);
    record.status = reason;
    record.stopMessage = text;
    const summary = summarize(record, bounds);
    const full = reason === 'finished' ? text : `${text.replace(/[.!]?\s*$/, '.')} ${describeWork(summary)}`;
    await save();
    emit({ type: 'stop', reason, ...(bound ? { bound } : {}), message: full });
    emit({ type: 'summary', summary });
    return { reason, ...(bound ? { bound } : {}), message: full, summary };
  };
  const boundStop = (hit: BoundHit) => stop('bound', `Stopped: ${hit.message}`, hit.bound);

  record.status = 'running';
  if (message !== undefined) {
    if (record.pending) closePendingTurn(record, 'the user sent a new message');
    // A key pasted into the task is no more the model's business than one in a file.
    const redacted = env.gate.redact(message);
    if (redacted.count > 0) emit({ type: 'notice', message: `${redacted.count} secret${redacted.count === 1 ? '' : 's'} in your message ${redacted.count === 1 ? 'was' : 'were'} redacted before sending.` });
    record.messages.push({ role: 'user', content: redacted.text });
  }
  await save();

  try {
    for (;;) {
      if (signal.aborted) return await stop('cancelled', 'Cancelled');
      const extraTools = await loadExtraTools(env, builtInNames, signal);
      if (record.pending) {
        const hit = await runPendingCalls({ env: env2, tools, extraTools, bounds, record, save, emit, signal, resultBudget });
        if (hit === 'cancelled') return await stop('cancelled', 'Cancelled');
        if (hit) return await boundStop(hit);
        // Saved with the next turn: until then the results are in the saved pending turn.
        closePendingTurn(record, 'done');
      }
      const before = bounds.beforeStep();
      if (before) return await boundStop(before);
      bounds.startStep();
      const step = ++record.totalSteps;
      emit({ type: 'step', step });
      emit({ type: 'progress', step, message: 'waiting for the model' });

      const protocol = record.protocol ?? (options.protocol === 'text' ? 'text' : 'native');
      const system = buildSystemPrompt({
        protocol, tools, extraTools, rules: options.rules, workspaceName: options.workspaceName, platform: process.platform,
        readOnly: env.readOnly, editsNeedApproval: !env.autoEdit,
      });
      const reserve = Math.min(4_096, Math.floor(options.contextWindow / 4));
      const condensed = condenseIfNeeded(record.messages, options.contextWindow - Math.ceil(system.length / 4), reserve, {
        task: record.task, filesTouched: record.filesChanged, lastFailures: record.lastFailures ?? [],
      });
      if (condensed.condensed > 0) {
        record.messages = condensed.messages;
        emit({ type: 'condensed', step, results: condensed.condensed, tokensBefore: condensed.tokensBefore, tokensAfter: condensed.tokensAfter });
      }
      const messages: ChatMessage[] = [{ role: 'system', content: system }, ...record.messages];
      let turn;
      try {
        turn = await runModelTurn({
          stream: options.stream, ...(options.model ? { model: options.model } : {}), messages, protocol, tools,
          nativeTools: [...nativeToolDefinitions(tools), ...extraToolDefinitions(extraTools)], step, signal, onText: (text) => emit({ type: 'text', step, text }),
        });
      } catch (error) {
        if (protocol === 'native' && options.protocol === 'auto' && !record.protocol && rejectsNativeTools(error)) {
          record.protocol = 'text';
          bounds.state.steps--;
          record.totalSteps--;
          emit({ type: 'protocol', protocol: 'text', reason: 'the model server does not accept the tools parameter; tools are described in the prompt instead' });
          continue;
        }
        throw error;
      }
      record.protocol ??= protocol;
      record.messages.push(turn.message);
      const tokens = bounds.addTokens(turn.tokensIn, turn.tokensOut);
      if (turn.text.trim()) emit({ type: 'assistant', step, text: turn.text });
      if (turn.calls.length === 0) {
        await save();
        if (turn.finishReason === 'length') return await stop('model', 'Stopped: the model\'s reply was cut off (it reached its output token limit)');
        return await stop('finished', turn.text.trim() || 'Done.');
      }
      record.pending = { step, calls: turn.calls, via: turn.via, results: {}, started: [] };
      // Saved while read-only tools run (a write or a command waits for it first); a crash before
      // it lands costs one model turn again, never a command or an edit twice.
      saves.soon();
      if (tokens) return await boundStop(tokens);
    }
  } catch (error) {
    if (signal.aborted || isLlmError(error, 'cancelled')) return await stop('cancelled', 'Cancelled');
    const outcome = await stop('error', `Stopped: ${isLlmError(error) ? error.message : error instanceof Error ? error.message : String(error)}`);
    return { ...outcome, error };
  }
}

const builtInNames: ReadonlySet<string> = new Set(toolSpecs.map((spec) => spec.name));

/** Saves one after another; `soon` does not wait, `now` waits for every save before it too. */
class SaveQueue {
  private last: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(private readonly write: () => Promise<void>) {}

  soon(): void {
    this.last = this.last.then(this.write).catch((error: unknown) => {
      this.failure ??= error;
    });
  }

  async now(): Promise<void> {
    this.soon();
    await this.last;
    if (this.failure !== undefined) {
      const failure = this.failure;
      this.failure = undefined;
      throw failure;
    }
  }
}

function withApprovalEvents(approver: NonNullable<ToolEnvironment['approver']>, emit: AgentEventSink, step: () => number): NonNullable<ToolEnvironment['approver']> {
  return async (request) => {
    const approved = await approver(request);
    emit({ type: 'approval', step: step(), kind: request.kind, subject: request.subject, approved, reason: request.detail.split('\n', 1)[0] ?? '' });
    return approved;
  };
}

function summarize(record: TaskRecord, bounds: Bounds): TaskSummary {
  return {
    steps: bounds.state.steps,
    filesChanged: [...record.filesChanged],
    commandsRun: [...record.commandsRun],
    tokens: { input: record.bounds.tokensIn, output: record.bounds.tokensOut },
  };
}

/** "So far: changed a.ts, b.ts; ran npm test (exit 1)." — what a stop message says was done. */
export function describeWork(summary: TaskSummary): string {
  const files = summary.filesChanged.length ? `changed ${summary.filesChanged.join(', ')}` : 'changed no files';
  const commands = summary.commandsRun.length
    ? `ran ${summary.commandsRun.map((c) => `${c.command} (exit ${c.exitCode ?? '-'})`).join(', ')}`
    : 'ran no commands';
  return `So far the agent ${files} and ${commands}, in ${summary.steps} step${summary.steps === 1 ? '' : 's'}.`;
}
