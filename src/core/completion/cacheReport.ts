import type { RequestMetrics } from '../llm';
import type { PromptReuse } from './promptReuse';
import type { CompletionStats } from './stats';

/**
 * Feeds the stats with the prompt tokens the server took from its cache, for every request, not
 * only those read to their end. llama.cpp reports them on every chunk (timings_per_token), so
 * its figure survives the early stop; an OpenAI-style server reports them in the usage chunk at
 * the very end, which an answer cut early (the usual case) never reaches. Such an answer counts
 * the measured common prefix with the previous prompt instead, once the server has shown that it
 * reports cache use at all (a server that never does, e.g. Ollama, stays "not reported").
 */
export class ServerCacheReport {
  private serverReports = false;

  constructor(private readonly stats: CompletionStats) {}

  /** A request ended (`metrics`, however it ended); `measured`: its prompt's common start with the previous one. */
  ended(metrics: RequestMetrics, measured: PromptReuse): void {
    if (metrics.cachedTokens !== undefined) {
      this.serverReports = true;
      this.stats.serverCache(metrics.tokensIn, metrics.cachedTokens);
      return;
    }
    const cutEarly = metrics.outcome === 'stopped' || metrics.outcome === 'cancelled';
    // Only once the server answered: a request cut before its first token may not have been read.
    if (cutEarly && this.serverReports && metrics.timeToFirstTokenMs !== undefined) this.stats.serverCache(measured.promptTokens, measured.reusedTokens, true);
  }
}
