import type { LlmError } from '../llm';

/**
 * Failures that will repeat on the next keystroke: asking again at once only adds load and noise.
 * A stalled or endless stream means an overloaded server, an error inside a stream a failing
 * model, a reply that is not the protocol a wrong endpoint. Not paused: a cut stream (a dropped
 * connection is usually a one-off), a bad request (the suffix fallback handles it), cancellation.
 */
const pausingKinds = new Set<LlmError['kind']>([
  'unreachable', 'connectTimeout', 'auth', 'modelNotFound', 'wrongEndpoint', 'rateLimited', 'server',
  'firstTokenTimeout', 'idleTimeout', 'totalTimeout', 'streamError', 'malformed',
]);
const firstPauseMs = 5_000;
const longestPauseMs = 60_000;

/**
 * After a failure that typing cannot fix (server down, bad key, missing model, rate limit),
 * completions pause: 5 s, doubling up to a minute while failures continue, or as long as the
 * server's Retry-After says. One success resets it.
 */
export class FailureBackoff {
  private pausedUntil = 0;
  private nextPauseMs = firstPauseMs;

  isPaused(now: number): boolean {
    return now < this.pausedUntil;
  }

  failed(error: LlmError, now: number): void {
    if (!pausingKinds.has(error.kind)) return;
    const pause = error.kind === 'rateLimited' && error.retryAfterMs !== undefined ? error.retryAfterMs : this.nextPauseMs;
    this.pausedUntil = now + pause;
    this.nextPauseMs = Math.min(longestPauseMs, this.nextPauseMs * 2);
  }

  succeeded(): void {
    this.pausedUntil = 0;
    this.nextPauseMs = firstPauseMs;
  }
}
