/**
 * Time as the completion engine sees it. Production uses the system clock; tests and the
 * benchmark substitute a virtual one so debounce waits cost no real time.
 */
export interface Clock {
  /** Milliseconds, monotonic (performance.now() in production). */
  now(): number;
  setTimeout(callback: () => void, ms: number): ClockTimer;
  clearTimeout(timer: ClockTimer): void;
}

/** Opaque handle from Clock.setTimeout: only ever given back to the same clock's clearTimeout. */
export type ClockTimer = unknown;

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>), // the handle came from setTimeout above
};

/** Resolves true after `ms`, or false as soon as the signal aborts. `ms <= 0` resolves at once, no timer. */
export function wait(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => {
      clock.clearTimeout(timer);
      resolve(false);
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
