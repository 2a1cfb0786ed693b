// `npm run bench -- completions`: replays recorded typing traces (TypeScript and Python files of
// 200 to 5,000 lines; 100, 200 and 400 ms between keys; suggestions accepted along the way)
// through the CompletionEngine the VS Code provider uses, against the fake model server at
// time-to-first-token 0 and 200 ms. Reports Tandem's overhead, cache and typed-through hits,
// requests per 100 keystrokes, aborts and how fast the socket closes, requests in flight.
// Writes bench/runs/completions.json (with --record also bench/results/). TANDEM_BENCH_ONLY=<part of a trace name> runs a subset.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile } from '../report.mjs';
import { printBudgetTable, writeCompletionsResult } from './result.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const benchLine = /^TANDEM_BENCH (\[.*\])\s*$/m;

// The replay is TypeScript (it drives src/core directly): run it through tsx, as the tests do.
const child = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', 'completions', 'replay.ts')], {
  cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024,
});
const match = benchLine.exec(child.stdout ?? '');
if (child.status !== 0 || !match) {
  console.error(child.stdout);
  throw new Error(`the replay failed (exit ${child.status})`);
}
const all = JSON.parse(match[1]);
// The existing budgets are measured on the layout Tandem ships over /v1/completions (the Ollama
// preset); the baseline runs only to compare. llama.cpp's /infill is measured beside it (infill*).
const scenarios = all.filter((s) => s.layout === 'stable' && s.endpoint === 'completions');
const baseline = all.filter((s) => s.layout === 'baseline' && s.endpoint === 'completions');
const infill = all.filter((s) => s.layout === 'stable' && s.endpoint === 'infill');
const infillBaseline = all.filter((s) => s.layout === 'baseline' && s.endpoint === 'infill');

const sum = (values) => values.reduce((a, b) => a + b, 0);
const pooled = (list, key) => list.flatMap((s) => s[key]);
const fiveK = scenarios.filter((s) => s.lines >= 4_500);
const rate = (part, whole) => (whole === 0 ? 0 : part / whole);

/**
 * What a serving layout achieves against its baseline on one endpoint: prefix reuse, simulated
 * latency and its speedup, prefetch hits, requests in flight. Keys are prefixed (`infill...`) for
 * an endpoint other than the main one.
 */
function servingMetrics(runs, baselineRuns, prefix) {
  const key = (name) => (prefix ? `${prefix}${name[0].toUpperCase()}${name.slice(1)}` : name);
  const latency = (list, p) => percentile(pooled(list, 'simulatedLatencyMs'), p);
  return {
    [key('promptPrefixReusePct')]: 100 * rate(sum(pooled(runs, 'cachedTokens')), sum(pooled(runs, 'promptTokens'))),
    [key('baselinePromptPrefixReusePct')]: 100 * rate(sum(pooled(baselineRuns, 'cachedTokens')), sum(pooled(baselineRuns, 'promptTokens'))),
    [key('simulatedLatencyMsP50')]: latency(runs, 50),
    [key('simulatedLatencyMsP95')]: latency(runs, 95),
    [key('baselineSimulatedLatencyMsP50')]: latency(baselineRuns, 50),
    [key('baselineSimulatedLatencyMsP95')]: latency(baselineRuns, 95),
    [key('simulatedLatencySpeedupP50')]: rate(latency(baselineRuns, 50), latency(runs, 50)),
    [key('prefetchHitPct')]: 100 * rate(sum(runs.map((s) => s.prefetchHits)), sum(runs.map((s) => s.shownAfterAccept))),
    [key('shownAfterAccept')]: sum(runs.map((s) => s.shownAfterAccept)),
    [key('accepts')]: sum(runs.map((s) => s.accepted)),
    [key('maxRequestsInFlight')]: Math.max(...runs.map((s) => s.maxInFlight)),
    [key('unmatchedRequests')]: sum(runs.map((s) => s.unmatchedRequests)),
  };
}

const metrics = {
  overheadMsP50At5kLines: percentile(pooled(fiveK, 'overheadMs'), 50),
  overheadMsP95At5kLines: percentile(pooled(fiveK, 'overheadMs'), 95),
  overheadMsP95AllFiles: percentile(pooled(scenarios, 'overheadMs'), 95),
  hitMsP50: percentile(pooled(scenarios, 'hitMs'), 50),
  hitMsP95: percentile(pooled(scenarios, 'hitMs'), 95),
  hitMsMax: Math.max(...pooled(scenarios, 'hitMs')),
  requestsDuringHits: sum(scenarios.map((s) => s.hitRequests)),
  abortToCloseMsP50: percentile(pooled(scenarios, 'abortToCloseMs'), 50),
  abortToCloseMsP95: percentile(pooled(scenarios, 'abortToCloseMs'), 95),
  abortToCloseMsMax: Math.max(...pooled(scenarios, 'abortToCloseMs')),
  abortedBeforeServerRead: sum(scenarios.map((s) => s.unseenAborted)),
  keystrokes: sum(scenarios.map((s) => s.keys)),
  requestsPer100Keys: 100 * rate(sum(scenarios.map((s) => s.requests)), sum(scenarios.map((s) => s.keys))),
  hitRate: rate(sum(scenarios.map((s) => s.cacheHits + s.typedThroughHits)), sum(scenarios.map((s) => s.calls))),
  overheadSamples: pooled(scenarios, 'overheadMs').length,
  ...servingMetrics(scenarios, baseline, ''),
  prefetches: sum(scenarios.map((s) => s.prefetches)),
  abortSamples: pooled(scenarios, 'abortToCloseMs').length,
  ...servingMetrics(infill, infillBaseline, 'infill'),
};
const budgets = {
  overheadMsP50At5kLines: 5,
  overheadMsP95At5kLines: 15,
  hitMsP95: 2,
  requestsDuringHits: 0,
  abortToCloseMsP95: 10,
  maxRequestsInFlight: 1,
  unmatchedRequests: 0,
  promptPrefixReusePct: 85,
  simulatedLatencySpeedupP50: 3,
  prefetchHitPct: 60,
  infillPromptPrefixReusePct: 85,
  infillPrefetchHitPct: 60,
  infillMaxRequestsInFlight: 1,
  infillUnmatchedRequests: 0,
};

// Per scenario, also kept in the results file under "<scenario>.<metric>".
const rows = all.map((s) => {
  const row = {
    lines: s.lines,
    keys: s.keys,
    requestsPer100Keys: 100 * rate(s.requests, s.keys),
    cacheHitRate: rate(s.cacheHits, s.calls),
    typedThroughHitRate: rate(s.typedThroughHits, s.calls),
    hitMsP50: percentile(s.hitMs, 50),
    hitMsP95: percentile(s.hitMs, 95),
    overheadMsP50: percentile(s.overheadMs, 50),
    overheadMsP95: percentile(s.overheadMs, 95),
    modelMsP50: percentile(s.modelMs, 50),
    aborted: s.superseded,
    abortToCloseMsP50: percentile(s.abortToCloseMs, 50),
    abortToCloseMsP95: percentile(s.abortToCloseMs, 95),
    maxInFlight: s.maxInFlight,
    reusedStreams: s.reusedStreams,
    shown: s.shown,
    accepted: s.accepted,
    promptPrefixReusePct: 100 * rate(sum(s.cachedTokens), sum(s.promptTokens)),
    simulatedLatencyMsP50: percentile(s.simulatedLatencyMs, 50),
    prefetchHits: s.prefetchHits,
    shownAfterAccept: s.shownAfterAccept,
  };
  return [s.scenario, row];
});
for (const [scenario, row] of rows) {
  for (const [key, value] of Object.entries(row)) if (Number.isFinite(value)) metrics[`${scenario}.${key}`] = value;
}

const atLeast = ['promptPrefixReusePct', 'simulatedLatencySpeedupP50', 'prefetchHitPct', 'infillPromptPrefixReusePct', 'infillPrefetchHitPct'];
const result = writeCompletionsResult(metrics, budgets, atLeast);
const headline = Object.fromEntries(Object.entries(metrics).filter(([key]) => !key.includes('@')));
printBudgetTable(headline, budgets, atLeast, result.pass);
printScenarios(rows);
process.exitCode = result.pass ? 0 : 1;

function printScenarios(list) {
  const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');
  const pct = (v) => `${Math.round(v * 100)}%`;
  const header = '| scenario | keys | req/100 keys | cache / typed-through hits | hit ms p50/p95 | overhead ms p50/p95 | model ms p50 | aborted | abort→close ms p50/p95 | max in flight | reused streams | shown / accepted | prefix reuse | sim. latency p50 | prefetch hits / shown after accept |';
  const lines = list.map(([name, r]) => `| ${name} | ${r.keys} | ${r.requestsPer100Keys.toFixed(1)} | ${pct(r.cacheHitRate)} / ${pct(r.typedThroughHitRate)} | ${ms(r.hitMsP50)} / ${ms(r.hitMsP95)} | ${ms(r.overheadMsP50)} / ${ms(r.overheadMsP95)} | ${ms(r.modelMsP50)} | ${r.aborted} | ${ms(r.abortToCloseMsP50)} / ${ms(r.abortToCloseMsP95)} | ${r.maxInFlight} | ${r.reusedStreams} | ${r.shown} / ${r.accepted} | ${r.promptPrefixReusePct.toFixed(0)}% | ${ms(r.simulatedLatencyMsP50)} | ${r.prefetchHits} / ${r.shownAfterAccept} |`);
  console.log(`${header}\n|${'---|'.repeat(15)}\n${lines.join('\n')}\n`);
}
