import type { ProviderConfig } from '../config';

export type LlmErrorKind =
  | 'unreachable'
  | 'connectTimeout'
  | 'firstTokenTimeout'
  | 'idleTimeout'
  | 'totalTimeout'
  | 'auth'
  | 'modelNotFound'
  | 'wrongEndpoint'
  | 'rateLimited'
  | 'contextTooLong'
  | 'streamCut'
  /** The server sent an error object inside a 200 stream (vLLM, llama.cpp, OpenRouter do). */
  | 'streamError'
  | 'malformed'
  | 'server'
  | 'badRequest'
  | 'cancelled';

/** What the UI can offer next to the message; the front end maps each to a button. */
export type LlmAction = 'retry' | 'openSettings' | 'setApiKey' | 'selectModel' | 'showLog';

export interface LlmErrorInit {
  kind: LlmErrorKind;
  message: string;
  actions?: LlmAction[];
  /** Raw server body, status line and cause: for the log only, never shown to the user. */
  detail?: string;
  status?: number;
  retryAfterMs?: number;
  /** Context-too-long figures, when the server says them. */
  tokens?: { limit?: number; requested?: number };
  cause?: unknown;
}

/**
 * The one error type the engine throws. `message` is written for the user: what happened and
 * what fixes it. Secrets never appear in it; raw server output goes to `detail` for the log.
 */
export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  readonly actions: readonly LlmAction[];
  readonly detail: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly tokens: LlmErrorInit['tokens'];

  constructor(init: LlmErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'LlmError';
    this.kind = init.kind;
    this.actions = init.actions ?? [];
    this.detail = init.detail;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
    this.tokens = init.tokens;
  }
}

export function isLlmError(error: unknown, kind?: LlmErrorKind): error is LlmError {
  return error instanceof LlmError && (kind === undefined || error.kind === kind);
}

/** Words that name the server in messages: the base URL, and how to start it when it is local. */
export function startHint(provider: ProviderConfig): string {
  switch (provider.kind) {
    case 'ollama': return 'start Ollama (`ollama serve`)';
    case 'lmstudio': return "start LM Studio's local server (Developer tab)";
    case 'llamacpp': return 'start llama-server';
    case 'vllm': return 'start `vllm serve`';
    default: return 'check that the server is running and reachable';
  }
}

export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
