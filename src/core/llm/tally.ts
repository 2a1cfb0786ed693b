import type { LlmError } from './errors';
import type { RequestMetrics } from './metrics';
import { estimateTokens } from './tokens';

export type Endpoint = RequestMetrics['endpoint'];

/** Facts gathered while one request runs, turned into RequestMetrics at the end. */
export interface Tally {
  endpoint: Endpoint;
  model: string;
  streamed: boolean;
  startedAt: number;
  firstTokenAt?: number;
  attempts: number;
  tokensIn: number;
  /** Characters of text and tool-call arguments received so far. */
  receivedChars: number;
  outputChars: string[];
  usage?: { prompt_tokens: number; completion_tokens: number; prompt_tokens_details?: { cached_tokens?: number } | null } | null;
  /** Prompt tokens the server said it took from its cache (llama.cpp timings; else usage details). */
  cachedTokens?: number;
  chunks: number;
  finished?: boolean;
  /** The server went past the output bound it was sent; the client stopped reading there. */
  cutAtOutputLimit?: boolean;
  /** The caller's per-request sink (RequestBase.onMetrics). */
  onMetrics?: (metrics: RequestMetrics) => void;
}

export function startTally(endpoint: Endpoint, model: string, streamed: boolean, tokensIn: number, onMetrics?: (metrics: RequestMetrics) => void): Tally {
  return { endpoint, model, streamed, startedAt: performance.now(), attempts: 0, tokensIn, receivedChars: 0, outputChars: [], chunks: 0, ...(onMetrics ? { onMetrics } : {}) };
}

export function tallyMetrics(tally: Tally, provider: string, outcome: RequestMetrics['outcome'], failure?: LlmError): RequestMetrics {
  tally.finished = true;
  const now = performance.now();
  const usage = tally.usage ?? undefined;
  const cached = tally.cachedTokens ?? usage?.prompt_tokens_details?.cached_tokens ?? undefined;
  return {
    provider,
    model: tally.model,
    endpoint: tally.endpoint,
    streamed: tally.streamed,
    timeToFirstTokenMs: tally.firstTokenAt === undefined ? undefined : tally.firstTokenAt - tally.startedAt,
    totalMs: now - tally.startedAt,
    tokensIn: usage?.prompt_tokens ?? tally.tokensIn,
    tokensOut: usage?.completion_tokens ?? estimateTokens(tally.outputChars.join('')),
    usageSource: usage ? 'server' : 'estimate',
    ...(cached !== undefined ? { cachedTokens: cached } : {}),
    attempts: Math.max(1, tally.attempts),
    outcome,
    ...(failure ? { errorKind: failure.kind } : {}),
  };
}
