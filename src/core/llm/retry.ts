import type { LlmError } from './errors';

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server asking us to wait longer than this is reported to the user instead of waited on. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 20_000 };

/**
 * Only failures that happened before any token arrived reach this function (the client never
 * replays a half-streamed answer), so retrying is safe: nothing was shown to the user yet.
 * Returns the delay before the next attempt, or undefined to give up.
 */
export function retryDelay(error: LlmError, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number | undefined {
  if (attempt > policy.maxRetries) return undefined;
  const retryable = error.kind === 'rateLimited' || error.kind === 'server' || (error.kind === 'unreachable' && error.detail?.includes('ECONNRESET'));
  if (!retryable) return undefined;
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs <= policy.maxRetryAfterMs ? error.retryAfterMs : undefined;
  }
  // Exponential backoff with full jitter: spreads retries of many clients over the window.
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After (seconds or HTTP date) or the non-standard retry-after-ms, in ms. */
export function parseRetryAfter(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
