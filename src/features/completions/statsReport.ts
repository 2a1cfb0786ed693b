import type { CompletionStatsSnapshot, LatencySummary } from '../../core/completion';

/** The completion stats as a Markdown page (pure: no vscode import, unit-tested). */
export function renderStatsReport(stats: CompletionStatsSnapshot, context: { model: string; provider: string; strategy?: string }): string {
  const hits = stats.cacheHits + stats.typedThroughHits;
  const rows: Array<[string, string]> = [
    ['Requests sent to the model', count(stats.requests)],
    ['Cache hits (no request)', count(stats.cacheHits)],
    ['Typed-through hits (no request)', count(stats.typedThroughHits)],
    ['Streams reused by the next keystroke', count(stats.reusedStreams)],
    ['Aborted requests (superseded)', count(stats.aborted)],
    ['Empty or dropped answers', count(stats.empty)],
    ['Harmful answers trimmed by the guard (shown in part)', count(stats.guardTrimmed)],
    ['Harmful answers dropped by the guard (not shown; among the dropped above)', count(stats.guardDropped)],
    ['Failed requests', count(stats.errors)],
    ['Prompt tokens sent (estimated)', count(stats.promptTokens)],
    ['…of them the same as the start of the previous prompt (a caching server need not read them)', `${count(stats.reusedPromptTokens)} (${percent(stats.reusedPromptTokens, stats.promptTokens)})`],
    ['Prompt tokens the server reported as cached', serverCached(stats)],
    ['Prefetches after an accept', count(stats.prefetches)],
    ['Suggestions served from a prefetch', count(stats.prefetchHits)],
    ['Suggestions shown', count(stats.shown)],
    ['Suggestions accepted', `${count(stats.accepted)} (${(stats.acceptanceRate * 100).toFixed(1)} % of shown)`],
  ];
  const latency: Array<[string, LatencySummary]> = [
    ['Model (request to last token used)', stats.modelLatency],
    ["Tandem's overhead (beyond debounce and model)", stats.overhead],
    ['Cache / typed-through hit', stats.hitLatency],
  ];
  return [
    '# Tandem completion stats',
    '',
    `Model \`${context.model}\` on ${context.provider}${context.strategy ? ` (${strategyLabel(context.strategy)})` : ''}. ` +
      `${hits} of ${hits + stats.requests} suggestions needed no request.`,
    '',
    '| | |',
    '|---|---:|',
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    '',
    '## Latency',
    '',
    '| | p50 | p95 | samples |',
    '|---|---:|---:|---:|',
    ...latency.map(([name, summary]) => `| ${name} | ${ms(summary.p50)} | ${ms(summary.p95)} | ${summary.count} |`),
    '',
    '_Kept in memory in this window only; nothing is sent anywhere. Run "Tandem: Show Completion Stats" again to refresh._',
    '',
  ].join('\n');
}

function serverCached(stats: CompletionStatsSnapshot): string {
  if (stats.serverReportedPromptTokens === 0) return 'not reported';
  const figure = `${count(stats.serverCachedTokens)} of ${count(stats.serverReportedPromptTokens)} (${percent(stats.serverCachedTokens, stats.serverReportedPromptTokens)})`;
  // An answer cut before the server's final usage report counts its prompt's measured common start instead.
  return stats.serverCacheEstimates === 0 ? figure : `${figure}; ${count(stats.serverCacheEstimates)} answers stopped before the server's report counted by their common start with the previous prompt`;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0 %' : `${((100 * part) / whole).toFixed(1)} %`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function ms(value: number | undefined): string {
  if (value === undefined) return '—';
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toString()} ms`;
}

function strategyLabel(kind: string): string {
  switch (kind) {
    case 'suffix': return 'FIM through the suffix parameter';
    case 'template': return "FIM through the model family's template";
    case 'chat': return 'chat fallback';
    case 'infill': return "llama.cpp's /infill";
    default: return kind;
  }
}
