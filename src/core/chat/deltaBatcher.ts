/**
 * Collects streamed text and hands it on at most once per interval. The first piece goes out at
 * once (the user sees the answer start without delay); later ones are joined until the interval
 * since the last hand-off has passed. A fast model then costs the webview ~20 renders a second,
 * not one per token.
 */
export class DeltaBatcher {
  private pending = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlushAt = -Infinity;

  constructor(private readonly deliver: (text: string) => void, private readonly intervalMs = 50, private readonly now: () => number = () => performance.now()) {}

  push(text: string): void {
    if (!text) return;
    this.pending += text;
    if (this.timer) return;
    const wait = this.lastFlushAt + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Delivers whatever is pending now (end of the answer, stop, error). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.lastFlushAt = this.now();
    this.deliver(text);
  }

  /** Drops pending text and the timer (the turn was discarded). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = '';
  }
}
