import assert from 'node:assert/strict';
import { CompletionEngine, type CompletionEvent, type CompletionItem, type CompletionTuning } from '../../../src/core/completion';
import type { ProviderConfig } from '../../../src/core/config';
import type { RelatedContextSource } from '../../../src/core/context';
import { FakeLlmServer, type FakeServerOptions } from '../../support/fakeLlm';
import { testClient } from '../../support/llmTestKit';
import { ManualClock, settle } from './manualClock';
import { documentWithCursor, requestAt, type MemoryDocument } from './memoryDocument';

const debounceMs = 50;
const fixedDebounce: Partial<CompletionTuning> = { debounce: { initialMs: debounceMs, minMs: debounceMs, maxMs: debounceMs, gapFactor: 1, lineStartMaxMs: debounceMs, congestedMaxMs: debounceMs } };

interface Setup {
  provider?: Partial<ProviderConfig>;
  tuning?: Partial<CompletionTuning>;
  related?: RelatedContextSource;
}

function engineFor(server: FakeLlmServer, setup: Setup = {}) {
  const { client, metrics } = testClient(server.baseUrl, { maxRetries: 0, provider: setup.provider });
  const clock = new ManualClock();
  const events: CompletionEvent[] = [];
  const engine = new CompletionEngine({ client, clock, related: setup.related, tuning: { ...fixedDebounce, ...setup.tuning }, onEvent: (e) => events.push(e) });
  return { engine, clock, events, metrics };
}

/** One keystroke as VS Code delivers it: the previous call's token is cancelled, a new call starts. */
class Typist {
  private controller = new AbortController();
  constructor(private readonly engine: CompletionEngine, readonly document: MemoryDocument, public position: { line: number; character: number }) {}

  complete(triggerKind: 'automatic' | 'explicit' = 'automatic'): Promise<CompletionItem[] | undefined> {
    this.controller.abort();
    this.controller = new AbortController();
    return this.engine.complete({ ...requestAt(this.document, this.position), triggerKind }, this.controller.signal);
  }

  type(text: string): Promise<CompletionItem[] | undefined> {
    this.position = this.document.insert(this.position, text);
    return this.complete();
  }
}

async function completeAfterDebounce(clock: ManualClock, pending: Promise<CompletionItem[] | undefined>) {
  await clock.advance(debounceMs);
  return pending;
}

describe('CompletionEngine against the fake model server', () => {
  let server: FakeLlmServer;
  const start = async (options: FakeServerOptions = {}) => {
    await server?.close();
    server = await FakeLlmServer.start({ models: ['fake-coder', 'fake-chat', 'qwen2.5-coder:1.5b-base'], ...options });
  };
  beforeEach(() => start());
  after(() => server?.close());

  describe('requests by strategy', () => {
    it('suffix strategy (unknown model on a local server): prefix as prompt, suffix parameter', async () => {
      server.addRule({ match: { endpoint: 'completions' }, reply: { text: 'a + b;' } });
      const { engine, clock } = engineFor(server);
      const { document, position } = documentWithCursor('function add(a: number, b: number) {\n  return █\n}');
      const items = await completeAfterDebounce(clock, new Typist(engine, document, position).complete());
      assert.equal(items?.[0]?.insertText, 'a + b;');
      assert.deepEqual(items?.[0]?.range, { start: position, end: position });
      const body = server.requests[0]?.body as { prompt: string; suffix: string; stop: string[]; model: string };
      assert.equal(body.prompt, 'function add(a: number, b: number) {\n  return ');
      assert.equal(body.suffix, '\n}');
      assert.deepEqual(body.stop, ['\n']);
      assert.equal(body.model, 'fake-coder');
      assert.equal(engine.strategyKind, 'suffix');
    });

    it('template strategy (Qwen2.5-Coder): raw FIM prompt, no suffix parameter', async () => {
      server.addRule({ match: { endpoint: 'completions' }, reply: { text: 'a + b;' } });
      const { engine, clock } = engineFor(server, { provider: { models: { chat: 'fake-chat', edit: 'fake-chat', completion: 'qwen2.5-coder:1.5b-base' } } });
      const { document, position } = documentWithCursor('function add(a, b) {\n  return █\n}');
      const items = await completeAfterDebounce(clock, new Typist(engine, document, position).complete());
      assert.equal(items?.[0]?.insertText, 'a + b;');
      const body = server.requests[0]?.body as Record<string, unknown>;
      assert.equal(body['prompt'], '<|fim_prefix|>function add(a, b) {\n<|fim_suffix|>\n}<|fim_middle|>  return ');
      assert.equal('suffix' in body, false);
    });

    it('chat strategy (OpenAI kind): a chat request; the fenced answer becomes the item', async () => {
      server.addRule({ match: { endpoint: 'chat' }, reply: { text: '```ts\nreturn a + b;\n```' } });
      const { engine, clock } = engineFor(server, { provider: { kind: 'openai', fimMode: 'auto', models: { chat: 'fake-chat', edit: 'fake-chat', completion: 'fake-chat' } } });
      const { document, position } = documentWithCursor('function add(a, b) {\n  █\n}');
      const items = await completeAfterDebounce(clock, new Typist(engine, document, position).complete());
      assert.equal(items?.[0]?.insertText, 'return a + b;');
      assert.equal(server.requests[0]?.path, '/v1/chat/completions');
    });

    it('a server that rejects the suffix parameter (vLLM) switches the engine to the chat fallback', async () => {
      await start({ quirks: 'vllm' });
      server.addRule({ match: { endpoint: 'chat' }, reply: { text: 'a + b;' } });
      const { engine, clock, events } = engineFor(server);
      const { document, position } = documentWithCursor('const sum = █');
      const typist = new Typist(engine, document, position);
      assert.equal(await completeAfterDebounce(clock, typist.complete()), undefined);
      assert.equal(engine.strategyKind, 'chat');
      assert.ok(events.some((e) => e.type === 'strategyChanged'));
      await clock.advance(10_000); // past the failure pause
      const items = await completeAfterDebounce(clock, typist.type(' '));
      assert.equal(items?.[0]?.insertText, 'a + b;');
    });
  });

  describe('cache before anything else', () => {
    it('the same place again: answered at once from the cache, no debounce, no request', async () => {
      server.addRule({ match: { endpoint: 'completions' }, reply: { text: 'items.reduce(sum, 0);' } });
      const { engine, clock, events } = engineFor(server);
      const { document, position } = documentWithCursor('function f(items) {\n  const total = █\n}');
      const typist = new Typist(engine, document, position);
      await completeAfterDebounce(clock, typist.complete());
      const started = performance.now();
      const items = await typist.complete(); // clock not advanced: a debounce would never end
      const elapsed = performance.now() - started;
      assert.equal(items?.[0]?.insertText, 'items.reduce(sum, 0);');
      assert.equal(items?.[0]?.source, 'cache');
      assert.equal(server.requests.length, 1);
      assert.ok(elapsed < 20, `hit took ${elapsed.toFixed(2)} ms`);
      assert.ok(events.some((e) => e.type === 'hit' && e.kind === 'cache'));
    });

    it('typed-through: characters matching the suggestion get the rest of it at once', async () => {
      server.addRule({ match: { endpoint: 'completions' }, reply: { text: 'items.reduce(sum, 0);' } });
      const { engine, clock } = engineFor(server);
      const { document, position } = documentWithCursor('function f(items) {\n  const total = █\n}');
      const typist = new Typist(engine, document, position);
      const first = await completeAfterDebounce(clock, typist.complete());
      await typist.type('i');
      const items = await typist.type('te');
      assert.equal(items?.[0]?.insertText, 'ms.reduce(sum, 0);');
      assert.equal(items?.[0]?.source, 'typedThrough');
      assert.equal(items?.[0]?.suggestionId, first?.[0]?.suggestionId);
      assert.equal(server.requests.length, 1);
      assert.equal(engine.stats.snapshot().typedThroughHits, 2);
    });

    it('a character off the suggestion is a miss and a new request after the debounce', async () => {
      server.addRule({ match: { endpoint: 'completions' }, reply: { text: 'items.length;' } });
      const { engine, clock } = engineFor(server);
      const { document, position } = documentWithCursor('const total = █');
      const typist = new Typist(engine, document, position);
      await completeAfterDebounce(clock, typist.complete());
      const pending = typist.type('x');
      await settle();
      assert.equal(server.requests.length, 1, 'nothing sent before the debounce ends');
      await completeAfterDebounce(clock, pending);
      assert.equal(server.requests.length, 2);
    });
  });

  describe('debounce', () => {
    it('no request before the debounce ends; a cancelled keystroke sends none', async () => {
      server.addRule({ reply: { text: 'x' } });
      const { engine, clock } = engineFor(server);
      const { document, position } = documentWithCursor('let a = █');
      const typist = new Typist(engine, document, position);
      const first = typist.complete();
      await clock.advance(debounceMs - 1);
      const second = typist.type('1'); // cancels the first call inside its debounce
      assert.equal(await first, undefined);
      await clock.advance(debounceMs - 1);
      assert.equal(server.requests.length, 0);
      await completeAfterDebounce(clock, second);
      assert.equal(server.requests.length, 1);
    });

    it('an explicit request does not wait', async () => {
      server.addRule({ reply: { text: 'value;' } });
      const { engine } = engineFor(server);
      const { document, position } = documentWithCursor('let a = █');
      const items = await new Typist(engine, document, position).complete('explicit');
      assert.equal(items?.[0]?.insertText, 'value;');
    });
  });

  describe('at most one request in flight', () => {
    it('a keystroke off the streaming answer aborts it at once: the server sees the socket close', async () => {
      server.addRule({ match: { endpoint: 'completions' }, reply: { text: 'slowAnswer();' }, ttftMs: 2_000 });
      const { engine, clock, events } = engineFor(server);
      const { document, position } = documentWithCursor('function f() {\n  const x = █\n}');
      const typist = new Typist(engine, document, position);
      const first = completeAfterDebounce(clock, typist.complete());
      await server.waitForRequests(1);
      assert.equal(engine.requestsInFlight, 1);
      const supersededAt = performance.now();
      const second = typist.type('q');
      assert.equal(engine.requestsInFlight, 0, 'aborted synchronously, before any new request');
      const request = server.requests[0];
      await request?.closed;
      assert.equal(request?.aborted, true);
      const delay = (request?.abortedAt ?? Infinity) - supersededAt;
      assert.ok(delay < 50, `the server saw the close ${delay.toFixed(1)} ms after the keystroke`);
      assert.equal(await first, undefined);
      assert.ok(events.some((e) => e.type === 'requestAborted' && e.cause === 'superseded'));
      await clock.advance(debounceMs);
      await server.waitForRequests(2);
      assert.equal(engine.requestsInFlight, 1);
      engine.dispose();
      await second;
      assert.equal(engine.stats.snapshot().aborted, 2);
    });

    it('a keystroke along the streamed text reuses the stream: no abort, no second request', async () => {
      await start({ tokensPerSecond: 20, chunkSize: 4 });
      server.addRule({ match: { endpoint: 'completions' }, reply: { text: 'computeTotal(order);' } });
      const { engine, clock } = engineFor(server);
      const { document, position } = documentWithCursor('const total = █');
      const typist = new Typist(engine, document, position);
      const first = completeAfterDebounce(clock, typist.complete());
      await server.waitForRequests(1);
      await waitUntil(() => typistStreamed(engine) >= 4);
      const second = typist.type('co');
      assert.equal(await first, undefined, 'the first call was cancelled by the keystroke');
      const items = await second;
      assert.equal(items?.[0]?.insertText, 'mputeTotal(order);');
      assert.equal(items?.[0]?.source, 'reusedStream');
      assert.equal(server.requests.length, 1);
      assert.equal(server.requests[0]?.aborted, false);
      assert.equal(engine.stats.snapshot().reusedStreams, 1);
    });

    it('never more than one request open at the server while typing fast', async () => {
      server.addRule({ match: { endpoint: 'completions' }, reply: { text: 'value + 1;' }, ttftMs: 30 });
      const { engine, clock } = engineFor(server, { tuning: { debounce: { initialMs: 5, minMs: 5, maxMs: 5, gapFactor: 1, lineStartMaxMs: 5, congestedMaxMs: 5 } } });
      const { document, position } = documentWithCursor('let v = █');
      const typist = new Typist(engine, document, position);
      const pending: Array<Promise<unknown>> = [];
      for (const ch of 'abcdefgh') {
        pending.push(typist.type(ch));
        await clock.advance(5);
        await sleep(10);
        assert.ok(engine.requestsInFlight <= 1);
      }
      await clock.advance(5);
      await Promise.all(pending);
      await Promise.all(server.requests.map((r) => r.closed));
      assert.ok(server.requests.length >= 2);
      assert.equal(maxOverlap(server.requests.map((r) => [r.receivedAt, r.abortedAt ?? r.completedAt ?? Infinity])), 1);
    });

    it('an abandoned request (nobody asks again) is closed after the grace period', async () => {
      server.addRule({ match: { endpoint: 'completions' }, reply: { text: 'late' }, ttftMs: 2_000 });
      const { engine, clock, events } = engineFor(server, { tuning: { orphanGraceMs: 100 } });
      const { document, position } = documentWithCursor('let v = █');
      const controller = new AbortController();
      const pending = engine.complete(requestAt(document, position), controller.signal);
      await clock.advance(debounceMs);
      await server.waitForRequests(1);
      controller.abort();
      assert.equal(await pending, undefined);
      await clock.advance(99);
      assert.equal(engine.requestsInFlight, 1);
      await clock.advance(1);
      await server.requests[0]?.closed;
      assert.equal(server.requests[0]?.aborted, true);
      assert.ok(events.some((e) => e.type === 'requestAborted' && e.cause === 'abandoned'));
    });
  });

  describe('streaming with early stop', () => {
    it('single line: the answer ends at the first line break (the server is told to stop there)', async () => {
      await start({ tokensPerSecond: 200 });
      server.addRule({ match: { endpoint: 'completions' }, reply: { text: `first(line);\n${'more();\n'.repeat(200)}` } });
      const { engine, clock } = engineFor(server);
      const { document, position } = documentWithCursor('  const x = █');
      const started = performance.now();
      const items = await completeAfterDebounce(clock, new Typist(engine, document, position).complete());
      assert.equal(items?.[0]?.insertText, 'first(line);');
      assert.ok(performance.now() - started < 2_000, 'did not wait for the 8-second answer');
      assert.deepEqual((server.requests[0]?.body as { stop: string[] }).stop, ['\n']);
    });

    it('multi-line: the stream is closed as soon as the block ends', async () => {
      await start({ tokensPerSecond: 100 });
      server.addRule({ match: { endpoint: 'completions' }, reply: { text: `\n  return a * b;\n}\n\n${'function more() {\n  return 1;\n}\n'.repeat(50)}` } });
      const { engine, clock, metrics } = engineFor(server);
      const { document, position } = documentWithCursor('function mul(a, b) {█');
      const started = performance.now();
      const items = await completeAfterDebounce(clock, new Typist(engine, document, position).complete());
      assert.equal(items?.[0]?.insertText, '\n  return a * b;\n}');
      assert.ok(performance.now() - started < 2_000, 'did not wait for the 8-second answer');
      await server.requests[0]?.closed;
      assert.equal(server.requests[0]?.aborted, true, 'the client closed the connection');
      assert.equal(metrics[0]?.outcome, 'stopped');
    });
  });

  describe('context', () => {
    const source = (delayMs: number): RelatedContextSource & { calls: number } => ({
      calls: 0,
      async relatedFiles() {
        this.calls++;
        await sleep(delayMs);
        return [
          { path: 'src/money.ts', languageId: 'typescript', relation: 'import', text: 'export function addMoney(a: Money, b: Money): Money {\n  return { cents: a.cents + b.cents };\n}' },
          { path: '.env', languageId: 'dotenv', relation: 'open', text: 'addMoney Money cents=1\nAPI_TOKEN=abcdefghijklmnop' },
        ];
      },
    });

    it('related snippets go into the prompt (sensitive files dropped)', async () => {
      server.addRule({ reply: { text: 'addMoney(a, b);' } });
      const related = source(0);
      const { engine, clock } = engineFor(server, { related });
      const { document, position } = documentWithCursor('const total: Money = █');
      const pending = new Typist(engine, document, position).complete();
      await sleep(20); // the source answers within the debounce
      await completeAfterDebounce(clock, pending);
      const prompt = String((server.requests[0]?.body as { prompt: string }).prompt);
      assert.match(prompt, /^\/\/ Path: src\/money\.ts\n\/\/ export function addMoney/);
      assert.ok(!prompt.includes('API_TOKEN'));
    });

    it('a slow source does not delay the request past the debounce (hard cap); its answer serves the next one', async () => {
      server.addRule({ reply: { text: 'addMoney(a, b);' } });
      const related = source(200);
      const { engine, clock } = engineFor(server, { related });
      const { document, position } = documentWithCursor('const total: Money = █');
      const typist = new Typist(engine, document, position);
      const pending = typist.complete();
      await clock.advance(debounceMs);
      await server.waitForRequests(1, 1_000);
      await pending;
      assert.ok(!String((server.requests[0]?.body as { prompt: string }).prompt).includes('Path:'), 'sent without snippets');
      await sleep(250);
      await completeAfterDebounce(clock, typist.type(' '));
      assert.match(String((server.requests[1]?.body as { prompt: string }).prompt), /Path: src\/money\.ts/);
      assert.equal(related.calls, 1, 'files are remembered between requests');
    });

    it('no completions at all in ignored files (.env)', async () => {
      server.addRule({ reply: { text: 'x' } });
      const { engine, clock } = engineFor(server);
      const { document, position } = documentWithCursor('API_KEY=█', 'plaintext', 'file:///work/.env');
      Object.assign(document, { relativePath: '.env' });
      assert.equal(await completeAfterDebounce(clock, new Typist(engine, document, position).complete('explicit')), undefined);
      assert.equal(server.requests.length, 0);
    });
  });

  describe('failures', () => {
    it('a server error returns nothing, and completions pause instead of failing on every keystroke', async () => {
      server.addRule({ fault: { kind: 'status', status: 500 } });
      const { engine, clock } = engineFor(server);
      const { document, position } = documentWithCursor('let v = █');
      const typist = new Typist(engine, document, position);
      assert.equal(await completeAfterDebounce(clock, typist.complete()), undefined);
      assert.equal(await completeAfterDebounce(clock, typist.type('a')), undefined);
      assert.equal(server.requests.length, 1, 'paused after the failure');
      assert.equal(engine.stats.snapshot().errors, 1);
      server.clearRules();
      server.addRule({ reply: { text: 'ok;' } });
      await clock.advance(5_000);
      const items = await completeAfterDebounce(clock, typist.type('b'));
      assert.equal(items?.[0]?.insertText, 'ok;');
    });

    it('an empty answer is counted and shows nothing', async () => {
      server.addRule({ reply: { text: '   ' } });
      const { engine, clock } = engineFor(server);
      const { document, position } = documentWithCursor('let v = █');
      assert.equal(await completeAfterDebounce(clock, new Typist(engine, document, position).complete()), undefined);
      assert.equal(engine.stats.snapshot().empty, 1);
    });

    it('the harm guard runs last: a trimmed answer shows its harmless part, a dropped one nothing, and the stats count both', async () => {
      const { engine, clock } = engineFor(server);
      // A Python block header with nothing under it (the next line is back at its level): cut.
      const trimmed = documentWithCursor('def total(items):\n  █\n  return result', 'python');
      server.addRule({ reply: { text: 'result = 0\n  for item in items:' }, times: 1 });
      const items = await completeAfterDebounce(clock, new Typist(engine, trimmed.document, trimmed.position).complete());
      assert.equal(items?.[0]?.insertText, 'result = 0');
      const dropped = documentWithCursor("export const greeting = '█';");
      server.addRule({ reply: { text: "It's nice" }, times: 1 });
      assert.equal(await completeAfterDebounce(clock, new Typist(engine, dropped.document, dropped.position).complete()), undefined);
      const stats = engine.stats.snapshot();
      assert.deepEqual({ trimmed: stats.guardTrimmed, dropped: stats.guardDropped }, { trimmed: 1, dropped: 1 });
    });
  });

  it('stats: shown and accepted per suggestion, model time and overhead per request', async () => {
    server.addRule({ reply: { text: 'done();' } });
    const { engine, clock } = engineFor(server);
    const { document, position } = documentWithCursor('  █');
    const typist = new Typist(engine, document, position);
    const items = await completeAfterDebounce(clock, typist.complete());
    const item = items?.[0];
    assert.ok(item);
    engine.shown(item);
    const again = await typist.type('d');
    engine.shown(again?.[0] ?? item);
    engine.accepted(again?.[0] ?? item);
    const snap = engine.stats.snapshot();
    assert.deepEqual({ requests: snap.requests, shown: snap.shown, accepted: snap.accepted, rate: snap.acceptanceRate }, { requests: 1, shown: 1, accepted: 1, rate: 1 });
    assert.equal(snap.modelLatency.count, 1);
    assert.equal(snap.overhead.count, 1);
  });
});

function typistStreamed(engine: CompletionEngine): number {
  // The in-flight request's streamed text, read the way the engine's own reuse check does.
  const flight = (engine as unknown as { flight?: { streamed: string } }).flight; // test-only peek at a private field
  return flight?.streamed.length ?? 0;
}

async function waitUntil(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error('condition not met in time');
    await sleep(5);
  }
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
