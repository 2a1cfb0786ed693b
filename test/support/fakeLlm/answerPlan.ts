// Turns a scripted reply into what the model "generated" for this request: stop sequences and
// max_tokens applied, tool call ids assigned, finish reason and usage decided. Every wire format
// (chat, completions, infill, streamed or not) renders the same plan, so they always agree.
import type { FakeReply } from './types';
import type { RequestView } from './requestView';
import { estimateChatPromptTokens, estimateTokens, truncateToTokens } from './tokens';

export type FinishReason = 'stop' | 'length' | 'tool_calls';

export interface PlannedToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** Prompt tokens found in the server's prompt cache (only with the cache simulation on). */
  cached_tokens?: number;
}

export interface AnswerPlan {
  text: string;
  toolCalls: PlannedToolCall[];
  finishReason: FinishReason;
  /** The stop sequence that ended the text, if one did (vLLM reports it as `stop_reason`). */
  stoppedBy?: string;
  /** llama.cpp's n_indent or time limit ended the answer (stop_type `limit`). */
  limitStop?: boolean;
  usage: Usage;
}

export function planAnswer(reply: FakeReply, request: RequestView, newToolCallId: () => string): AnswerPlan {
  const scriptedCalls = request.endpoint === 'chat' ? (reply.toolCalls ?? []) : [];
  let toolCalls: PlannedToolCall[] = scriptedCalls.map((call) => ({
    id: call.id ?? newToolCallId(),
    name: call.name,
    arguments: call.arguments,
  }));

  let text = reply.text ?? '';
  let stoppedBy: string | undefined;
  const stop = earliestStop(text, request.stop);
  if (stop !== undefined) {
    text = text.slice(0, stop.index);
    stoppedBy = stop.sequence;
  }

  let truncated = false;
  if (request.maxTokens !== undefined && completionTokens(text, toolCalls) > request.maxTokens) {
    // A model that runs out of tokens never gets to finish its function call.
    text = truncateToTokens(text, request.maxTokens);
    toolCalls = [];
    stoppedBy = undefined;
    truncated = true;
  }

  const finishReason: FinishReason = truncated
    ? 'length'
    : (reply.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'));
  const prompt = reply.usage?.prompt_tokens ?? promptTokens(request);
  const completion = reply.usage?.completion_tokens ?? completionTokens(text, toolCalls);
  return {
    text,
    toolCalls,
    finishReason,
    ...(stoppedBy !== undefined ? { stoppedBy } : {}),
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion },
  };
}

/** The answer when no rule matched: says so plainly, so a failing test explains itself. */
export function noRuleMatchedReply(request: RequestView): FakeReply {
  if (request.endpoint === 'chat') {
    const lastUser = request.lastUser === undefined ? '(no user message)' : `"${clip(request.lastUser, 200)}"`;
    return { text: `[fake-llm] No rule matched this chat request (model "${request.model ?? '?'}"). Last user message: ${lastUser}` };
  }
  const prompt = request.prompt ?? '';
  const tail = prompt.length > 120 ? `…${prompt.slice(-120)}` : prompt;
  return { text: `[fake-llm] No rule matched this completion request (model "${request.model ?? '?'}"). Prompt: "${tail}"` };
}

/** What a streaming fault streams when its rule has no reply: long enough for any afterChunks. */
export const FAULT_FILLER_REPLY: FakeReply = {
  text: Array.from({ length: 40 }, (_, i) => `Filler sentence ${i + 1} of the fake model's interrupted answer. `).join(''),
};

export function promptTokens(request: RequestView): number {
  if (request.endpoint === 'chat') return estimateChatPromptTokens(request.messages);
  if (request.infill) return estimateTokens(request.cacheText);
  return estimateTokens((request.prompt ?? '') + (request.suffix ?? ''));
}

function completionTokens(text: string, toolCalls: readonly PlannedToolCall[]): number {
  return toolCalls.reduce((sum, call) => sum + estimateTokens(call.name) + estimateTokens(call.arguments), estimateTokens(text));
}

function earliestStop(text: string, stops: readonly string[]): { index: number; sequence: string } | undefined {
  let best: { index: number; sequence: string } | undefined;
  for (const sequence of stops) {
    const index = text.indexOf(sequence);
    if (index >= 0 && (best === undefined || index < best.index)) best = { index, sequence };
  }
  return best;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
