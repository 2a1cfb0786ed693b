// Replays the recorded typing traces through the CompletionEngine (the one the VS Code provider
// uses) against the fake model server, over real HTTP, with a warp clock for the waits. Prints
// one line `TANDEM_BENCH {json}` with the raw measurements per scenario; run.mjs reports them.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CompletionEngine, type CompletionEvent, type CompletionItem, type CompletionTuning } from '../../src/core/completion';
import type { RelatedContextSource, RelatedFile } from '../../src/core/context';
import { LlmClient } from '../../src/core/llm';
import { readConfig } from '../../src/core/config';
import { FakeLlmServer } from '../../test/support/fakeLlm';
import { prng } from './prng';
import { TypingSession, type Trace } from './typingSession';
import { WarpClock } from './warpClock';

const here = __dirname;
const completionModel = 'qwen2.5-coder:1.5b-base';
/** Share of requests the scripted model answers with something the typist did not mean. */
const wrongAnswerRate = 0.25;
const ttfts = [0, 200];
/**
 * The fake server's prompt cache at CPU-like costs (a 1.5B model on a laptop CPU): 4 ms per prompt
 * token it must read, 50 ms per generated token. Computed, not waited for (the replay stays fast).
 */
const promptCache = { slots: 1, msPerPromptToken: 4, msPerGeneratedToken: 50 };
/** Today's layout before this work, replayed in the same run to measure against. */
const baselineTuning: Partial<CompletionTuning> = { stableLayout: false, prefetch: false };

/** How the engine asks: the OpenAI-compatible `/v1/completions` (the Ollama preset) or llama.cpp's native `/infill`. */
type BenchEndpoint = 'completions' | 'infill';

export interface ScenarioMeasurements {
  scenario: string;
  endpoint: BenchEndpoint;
  /** 'stable' (the layout for caching servers, with prefetch) or 'baseline' (the old sliding layout). */
  layout: 'stable' | 'baseline';
  lines: number;
  ttftMs: number;
  keys: number;
  calls: number;
  requests: number;
  cacheHits: number;
  typedThroughHits: number;
  reusedStreams: number;
  /** Real ms from calling complete() to its answer, for cache and typed-through hits. */
  hitMs: number[];
  /** Requests started while a hit was being served (must be none). */
  hitRequests: number;
  overheadMs: number[];
  modelMs: number[];
  superseded: number;
  /** Real ms from the keystroke that superseded a request to the server seeing its socket close. */
  abortToCloseMs: number[];
  /** Server records no engine request accounts for (must be none). */
  unmatchedRequests: number;
  /** Superseded requests closed before the server had read them (no server record to time). */
  unseenAborted: number;
  maxInFlight: number;
  shown: number;
  accepted: number;
  /** Server view (prompt-cache simulation), per request: prompt tokens, cached tokens, simulated latency. */
  promptTokens: number[];
  cachedTokens: number[];
  simulatedLatencyMs: number[];
  /** Suggestions shown for the keystroke right after an accept, and how many of them a prefetch produced. */
  shownAfterAccept: number;
  prefetchHits: number;
  prefetches: number;
  wallMs: number;
}

async function main(): Promise<void> {
  const only = process.env['TANDEM_BENCH_ONLY'];
  const traceFiles = readdirSync(path.join(here, 'traces')).filter((f) => f.endsWith('.json') && (!only || f.includes(only))).sort();
  const servers: Record<BenchEndpoint, FakeLlmServer> = {
    completions: await FakeLlmServer.start({ models: [completionModel], tokensPerSecond: 150, promptCache }),
    // llama-server: /infill, /props, its timings; the same cache costs.
    infill: await FakeLlmServer.start({ models: ['default'], quirks: 'llamacpp', tokensPerSecond: 150, promptCache }),
  };
  const results: ScenarioMeasurements[] = [];
  try {
    for (const file of traceFiles) {
      const trace = JSON.parse(readFileSync(path.join(here, 'traces', file), 'utf8')) as Trace;
      const runs: Array<{ ttftMs: number; layout: ScenarioMeasurements['layout']; endpoint: BenchEndpoint }> = [
        ...ttfts.map((ttftMs) => ({ ttftMs, layout: 'stable' as const, endpoint: 'completions' as const })),
        { ttftMs: 0, layout: 'baseline', endpoint: 'completions' },
        { ttftMs: 0, layout: 'stable', endpoint: 'infill' },
        { ttftMs: 0, layout: 'baseline', endpoint: 'infill' },
      ];
      for (const { ttftMs, layout, endpoint } of runs) {
        const server = servers[endpoint];
        server.reset(); // the prompt cache too: each scenario starts cold
        server.setOptions({ ttftMs, tokensPerSecond: 150 });
        const name = `${path.parse(file).name}@${endpoint === 'infill' ? 'infill-' : ''}ttft${ttftMs}${layout === 'baseline' ? '-baseline' : ''}`;
        const result = await replay(name, trace, ttftMs, server, layout, endpoint);
        results.push(result);
        console.error(`${result.scenario}: ${result.keys} keys, ${result.requests} requests, ${result.cacheHits + result.typedThroughHits} hits, ${result.superseded} superseded, ${(result.wallMs / 1000).toFixed(1)} s`);
      }
    }
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.close()));
  }
  console.log(`TANDEM_BENCH ${JSON.stringify(results)}`);
}

async function replay(scenario: string, trace: Trace, ttftMs: number, server: FakeLlmServer, layout: ScenarioMeasurements['layout'], endpoint: BenchEndpoint): Promise<ScenarioMeasurements> {
  const wallStart = performance.now();
  const sourceText = readFileSync(path.join(here, trace.source), 'utf8');
  const session = new TypingSession(trace, sourceText);
  const clock = new WarpClock();
  const m: ScenarioMeasurements = {
    scenario, endpoint, layout, lines: sourceText.split('\n').length, ttftMs, keys: 0, calls: 0, requests: 0, cacheHits: 0, typedThroughHits: 0, reusedStreams: 0,
    hitMs: [], hitRequests: 0, overheadMs: [], modelMs: [], superseded: 0, abortToCloseMs: [], unmatchedRequests: 0, unseenAborted: 0, maxInFlight: 0,
    shown: 0, accepted: 0, promptTokens: [], cachedTokens: [], simulatedLatencyMs: [], shownAfterAccept: 0, prefetchHits: 0, prefetches: 0, wallMs: 0,
  };
  let acceptCall = -1;
  const answered = new Set<number>();
  const supersededAt = new Map<number, number>();
  const startedAt = new Map<number, number>();
  const onEvent = (event: CompletionEvent) => {
    if (event.type === 'requestStarted') {
      m.requests++;
      if (event.prefetch) m.prefetches++;
      startedAt.set(event.requestId, performance.now());
    }
    if (event.type === 'hit' && event.kind === 'cache') m.cacheHits++;
    if (event.type === 'hit' && event.kind === 'typedThrough') m.typedThroughHits++;
    if (event.type === 'streamReused') m.reusedStreams++;
    if (event.type === 'completed') {
      answered.add(event.requestId);
      m.overheadMs.push(event.overheadMs);
      m.modelMs.push(event.modelMs);
    }
    if (event.type === 'requestAborted' && event.cause === 'superseded') {
      m.superseded++;
      supersededAt.set(event.requestId, performance.now());
    }
  };
  const tuning = layout === 'baseline' ? baselineTuning : {};
  const engine = new CompletionEngine({ client: benchClient(server.baseUrl, endpoint), clock, related: relatedSource(trace), onEvent, tuning });

  const random = prng(7);
  let controller = new AbortController();
  const complete = () => {
    controller.abort(); // VS Code cancels the previous call's token on every keystroke
    controller = new AbortController();
    const signal = controller.signal;
    const reply = random() < wrongAnswerRate ? session.wrongContinuation(random) : session.rightContinuation();
    server.setOptions({ rules: [{ match: { endpoint: 'completions' }, reply: { text: reply } }] });
    const requestsBefore = m.requests - m.prefetches;
    const calledAt = performance.now();
    const callId = ++m.calls;
    const version = session.document.version;
    void engine.complete({ document: session.document, position: session.position, indentation: indentationOf(trace), triggerKind: 'automatic' }, signal)
      .then((items: CompletionItem[] | undefined) => {
        const item = items?.[0];
        if (!item || signal.aborted) return;
        if (item.source === 'cache' || item.source === 'typedThrough') {
          m.hitMs.push(performance.now() - calledAt);
          if (m.requests - m.prefetches !== requestsBefore) m.hitRequests++; // a prefetch the accept started is not the hit's
        }
        session.shown = { item, version };
        engine.shown(item);
        m.shown++;
        if (callId === acceptCall) {
          m.shownAfterAccept++;
          if (item.prefetched) m.prefetchHits++;
        }
      });
  };

  const schedule: Array<{ at: number; kind: Trace['events'][number][0] }> = [];
  let at = clock.now();
  for (const [kind, dt] of trace.events) schedule.push({ at: (at += dt), kind });
  let next = 0;
  const fireKey = () => {
    const { kind } = schedule[next++] ?? { kind: 'k' };
    if (session.done) return;
    if (kind === 'tab') {
      const accepted = session.acceptShown();
      if (!accepted) return; // nothing right on screen: the typist keeps typing
      engine.accepted(accepted);
      m.accepted++;
      acceptCall = m.calls + 1; // the call below, the editor's own at the new cursor position
    } else if (kind === 'typo') session.typeTypo();
    else if (kind === 'bs') session.backspace();
    else session.typeNext();
    m.keys++;
    complete();
  };

  // The replay loop: real time while a request is in flight, warped time otherwise.
  for (;;) {
    await settle();
    m.maxInFlight = Math.max(m.maxInFlight, engine.requestsInFlight);
    const keyAt = next < schedule.length && !session.done ? (schedule[next]?.at ?? Infinity) : Infinity;
    const timerAt = clock.nextTimerAt();
    const due = Math.min(keyAt, timerAt);
    const busy = engine.requestsInFlight > 0;
    if (due === Infinity && !busy) break;
    if (busy && due > clock.now()) {
      await sleep(Math.min(2, due - clock.now()));
      continue;
    }
    if (!busy) clock.warpTo(due);
    if (timerAt <= keyAt) clock.fireNext();
    else fireKey();
  }
  controller.abort();
  engine.dispose();
  await Promise.all(server.requests.map((r) => r.closed));

  const requests = server.requests;
  const byEngineId = matchRequests(startedAt, requests.map((r) => r.receivedAt));
  m.unmatchedRequests = requests.length - byEngineId.size;
  m.unseenAborted = [...supersededAt.keys()].filter((id) => !byEngineId.has(id)).length;
  for (const [requestId, at] of supersededAt) {
    const index = byEngineId.get(requestId);
    const abortedAt = index === undefined ? undefined : requests[index]?.abortedAt;
    if (abortedAt !== undefined) m.abortToCloseMs.push(abortedAt - at);
  }
  m.maxInFlight = Math.max(m.maxInFlight, maxOverlap(requests.map((r) => [r.receivedAt, r.abortedAt ?? r.completedAt ?? Infinity])));
  for (const r of requests) {
    if (!r.promptCache) continue;
    m.promptTokens.push(r.promptCache.promptTokens);
    m.cachedTokens.push(r.promptCache.cachedTokens);
  }
  for (const requestId of answered) {
    const r = requests[byEngineId.get(requestId) ?? -1];
    // What the user waited for an answer on a CPU box: reading the uncached prompt, then the tokens streamed until the engine had it.
    if (r?.promptCache) m.simulatedLatencyMs.push(r.promptCache.promptMs + (r.tokensSent ?? 0) * promptCache.msPerGeneratedToken);
  }
  m.wallMs = performance.now() - wallStart;
  return m;
}

/**
 * Pairs the engine's requests with the server's records: each record belongs to the latest
 * request started before it arrived (one request at a time). A request aborted before the server
 * read it leaves no record: it is counted apart, never mismatched.
 */
function matchRequests(startedAt: Map<number, number>, receivedAt: number[]): Map<number, number> {
  const starts = [...startedAt].sort((a, b) => a[1] - b[1]);
  const matched = new Map<number, number>();
  receivedAt.forEach((received, index) => {
    const owner = starts.filter(([, at]) => at <= received).at(-1);
    if (owner && !matched.has(owner[0])) matched.set(owner[0], index);
  });
  return matched;
}

function benchClient(baseUrl: string, endpoint: BenchEndpoint): LlmClient {
  // The Ollama preset, as a new user has it; or the llama.cpp server preset (its /infill).
  const { config } = readConfig((key) => (key === 'provider' && endpoint === 'infill' ? 'llamacpp' : undefined));
  const preset = config.provider;
  const completion = endpoint === 'infill' ? preset.models.completion : completionModel;
  return new LlmClient({
    provider: { ...preset, baseUrl, models: { ...preset.models, completion } },
    timeouts: { connectMs: 2_000, firstTokenMs: 10_000, idleMs: 5_000 },
    maxRetries: 0,
  });
}

/** The other source file of the same language, open in another editor tab. */
function relatedSource(trace: Trace): RelatedContextSource {
  const others = readdirSync(path.join(here, 'sources'))
    .filter((f) => `sources/${f}` !== trace.source && f.endsWith(trace.languageId === 'python' ? '.py.txt' : '.ts.txt'));
  const files: RelatedFile[] = others.map((f) => ({
    path: `src/${f.replace(/\.txt$/, '')}`, languageId: trace.languageId, relation: 'open', version: 1, text: readFileSync(path.join(here, 'sources', f), 'utf8'),
  }));
  return { relatedFiles: () => files };
}

function indentationOf(trace: Trace) {
  return trace.languageId === 'python' ? { tabSize: 4, insertSpaces: true } : { tabSize: 2, insertSpaces: true };
}

/** Lets promise chains and I/O callbacks run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function maxOverlap(intervals: Array<[number, number]>): number {
  const points = intervals.flatMap(([from, to]) => [[from, 1], [to, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let max = 0;
  for (const [, change] of points) max = Math.max(max, (open += change));
  return max;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
