// The public vocabulary of the fake model server: what a test scripts (rules, replies, faults),
// the knobs it turns (options) and what it can assert afterwards (recorded requests).
import type { PromptCacheOptions, PromptCacheOutcome } from './promptCache';

/** A function call the fake model makes. `arguments` is JSON text, exactly as a model emits it. */
export interface FakeToolCall {
  /** Defaults to an id in the quirk profile's style (e.g. `call_…` for OpenAI). */
  id?: string;
  name: string;
  arguments: string;
}

export interface FakeReply {
  /** Assistant content (chat) or completion text (completions). */
  text?: string;
  /** Chat only. Streamed as tool_call deltas: id and name first, then argument fragments, index set. */
  toolCalls?: FakeToolCall[];
  /** Default: 'tool_calls' when toolCalls are present, else 'stop'; `max_tokens` truncation wins with 'length'. */
  finishReason?: 'stop' | 'length' | 'tool_calls';
  /** Overrides the estimate (≈ 4 characters per token). */
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export type FakeFault =
  /** An HTTP error. Without `body`, the quirk profile's error shape for that status is used. */
  | { kind: 'status'; status: number; body?: unknown; retryAfterSeconds?: number }
  /** Accept the request and never send a byte, until the client closes or the server closes. */
  | { kind: 'hang' }
  /** 200 and SSE headers, then nothing (for a non-streamed request: 200 and JSON headers, no body). */
  | { kind: 'hangAfterHeaders' }
  /** Stream N chunks, then destroy the socket: no [DONE]. Non-streamed: destroy before any byte. */
  | { kind: 'disconnect'; afterChunks: number }
  /** A `data: {not json` event after N chunks (the rest of the stream follows). Non-streamed: JSON cut in half. */
  | { kind: 'malformedSse'; afterChunks: number }
  /** 200 with content-type application/json and an HTML body, as a misconfigured proxy answers. */
  | { kind: 'nonJson' }
  /**
   * An answer of exactly `bytes` bytes of ASCII text, streamed or not as the request asks.
   * `chunkChars` (default 16384) sizes each streamed delta: a 10 MB answer in token-sized deltas
   * would be 2.6 million SSE events, which measures the JSON parser, not the code under test.
   */
  | { kind: 'huge'; bytes: number; chunkChars?: number }
  /** Stream N chunks, then stop sending with the socket left open. */
  | { kind: 'stallAfterChunks'; afterChunks: number }
  /** Stream forever (paced by tokensPerSecond), ignoring max_tokens, never a finish_reason. Non-streamed: a JSON string that never closes. */
  | { kind: 'endless' }
  /** Stream N chunks, then `data: <body>` (default: vLLM's engine-died error) and [DONE]. Non-streamed: 200 with the body. */
  | { kind: 'errorInStream'; afterChunks: number; body?: unknown }
  /** Accept the connection, read the request, close the socket without a byte of reply. */
  | { kind: 'closeWithoutReply' };

export interface FakeRuleMatch {
  endpoint?: 'chat' | 'completions';
  /** Chat: the text of the last `user` message. Strings match as substrings. */
  lastUser?: string | RegExp;
  /** Completions: the prompt (for llama.cpp's /infill: `input_prefix` followed by `prompt`). */
  prompt?: string | RegExp;
  /** Completions: the FIM suffix as the server understood it (absent when the profile ignores `suffix`). */
  suffix?: string | RegExp;
  model?: string | RegExp;
  /** Chat: the number of assistant messages in the request, i.e. which turn of an agent session it is (0 = first). */
  turn?: number;
  /** Chat: whether the request offers tools (the `tools` parameter). */
  tools?: boolean;
}

export interface FakeRule {
  /** Every given field must match; a field the request lacks never matches. No `match` = any request. */
  match?: FakeRuleMatch;
  reply?: FakeReply;
  /** Wins over `reply`. A streaming fault without a reply streams a filler answer. */
  fault?: FakeFault;
  /** Used at most N times, then skipped (e.g. "429 once, then succeed"). */
  times?: number;
  /** Overrides the server's ttftMs for this rule. */
  ttftMs?: number;
}

export type QuirkProfile = 'openai' | 'ollama' | 'vllm' | 'llamacpp' | 'lmstudio';

export interface FakeServerOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default ['fake-chat', 'fake-coder']. */
  models?: string[];
  rules?: FakeRule[];
  /** Delay before the first byte (headers included) of a successful response. Default 0. */
  ttftMs?: number;
  /** Pace of streamed tokens (≈ 4 characters each). 0/undefined = as fast as possible. */
  tokensPerSecond?: number;
  /** Characters per content delta. Default 4 (≈ one token). */
  chunkSize?: number;
  /** Default 'openai'. */
  quirks?: QuirkProfile;
  /** When set, requests without `Authorization: Bearer <key>` or `api-key: <key>` get 401. */
  requireApiKey?: string;
  /** Simulates the server's prompt cache per model slot (see promptCache.ts); off when absent. */
  promptCache?: PromptCacheOptions;
}

export interface RecordedRequest {
  id: number;
  method: string;
  /** The full path including the query string, e.g. `/openai/deployments/d/chat/completions?api-version=…`. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or the raw text when the body is not JSON (undefined when there was no body). */
  body: unknown;
  /** performance.now() on the server when the request head arrived. */
  receivedAt: number;
  firstByteAt?: number;
  completedAt?: number;
  /** The client closed the connection before the response completed. */
  aborted: boolean;
  abortedAt?: number;
  /** Resolves when the response finished or the connection closed. */
  closed: Promise<void>;
  /** With `promptCache`: what the simulated cache held of this prompt and what the rest cost. */
  promptCache?: PromptCacheOutcome;
  /** Tokens of answer text streamed before the response ended or the client closed it. */
  tokensSent?: number;
}
