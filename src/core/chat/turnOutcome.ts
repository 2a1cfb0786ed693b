import { isLlmError, type RequestMetrics } from '../llm';
import type { Turn, TurnMetrics } from '../protocol';

export function turnMetrics(m: RequestMetrics): TurnMetrics {
  return {
    model: m.model,
    ...(m.timeToFirstTokenMs === undefined ? {} : { timeToFirstTokenMs: m.timeToFirstTokenMs }),
    totalMs: m.totalMs,
    tokensIn: m.tokensIn,
    tokensOut: m.tokensOut,
    usageSource: m.usageSource,
  };
}

/**
 * The answer turn after a failure: a stop keeps the text so far and says "stopped"; an engine
 * error keeps the text too and carries the message and the actions that fix it. Anything else
 * (a bug) is shown as an unexpected error pointing at the log, never swallowed.
 */
export function failedTurn(turn: Turn, error: unknown): Turn {
  if (isLlmError(error, 'cancelled')) return { ...turn, status: 'stopped' };
  if (isLlmError(error)) return { ...turn, status: 'error', error: { message: error.message, actions: [...error.actions] } };
  const message = error instanceof Error ? error.message : String(error);
  return { ...turn, status: 'error', error: { message: `Unexpected error: ${message} — details are in "Tandem: Show Log".`, actions: ['showLog'] } };
}

/** A turn saved while it was streaming belongs to a request that no longer exists. */
export function settleInterrupted(turns: readonly Turn[]): Turn[] {
  return turns.map((turn) => (turn.status === 'streaming' ? { ...turn, status: 'stopped' as const } : turn));
}
