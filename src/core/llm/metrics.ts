/** What one request cost and how fast it was: for the log, the chat footer and benchmarks. */
export interface RequestMetrics {
  provider: string;
  model: string;
  endpoint: 'chat' | 'completions' | 'infill' | 'models';
  streamed: boolean;
  /** ms from sending to the first content token (streams) or to the whole answer (non-streamed). */
  timeToFirstTokenMs: number | undefined;
  totalMs: number;
  tokensIn: number;
  tokensOut: number;
  /** 'server' when the server reported usage, 'estimate' when Tandem counted. */
  usageSource: 'server' | 'estimate';
  /** Prompt tokens the server reported it reused from its prompt cache (when it reports them). */
  cachedTokens?: number;
  attempts: number;
  /** 'stopped': the consumer ended the stream early on purpose (e.g. a completion's early stop). */
  outcome: 'ok' | 'error' | 'cancelled' | 'stopped';
  errorKind?: string;
}

export type MetricsSink = (metrics: RequestMetrics) => void;

export function formatMetrics(m: RequestMetrics): string {
  const ttft = m.timeToFirstTokenMs === undefined ? '-' : `${Math.round(m.timeToFirstTokenMs)} ms`;
  const estimated = m.usageSource === 'estimate' ? ' (estimated)' : '';
  const retries = m.attempts > 1 ? `, ${m.attempts} attempts` : '';
  const error = m.errorKind ? ` ${m.errorKind}` : '';
  return `${m.endpoint} ${m.provider}/${m.model} ${m.outcome}${error}: first token ${ttft}, total ${Math.round(m.totalMs)} ms, tokens in ${m.tokensIn}${m.cachedTokens !== undefined ? ` (${m.cachedTokens} cached)` : ''} out ${m.tokensOut}${estimated}${retries}`;
}
