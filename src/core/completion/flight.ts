import type { Anchor } from './anchor';
import type { Clock, ClockTimer } from './clock';
import type { CacheEntry } from './completionCache';
import type { CursorContext } from './cursorContext';

export type FlightStatus = 'completed' | 'empty' | 'aborted' | 'failed';

export interface FlightOutcome {
  status: FlightStatus;
  /** The finished suggestion (status 'completed'); also stored in the cache. */
  entry?: CacheEntry;
  /** Clock time the request was sent and its last useful token arrived. */
  modelStartedAt: number;
  modelEndedAt: number;
}

export type AbortCause = 'superseded' | 'abandoned' | 'disposed';

/**
 * The one request in flight: where it was asked, what it has streamed so far (so a keystroke
 * along it can wait for it instead of starting over), who is waiting, and how to stop it.
 */
export class Flight {
  readonly controller = new AbortController();
  /** Cleaned completion text streamed so far. */
  streamed = '';
  waiters = 0;
  finished = false;
  /** Sent right after an accept, before a keystroke asked for it. */
  prefetch = false;
  abortCause: AbortCause | undefined;
  /** Set by the engine right after construction (the run needs the flight to exist first). */
  done!: Promise<FlightOutcome>;
  private orphanTimer: ClockTimer | undefined;

  constructor(
    readonly id: number,
    readonly anchor: Anchor,
    readonly cursor: CursorContext,
    private readonly clock: Clock,
  ) {}

  /** Closes the connection now (the transport destroys the socket synchronously). */
  abort(cause: AbortCause): boolean {
    if (this.finished || this.controller.signal.aborted) return false;
    this.cancelOrphanTimer();
    this.abortCause = cause;
    this.controller.abort();
    return true;
  }

  /** Nobody waits any more: give a following keystroke a moment to adopt the stream, then stop it. */
  orphan(graceMs: number, onExpire: () => void): void {
    this.cancelOrphanTimer();
    this.orphanTimer = this.clock.setTimeout(() => {
      this.orphanTimer = undefined;
      if (this.waiters === 0) onExpire();
    }, graceMs);
  }

  cancelOrphanTimer(): void {
    if (this.orphanTimer !== undefined) this.clock.clearTimeout(this.orphanTimer);
    this.orphanTimer = undefined;
  }
}
