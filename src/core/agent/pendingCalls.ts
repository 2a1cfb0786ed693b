import type { ChatMessage } from '../llm';
import type { Bounds, BoundHit } from './bounds';
import { cutToBudget, textToolResultMark } from './contextBudget';
import type { PendingTurn, TaskRecord } from './taskStore';
import { toolSpecs, validateArguments, type ToolArgs, type ToolSpec } from './tools/definitions';
import type { ToolEnvironment } from './tools/environment';
import { runExtraTool, validateExtraArguments, type ExtraTool } from './tools/extraTools';
import { commandTools, runTool } from './tools/toolbox';
import { failed } from './tools/toolResult';
import type { AgentEventSink, AgentToolCall, ToolOutcome } from './types';

export interface CallRunnerDeps {
  env: ToolEnvironment;
  tools: readonly ToolSpec[];
  /** Tools from outside the engine (MCP): run by their own `run`, validated by their schema. */
  extraTools: readonly ExtraTool[];
  bounds: Bounds;
  record: TaskRecord;
  save: () => Promise<void>;
  emit: AgentEventSink;
  signal: AbortSignal;
  resultBudget: number;
}

/**
 * Runs the calls of the pending turn that have no recorded result yet, saving after each one.
 * A call recorded as started but without a result (a kill while its command ran) is not run
 * again: the model is told its outcome is unknown. Returns the bound that stopped the task, if any.
 */
export async function runPendingCalls(deps: CallRunnerDeps): Promise<BoundHit | 'cancelled' | undefined> {
  const pending = deps.record.pending as PendingTurn;
  for (const call of pending.calls) {
    const recorded = pending.results[call.id];
    if (recorded) {
      // Done before the task was resumed: its recorded result is reused, the call is not run again.
      const { outcome } = recorded;
      deps.emit({ type: 'toolResult', step: pending.step, id: call.id, name: call.name || '(unreadable call)', ok: outcome.ok, refused: outcome.refused === true, summary: outcome.summary, durationMs: 0, reused: true });
      continue;
    }
    if (deps.signal.aborted) return 'cancelled';
    let outcome: ToolOutcome;
    let hit: BoundHit | undefined;
    const started = performance.now();
    if (pending.started.includes(call.id)) {
      outcome = failed(`${call.name} was interrupted when the task stopped; its outcome is unknown and it was not run again. Check its effects (git_status, read_file) before running it again.`, `${call.name} was interrupted; not run again`);
    } else if (call.error !== undefined) {
      outcome = failed(call.error, 'the model wrote a tool call that could not be read');
    } else {
      const extra = deps.extraTools.find((tool) => tool.name === call.name);
      const validated = extra ? validateExtraArguments(extra, call.arguments) : validateArguments(call.name, call.arguments, deps.tools);
      if (!validated.ok) {
        outcome = failed(validated.error, `invalid call: ${validated.error.split('. Example')[0]}`);
      } else {
        deps.emit({ type: 'toolCall', step: pending.step, id: call.id, name: call.name, arguments: validated.args });
        hit = deps.bounds.beforeCall(call.name, validated.args);
        // The turn is on disk before anything changes: a resume never asks the model again and redoes it.
        if (!hit && !isReadOnly(deps, call.name)) await deps.save();
        const ctx = {
          step: pending.step, signal: deps.signal, resultBudget: deps.resultBudget,
          progress: (message: string) => deps.emit({ type: 'progress', step: pending.step, message }),
          output: (text: string) => deps.emit({ type: 'output', step: pending.step, id: call.id, text }),
        };
        const markStarted = async () => {
          pending.started.push(call.id);
          await deps.save();
        };
        outcome = hit
          ? failed(`Not run: ${hit.message}.`)
          : extra
            ? await runExtraTool(extra, validated.args, ctx, deps.env, markStarted)
            : await runTool(deps.env, call.name, validated.args as ToolArgs, ctx, async () => {
              if (commandTools.has(call.name)) await markStarted();
            });
      }
    }
    const durationMs = performance.now() - started;
    record(deps, call, outcome);
    // A read that is lost in a crash is simply read again; anything that changed files or ran a
    // command is saved before the next call, so a resume never does it twice.
    if (!isReadOnly(deps, call.name) || outcome.filesChanged?.length || outcome.command) await deps.save();
    deps.emit({
      type: 'toolResult', step: pending.step, id: call.id, name: call.name || '(unreadable call)', ok: outcome.ok, refused: outcome.refused === true,
      summary: outcome.summary, durationMs: Math.round(durationMs * 100) / 100, ...(outcome.diff ? { diff: outcome.diff } : {}),
    });
    if (hit) return hit;
    if (deps.signal.aborted) return 'cancelled';
    const errors = deps.bounds.afterResult(outcome.ok);
    if (errors) return errors;
  }
  return undefined;
}

function isReadOnly(deps: CallRunnerDeps, name: string): boolean {
  return readOnlyTools.has(name) || deps.extraTools.some((tool) => tool.name === name && tool.readOnly);
}

const readOnlyTools: ReadonlySet<string> = new Set(toolSpecs.filter((s) => s.readOnly).map((s) => s.name));

function record(deps: CallRunnerDeps, call: AgentToolCall, outcome: ToolOutcome): void {
  const { record: task } = deps;
  const content = cutToBudget(deps.env.gate.redact(outcome.content).text, deps.resultBudget);
  (task.pending as PendingTurn).results[call.id] = { outcome: { ...outcome, content } };
  for (const file of outcome.filesChanged ?? []) if (!task.filesChanged.includes(file)) task.filesChanged.push(file);
  if (outcome.command) task.commandsRun.push({ command: outcome.command.command, exitCode: outcome.command.exitCode });
  if (!outcome.ok) task.lastFailures = [...(task.lastFailures ?? []), `${call.name || 'tool call'}: ${outcome.summary}`].slice(-3);
}

/**
 * Moves the pending turn's results into the transcript (tool messages for native calls, one user
 * message for the text protocol); calls without a result are answered "not run" so the
 * conversation stays well-formed for the next run.
 */
export function closePendingTurn(task: TaskRecord, why: string): void {
  const pending = task.pending;
  if (!pending) return;
  const resultOf = (call: AgentToolCall) => pending.results[call.id]?.outcome ?? failed(`Not run: ${why}.`);
  if (pending.via === 'native') {
    for (const call of pending.calls) task.messages.push({ role: 'tool', tool_call_id: call.id, content: resultOf(call).content });
  } else {
    const parts = pending.calls.map((call) => {
      const outcome = resultOf(call);
      return `${textToolResultMark} ${call.name || '(unreadable call)'}: ${outcome.ok ? 'ok' : 'error'}]\n${outcome.content}`;
    });
    task.messages.push({ role: 'user', content: parts.join('\n\n') } satisfies ChatMessage);
  }
  task.pending = undefined;
}
