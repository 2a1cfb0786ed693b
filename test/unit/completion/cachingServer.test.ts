// Completions on caching model servers (issue #18): a prompt layout whose start stays put, llama.cpp's
// /infill, prefetch after an accept, partial accepts from the held suggestion, the stats figures.
import assert from 'node:assert/strict';
import { CompletionEngine, CompletionStats, type CompletionItem, type CompletionTuning } from '../../../src/core/completion';
import { ContextRing } from '../../../src/core/completion/contextRing';
import type { ProviderConfig } from '../../../src/core/config';
import { FakeLlmServer } from '../../support/fakeLlm';
import { testClient } from '../../support/llmTestKit';
import { ManualClock } from './manualClock';
import { documentWithCursor, requestAt, type MemoryDocument } from './memoryDocument';

const debounceMs = 50;
const tuning: Partial<CompletionTuning> = { debounce: { initialMs: debounceMs, minMs: debounceMs, maxMs: debounceMs, gapFactor: 1, lineStartMaxMs: debounceMs, congestedMaxMs: debounceMs } };
const qwen: Partial<ProviderConfig> = { models: { chat: 'fake-chat', edit: 'fake-chat', completion: 'qwen2.5-coder:1.5b-base' } };

function engineFor(server: FakeLlmServer, provider: Partial<ProviderConfig> = qwen, extra: Partial<CompletionTuning> = {}) {
  const { client } = testClient(server.baseUrl, { maxRetries: 0, provider });
  const clock = new ManualClock();
  return { engine: new CompletionEngine({ client, clock, tuning: { ...tuning, ...extra } }), clock };
}

async function ask(engine: CompletionEngine, clock: ManualClock, document: MemoryDocument, position: { line: number; character: number }): Promise<CompletionItem[] | undefined> {
  const pending = engine.complete(requestAt(document, position));
  await clock.advance(debounceMs);
  return pending;
}

const longFile = (cursorLine: string): string => [...Array.from({ length: 300 }, (_, i) => `export const value${i} = compute(${i});`), cursorLine, '', 'export default value0;'].join('\n');

describe('completions on caching servers', () => {
  let server: FakeLlmServer;
  afterEach(() => server?.close());

  it('typing along a line: each prompt starts with the previous one (the server reads only the end)', async () => {
    server = await FakeLlmServer.start({ models: ['qwen2.5-coder:1.5b-base'], promptCache: { msPerPromptToken: 4 } });
    server.addRule({ reply: { text: 'zzz' } }); // never typed through: every keystroke asks
    const { engine, clock } = engineFor(server);
    const { document, position } = documentWithCursor(longFile('const next = █'));
    let at = position;
    for (const ch of 'abc') {
      at = document.insert(at, ch);
      await ask(engine, clock, document, at);
    }
    const cached = server.requests.map((r) => r.promptCache?.cachedTokens ?? 0);
    const prompts = server.requests.map((r) => r.promptCache?.promptTokens ?? 0);
    assert.equal(server.requests.length, 3);
    for (let i = 1; i < 3; i++) assert.ok((cached[i] ?? 0) >= 0.95 * (prompts[i] ?? 1), `request ${i}: ${cached[i]} of ${prompts[i]} cached`);
    const stats = engine.stats.snapshot();
    assert.ok(stats.reusedPromptTokens >= 0.6 * stats.promptTokens, `engine measured ${stats.reusedPromptTokens} of ${stats.promptTokens}`);
    // The cursor line sits after the middle token: prefix and suffix stay in front of it.
    assert.match(String((server.requests[2]?.body as { prompt: string }).prompt), /<\|fim_middle\|>const next = abc$/);
    engine.dispose();
  });

  it('the context ring keeps chunks in place: new ones join at the end, on a timer, from any source', () => {
    const ring = new ContextRing(1_000);
    const a = { path: 'a.ts', text: 'A' };
    const b = { path: 'b.ts', text: 'B' };
    const c = { path: 'index/c.ts', text: 'C' };
    assert.deepEqual(ring.arrange([b, a], 1_000, undefined, 0), [b, a]);
    assert.deepEqual(ring.arrange([a, b], 1_000, undefined, 10), [b, a], 'not re-ranked per request');
    assert.deepEqual(ring.arrange([c], 1_000, undefined, 20), [b, a], 'a new chunk waits for the next refresh');
    assert.deepEqual(ring.arrange([], 1_000, 'a.ts', 2_000), [b, c], 'appended at the end; the current file left out');
    assert.deepEqual(ring.arrange([c, a], 2 * (16 + 5), undefined, 4_000).length, 3);
  });

  it('llama.cpp: native /infill with input_extra, cache_prompt, n_indent and a time limit; cached tokens in the stats', async () => {
    server = await FakeLlmServer.start({ models: ['default'], quirks: 'llamacpp', promptCache: { msPerGeneratedToken: 50 } });
    server.addRule({ reply: { text: 'sum += x;\n  }\n  return sum;\n}' } });
    const { engine, clock } = engineFor(server, { kind: 'llamacpp', models: { chat: 'default', edit: 'default', completion: 'default' } });
    assert.equal(engine.strategyKind, 'infill');
    const { document, position } = documentWithCursor('function total(xs) {\n  let sum = 0;\n  for (const x of xs) {\n    █\n  }\n  return sum;\n}');
    const items = await ask(engine, clock, document, position);
    assert.equal(items?.[0]?.insertText, 'sum += x;');
    const request = server.requests[0];
    assert.equal(request?.path, '/infill');
    const body = request?.body as Record<string, unknown>;
    assert.equal(body['cache_prompt'], true);
    assert.equal(body['n_indent'], 4);
    assert.equal(body['prompt'], '    ');
    assert.equal(body['input_prefix'], 'function total(xs) {\n  let sum = 0;\n  for (const x of xs) {\n');
    assert.equal(body['t_max_predict_ms'], 1_500);
    assert.ok(Array.isArray(body['input_extra']));
    server.addRule({ reply: { text: ' = 0;' } }); // an answer read to its end: the server's stats arrive
    await ask(engine, clock, document, document.insert(position, 'x'));
    assert.equal(server.requests.length, 2);
    const stats = engine.stats.snapshot();
    assert.ok(stats.serverCachedTokens > 0, `server-reported cached tokens: ${stats.serverCachedTokens}`);
    engine.dispose();
  });

  it('a server that rejects `suffix` and answers /props as llama.cpp gets /infill, not the chat fallback', async () => {
    server = await FakeLlmServer.start({ models: ['fake-coder'], quirks: 'llamacpp' });
    server.addRule({ reply: { text: 'a + b;' } });
    const { engine, clock } = engineFor(server, { models: { chat: 'fake-chat', edit: 'fake-chat', completion: 'fake-coder' } });
    const { document, position } = documentWithCursor('function add(a, b) {\n  return █\n}');
    assert.equal(await ask(engine, clock, document, position), undefined);
    for (let i = 0; i < 20 && engine.strategyKind !== 'infill'; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(engine.strategyKind, 'infill');
    assert.ok(server.requests.some((r) => r.path === '/props'));
    engine.dispose();
  });

  it('prefetch: after a whole accept the next suggestion is asked for at once and served with no new request', async () => {
    server = await FakeLlmServer.start({ models: ['qwen2.5-coder:1.5b-base'] });
    server.addRule({ reply: { text: ' // the sum' } });
    server.addRule({ match: { prompt: /<\|fim_middle\|>\s*$/ }, reply: { text: 'const n = xs.length;\n  let sum = 0;' } });
    const { engine, clock } = engineFor(server);
    const { document, position } = documentWithCursor('function total(xs) {\n  █\n  return sum;\n}');
    const item = (await ask(engine, clock, document, position))?.[0];
    assert.equal(item?.insertText, 'const n = xs.length;\n  let sum = 0;');
    const end = document.insert(position, item.insertText); // the editor inserts, then runs the item's command
    engine.accepted(item);
    await server.waitForRequests(2);
    const next = await ask(engine, clock, document, end); // the editor's own call at the new cursor position
    assert.equal(next?.[0]?.insertText, ' // the sum');
    assert.equal(next?.[0]?.prefetched, true);
    assert.equal(server.requests.length, 2, 'no request beyond the prefetch');
    const stats = engine.stats.snapshot();
    assert.deepEqual({ prefetches: stats.prefetches, hits: stats.prefetchHits }, { prefetches: 1, hits: 1 });
    engine.dispose();
  });

  it('prefetch off (tandem.completions.prefetch: false): an accept sends nothing; the next suggestion is asked for when wanted', async () => {
    server = await FakeLlmServer.start({ models: ['qwen2.5-coder:1.5b-base'] });
    server.addRule({ reply: { text: ' // the sum' } });
    server.addRule({ match: { prompt: /<\|fim_middle\|>\s*$/ }, reply: { text: 'const n = xs.length;\n  let sum = 0;' } });
    const { engine, clock } = engineFor(server, qwen, { prefetch: false });
    const { document, position } = documentWithCursor('function total(xs) {\n  █\n  return sum;\n}');
    const item = (await ask(engine, clock, document, position))?.[0];
    assert.ok(item);
    const end = document.insert(position, item.insertText);
    engine.accepted(item);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(server.requests.length, 1, 'no request after the accept');
    const next = await ask(engine, clock, document, end);
    assert.equal(next?.[0]?.insertText, ' // the sum');
    assert.equal(next?.[0]?.prefetched, undefined);
    assert.equal(server.requests.length, 2);
    const stats = engine.stats.snapshot();
    assert.deepEqual({ accepted: stats.accepted, prefetches: stats.prefetches, hits: stats.prefetchHits }, { accepted: 1, prefetches: 0, hits: 0 });
    engine.dispose();
  });

  it('an engine rebuilt after a settings change counts its accepts in the shared stats (suggestion ids never repeat)', async () => {
    // Before, each engine numbered its suggestions from s1: the rebuilt engine's accepts were taken for old ones.
    server = await FakeLlmServer.start({ models: ['qwen2.5-coder:1.5b-base'] });
    server.addRule({ reply: { text: 'items.length;' } });
    const stats = new CompletionStats();
    for (let rebuild = 0; rebuild < 2; rebuild++) {
      const { client } = testClient(server.baseUrl, { maxRetries: 0, provider: qwen });
      const clock = new ManualClock();
      const engine = new CompletionEngine({ client, clock, stats, tuning: { ...tuning, prefetch: false } });
      const { document, position } = documentWithCursor(`const count${rebuild} = █`);
      const item = (await ask(engine, clock, document, position))?.[0];
      assert.ok(item);
      engine.shown(item);
      engine.accepted(item);
      engine.dispose();
    }
    assert.deepEqual({ shown: stats.snapshot().shown, accepted: stats.snapshot().accepted }, { shown: 2, accepted: 2 });
  });

  it('a prefetch is aborted when the user types elsewhere; a partial accept is served from the held suggestion', async () => {
    server = await FakeLlmServer.start({ models: ['qwen2.5-coder:1.5b-base'], ttftMs: 300 });
    server.addRule({ reply: { text: 'items.reduce(sum, 0);' } });
    const { engine, clock } = engineFor(server);
    const { document, position } = documentWithCursor('function f(items) {\n  const total = █\n}');
    const pending = ask(engine, clock, document, position);
    const item = (await pending)?.[0];
    assert.ok(item);
    // Partial accept (a word): the editor inserts `items.`, then asks again: the rest, no request.
    const partial = document.insert(position, 'items.');
    const rest = await engine.complete(requestAt(document, partial));
    assert.equal(rest?.[0]?.insertText, 'reduce(sum, 0);');
    assert.equal(server.requests.length, 1);
    // A whole accept starts a prefetch; typing somewhere else aborts it at once.
    const end = document.insert(partial, 'reduce(sum, 0);');
    engine.accepted({ ...item, insertText: 'items.reduce(sum, 0);', range: { start: position, end: position } });
    await server.waitForRequests(2);
    const elsewhere = document.insert({ line: 0, character: 0 }, '// ');
    void engine.complete(requestAt(document, elsewhere));
    await server.requests[1]?.closed;
    assert.equal(server.requests[1]?.aborted, true);
    void end;
    engine.dispose();
  });
});
