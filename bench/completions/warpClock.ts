import type { Clock, ClockTimer } from '../../src/core/completion';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * Real time that can jump ahead. `now()` is performance.now() plus an offset; timers are virtual
 * and fired by the replay loop. While the network is busy the loop lets real time pass; while
 * nothing is in flight (a debounce wait, the gap before the next keystroke) it warps the clock to
 * the next event. So debounces and typing pauses cost no wall time, and everything the engine
 * does (and the fake server's latency) is measured in real milliseconds.
 */
export class WarpClock implements Clock {
  private offset = 0;
  private seq = 0;
  private readonly timers = new Set<Timer>();

  now(): number {
    return performance.now() + this.offset;
  }

  setTimeout(callback: () => void, ms: number): ClockTimer {
    const timer: Timer = { at: this.now() + Math.max(0, ms), seq: this.seq++, callback };
    this.timers.add(timer);
    return timer;
  }

  clearTimeout(timer: ClockTimer): void {
    this.timers.delete(timer as Timer); // handles come from setTimeout above
  }

  nextTimerAt(): number {
    let next = Infinity;
    for (const timer of this.timers) next = Math.min(next, timer.at);
    return next;
  }

  /** Fires the earliest timer. */
  fireNext(): void {
    let first: Timer | undefined;
    for (const timer of this.timers) if (!first || timer.at < first.at || (timer.at === first.at && timer.seq < first.seq)) first = timer;
    if (!first) return;
    this.timers.delete(first);
    first.callback();
  }

  /** Jumps forward to `at` (never back). */
  warpTo(at: number): void {
    const now = this.now();
    if (at > now) this.offset += at - now;
  }
}
