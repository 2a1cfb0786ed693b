/** Latency samples kept per series: enough for stable percentiles, bounded memory. */
const maxSamples = 1_000;
/** Suggestion ids remembered to count each suggestion once however often VS Code shows it. */
const maxRememberedIds = 500;

export interface LatencySummary {
  count: number;
  p50: number | undefined;
  p95: number | undefined;
}

export interface CompletionStatsSnapshot {
  /** Requests sent to the model server. */
  requests: number;
  cacheHits: number;
  typedThroughHits: number;
  /** Keystrokes served by a request already streaming along what the user typed. */
  reusedStreams: number;
  /** Requests cancelled before they finished (superseded by a keystroke, or abandoned). */
  aborted: number;
  /** Requests whose answer was dropped as empty or useless. */
  empty: number;
  /** Answers the harm guard trimmed to their harmless part before showing them. */
  guardTrimmed: number;
  /** Answers the harm guard did not show at all (nothing of them was harmless). */
  guardDropped: number;
  errors: number;
  /** Prompt tokens sent (estimated, 4 characters per token). */
  promptTokens: number;
  /** Of those, the tokens each prompt shared at its start with the previous one: what a caching server need not read again. */
  reusedPromptTokens: number;
  /** Prompt tokens of the requests whose server reported its cache use, and how many of them it had cached. */
  serverReportedPromptTokens: number;
  serverCachedTokens: number;
  /** Of those requests, the ones cut before the server's report, counted by their measured common prefix. */
  serverCacheEstimates: number;
  /** Requests sent right after an accept, before the next keystroke asked. */
  prefetches: number;
  /** Suggestions served from a prefetch. */
  prefetchHits: number;
  /** Distinct suggestions shown. */
  shown: number;
  /** Distinct suggestions accepted. */
  accepted: number;
  /** accepted / shown (0 when nothing was shown). */
  acceptanceRate: number;
  /** From sending a request to its last token used (ms). */
  modelLatency: LatencySummary;
  /** Time Tandem itself added: pipeline time minus debounce and model time (ms). */
  overhead: LatencySummary;
  /** Time to serve a cache or typed-through hit (ms). */
  hitLatency: LatencySummary;
}

/**
 * Local, in-memory completion statistics (never sent anywhere): what "Tandem: Show Completion
 * Stats" renders. The engine records into it; `snapshot()` reads it.
 */
export class CompletionStats {
  private counts = emptyCounts();
  private readonly prefetchedIds = new BoundedSet(maxRememberedIds);
  private readonly shownIds = new BoundedSet(maxRememberedIds);
  private readonly acceptedIds = new BoundedSet(maxRememberedIds);
  private shownCount = 0;
  private acceptedCount = 0;
  private suggestionCounter = 0;
  private readonly model = new Samples();
  private readonly overheadSamples = new Samples();
  private readonly hits = new Samples();

  /**
   * A suggestion id no engine sharing these stats has used: an engine rebuilt after a settings
   * change must not reuse its predecessor's ids, or its shows and accepts count as repeats.
   */
  newSuggestionId(): string {
    return `s${++this.suggestionCounter}`;
  }

  /** `reusedTokens`: the prompt's common start with the previous one; `prefetch`: sent right after an accept. */
  requestSent(prompt: { promptTokens: number; reusedTokens: number } = { promptTokens: 0, reusedTokens: 0 }, prefetch = false): void {
    this.counts.requests++;
    this.counts.promptTokens += prompt.promptTokens;
    this.counts.reusedPromptTokens += prompt.reusedTokens;
    if (prefetch) this.counts.prefetches++;
  }

  /**
   * The server said how many of the prompt's tokens it had cached (llama.cpp timings, OpenAI usage
   * details); `estimated`: the answer was cut before the server's report, so the prompt's measured
   * common start with the previous one stands in for it.
   */
  serverCache(promptTokens: number, cachedTokens: number, estimated = false): void {
    this.counts.serverReportedPromptTokens += promptTokens;
    this.counts.serverCachedTokens += cachedTokens;
    if (estimated) this.counts.serverCacheEstimates++;
  }

  /** A suggestion that a prefetch produced was served (counted once per suggestion). */
  prefetchServed(suggestionId: string): void {
    if (this.prefetchedIds.add(suggestionId)) this.counts.prefetchHits++;
  }

  hit(kind: 'cache' | 'typedThrough', latencyMs: number): void {
    if (kind === 'cache') this.counts.cacheHits++;
    else this.counts.typedThroughHits++;
    this.hits.add(latencyMs);
  }

  streamReused(): void {
    this.counts.reusedStreams++;
  }

  requestAborted(): void {
    this.counts.aborted++;
  }

  emptyResult(): void {
    this.counts.empty++;
  }

  /** The harm guard trimmed an answer (`trimmed`) or kept it from being shown (`dropped`). */
  guarded(outcome: 'trimmed' | 'dropped'): void {
    if (outcome === 'trimmed') this.counts.guardTrimmed++;
    else this.counts.guardDropped++;
  }

  error(): void {
    this.counts.errors++;
  }

  completed(modelMs: number, overheadMs: number): void {
    this.model.add(modelMs);
    this.overheadSamples.add(overheadMs);
  }

  shown(suggestionId: string): void {
    if (this.shownIds.add(suggestionId)) this.shownCount++;
  }

  accepted(suggestionId: string): void {
    if (this.acceptedIds.add(suggestionId)) this.acceptedCount++;
  }

  snapshot(): CompletionStatsSnapshot {
    return {
      ...this.counts,
      shown: this.shownCount,
      accepted: this.acceptedCount,
      acceptanceRate: this.shownCount === 0 ? 0 : this.acceptedCount / this.shownCount,
      modelLatency: this.model.summary(),
      overhead: this.overheadSamples.summary(),
      hitLatency: this.hits.summary(),
    };
  }

  reset(): void {
    this.counts = emptyCounts();
    this.prefetchedIds.clear();
    this.shownIds.clear();
    this.acceptedIds.clear();
    this.shownCount = 0;
    this.acceptedCount = 0;
    this.model.clear();
    this.overheadSamples.clear();
    this.hits.clear();
  }
}

function emptyCounts() {
  return {
    requests: 0, cacheHits: 0, typedThroughHits: 0, reusedStreams: 0, aborted: 0, empty: 0, guardTrimmed: 0, guardDropped: 0, errors: 0,
    promptTokens: 0, reusedPromptTokens: 0, serverReportedPromptTokens: 0, serverCachedTokens: 0, serverCacheEstimates: 0, prefetches: 0, prefetchHits: 0,
  };
}

class Samples {
  private values: number[] = [];
  private next = 0;

  add(value: number): void {
    if (this.values.length < maxSamples) this.values.push(value);
    else this.values[this.next] = value;
    this.next = (this.next + 1) % maxSamples;
  }

  summary(): LatencySummary {
    if (this.values.length === 0) return { count: 0, p50: undefined, p95: undefined };
    const sorted = [...this.values].sort((a, b) => a - b);
    return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
  }

  clear(): void {
    this.values = [];
    this.next = 0;
  }
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

/** Remembers the last N ids; add() says whether the id is new. */
class BoundedSet {
  private readonly ids = new Set<string>();

  constructor(private readonly limit: number) {}

  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.limit) {
      const oldest = this.ids.values().next();
      if (!oldest.done) this.ids.delete(oldest.value);
    }
    return true;
  }

  clear(): void {
    this.ids.clear();
  }
}
