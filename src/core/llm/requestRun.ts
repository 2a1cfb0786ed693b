import type { AbortReason } from './classify';
import type { TransportTrace } from './transport';

/**
 * One attempt at one request: its abort controller (linked to the caller's signal), the watchdog
 * that enforces time-to-first-token and idle timeouts, the deadline of the whole request (shared
 * by its attempts), and what the transport saw.
 */
export class RequestRun {
  readonly controller = new AbortController();
  readonly trace: TransportTrace = {};
  abortReason: AbortReason | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private deadline: NodeJS.Timeout | undefined;
  private readonly onCallerAbort = () => this.abort('cancelled');

  /** `deadlineAt`: performance.now() time by which the whole request must be over. */
  constructor(private readonly callerSignal: AbortSignal | undefined, deadlineAt?: number) {
    if (callerSignal?.aborted) this.abort('cancelled');
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
    if (deadlineAt !== undefined && !this.signal.aborted) {
      this.deadline = setTimeout(() => this.abort('totalTimeout'), Math.max(0, deadlineAt - performance.now()));
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** (Re)starts the watchdog: it aborts the request with `reason` unless re-armed within `ms`. */
  arm(reason: Exclude<AbortReason, 'cancelled' | 'totalTimeout'>, ms: number): void {
    this.disarm();
    this.watchdog = setTimeout(() => this.abort(reason), ms);
  }

  disarm(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = undefined;
  }

  abort(reason: AbortReason): void {
    this.abortReason ??= reason;
    this.controller.abort();
  }

  dispose(): void {
    this.disarm();
    if (this.deadline) clearTimeout(this.deadline);
    this.deadline = undefined;
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}

/** Waits `ms`, or rejects early when the signal aborts (a cancelled retry must not linger). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('cancelled'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
