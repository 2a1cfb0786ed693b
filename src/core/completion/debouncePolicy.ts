export interface DebounceTuning {
  /** Before the typing rhythm is known. */
  initialMs: number;
  minMs: number;
  maxMs: number;
  /** Delay = typical gap between keystrokes x this: a request goes out once the user pauses. */
  gapFactor: number;
  /** At the start of a line (only indentation before the cursor), delays are cut to this. */
  lineStartMaxMs: number;
  /** The ceiling while most requests are superseded before they finish (the model is slower than the typing). */
  congestedMaxMs: number;
}

export const defaultDebounceTuning: DebounceTuning = { initialMs: 75, minMs: 25, maxMs: 150, gapFactor: 1.2, lineStartMaxMs: 30, congestedMaxMs: 300 };

/** Gaps longer than this are pauses, not typing rhythm. */
const pauseMs = 1_000;
const rememberedGaps = 12;
const rememberedRequests = 8;
/** Calls closer together than this are the editor asking twice for one keystroke, not typing. */
const minKeystrokeGapMs = 15;

export interface DebounceQuery {
  /** Only indentation before the cursor: a fresh line, where a completion is most wanted. */
  atLineStart: boolean;
  explicit: boolean;
}

/**
 * How long to wait after a keystroke before asking the model, on top of VS Code's own debounce.
 * Adapts to the user's rhythm: while they type in a burst, a request per key would be superseded
 * by the next key anyway, so the wait is a little longer than their usual gap between keys (the
 * median of recent gaps); it is short at the start of a line, where the user usually pauses for a
 * suggestion, and zero when they asked for one explicitly. When most recent requests were
 * superseded before they finished (the model answers slower than the user types), it waits up to
 * twice as long, so a request goes out only on a real pause instead of on every key.
 */
export class DebouncePolicy {
  private readonly gaps: number[] = [];
  private readonly superseded: boolean[] = [];
  private lastKeystrokeAt: number | undefined;

  constructor(private readonly tuning: DebounceTuning = defaultDebounceTuning) {}

  recordKeystroke(at: number): void {
    if (this.lastKeystrokeAt !== undefined) {
      const gap = at - this.lastKeystrokeAt;
      if (gap >= minKeystrokeGapMs && gap < pauseMs) {
        this.gaps.push(gap);
        if (this.gaps.length > rememberedGaps) this.gaps.shift();
      }
    }
    this.lastKeystrokeAt = at;
  }

  /** How a request ended: superseded by a keystroke before it finished, or not. */
  recordRequest(superseded: boolean): void {
    this.superseded.push(superseded);
    if (this.superseded.length > rememberedRequests) this.superseded.shift();
  }

  delayFor(query: DebounceQuery): number {
    if (query.explicit) return 0;
    const { initialMs, minMs, maxMs, gapFactor, lineStartMaxMs, congestedMaxMs } = this.tuning;
    const congestion = this.superseded.length === 0 ? 0 : this.superseded.filter(Boolean).length / this.superseded.length;
    const ceiling = maxMs + congestion * (congestedMaxMs - maxMs);
    const typical = this.gaps.length >= 3 ? median(this.gaps) : undefined;
    const delay = typical === undefined ? initialMs : clamp(typical * gapFactor * (1 + congestion), minMs, ceiling);
    return query.atLineStart ? Math.min(delay, lineStartMaxMs) : Math.round(delay);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
