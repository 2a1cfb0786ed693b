import type { ProviderConfig } from '../config';
import type { LlmError } from './errors';
import type { Tally } from './tally';
import type { ModelRole, RequestPurpose } from './types';

/**
 * Output tokens each job may ask for when its caller names no figure. Every request carries a
 * bound: without one a server may generate until its context is full, or forever.
 */
const outputTokensByPurpose: Record<Exclude<RequestPurpose, 'edit'>, number> = {
  completion: 256,
  commitMessage: 512,
  chat: 8192,
  tests: 8192,
};

/** An edit rewrites text that is in its prompt: room for it twice over, within these bounds. */
const editOutputTokens = { min: 2048, max: 32_768 };

/** Below this a bound is useless; a prompt that leaves less room fails on the server anyway. */
const minimumOutputTokens = 256;

export function purposeOf(purpose: RequestPurpose | undefined, role: ModelRole | undefined): RequestPurpose {
  return purpose ?? (role === 'edit' ? 'edit' : role === 'completion' ? 'completion' : 'chat');
}

/**
 * The output tokens to ask for: the caller's figure, else the job's default, never more than the
 * context window leaves after the prompt (vLLM rejects prompt + max_tokens over its window).
 */
export function outputTokenBound(request: { maxTokens?: number; purpose?: RequestPurpose; role?: ModelRole }, promptTokens: number, contextWindow: number): number {
  const purpose = purposeOf(request.purpose, request.role);
  const wanted = request.maxTokens
    ?? (purpose === 'edit' ? Math.min(editOutputTokens.max, Math.max(editOutputTokens.min, promptTokens * 2)) : outputTokensByPurpose[purpose]);
  const room = contextWindow - promptTokens - 16;
  return Math.max(Math.min(wanted, minimumOutputTokens), Math.min(wanted, room));
}

/**
 * Characters of answer past which a server is ignoring the token bound it was sent: far more
 * than any tokenizer packs into that many tokens (code averages about 4 characters per token).
 * The client stops reading there and closes the connection.
 */
export function outputCharLimit(maxTokens: number): number {
  return maxTokens * 12 + 4096;
}

/**
 * How the output bound is named on the wire, learned per server: OpenAI's newer models refuse
 * `max_tokens` and want `max_completion_tokens`; older servers know only `max_tokens`; some
 * models accept fewer tokens than asked for and say how many. Each lesson is applied once and
 * the request retried (before any token, so nothing is replayed).
 */
export class OutputTokenParameter {
  private chatName: 'max_tokens' | 'max_completion_tokens';
  private cap: number | undefined;

  constructor(provider: ProviderConfig) {
    this.chatName = provider.kind === 'openai' || provider.kind === 'azure' ? 'max_completion_tokens' : 'max_tokens';
  }

  /** The body fields for a bound of `tokens` on the chat or the completions endpoint. */
  fields(endpoint: 'chat' | 'completions', tokens: number): Record<string, number> {
    const value = this.cap === undefined ? tokens : Math.min(tokens, this.cap);
    return { [endpoint === 'chat' ? this.chatName : 'max_tokens']: value };
  }

  /** Learns from a refused request; true when the request should be sent again. */
  learn(failure: LlmError, endpoint: 'chat' | 'completions', sent: number): boolean {
    if (failure.kind !== 'badRequest') return false;
    const text = failure.detail ?? '';
    if (!/max_(completion_)?tokens|max_new_tokens|completion tokens/i.test(text)) return false;
    if (endpoint === 'chat' && /unsupported parameter|not supported|unrecognized|unknown|extra (inputs|fields)/i.test(text)) {
      const wanted = /use '?max_completion_tokens'? instead/i.test(text) ? 'max_completion_tokens'
        : /max_completion_tokens/i.test(text) ? 'max_tokens' : undefined;
      if (wanted && wanted !== this.chatName) {
        this.chatName = wanted;
        return true;
      }
    }
    const limit = statedLimit(text);
    const sentNow = this.cap === undefined ? sent : Math.min(sent, this.cap);
    if (limit !== undefined && limit >= 1 && limit < sentNow) {
      this.cap = limit;
      return true;
    }
    return false;
  }
}

/** "supports at most 4096 completion tokens" (OpenAI), "(8192 > 32768 - 30000)" (vLLM), "must be at most N". */
function statedLimit(text: string): number | undefined {
  const room = /\((\d+) > (\d+) - (\d+)\)/.exec(text);
  if (room) return Number(room[2]) - Number(room[3]);
  const most = /at most (\d+)(?: completion)? tokens|must be (?:at most|less than or equal to|<=) (\d+)/i.exec(text);
  if (most) return Number(most[1] ?? most[2]);
  return undefined;
}

/** What bounds one request's output, and on which endpoint it is named. */
export interface OutputBound {
  endpoint: 'chat' | 'completions';
  maxTokens: number;
  /** Times the server's refusal changed how the bound is sent: at most twice per request. */
  adjustments?: number;
}

/** Characters an event carries: text, or a tool call's argument fragment. */
export function eventChars(event: { type: string }): number {
  if ('text' in event && typeof event.text === 'string') return event.text.length;
  if ('argumentsDelta' in event && typeof event.argumentsDelta === 'string') return event.argumentsDelta.length;
  return 0;
}

/** A non-streamed answer past the output bound is cut there, as a stream would have been. */
export function atOutputLimit(text: string, bound: OutputBound, tally: Tally): string {
  const limit = outputCharLimit(bound.maxTokens);
  if (text.length <= limit) return text;
  tally.cutAtOutputLimit = true;
  return text.slice(0, limit);
}
