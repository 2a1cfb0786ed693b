// The prompt tokens a server reports as taken from its cache (stats page), when the engine's stop
// rules cut the answer before the server's final report: the usual case for an inline completion.
import assert from 'node:assert/strict';
import { CompletionEngine, type CompletionItem, type CompletionTuning } from '../../../src/core/completion';
import type { ProviderConfig } from '../../../src/core/config';
import { FakeLlmServer } from '../../support/fakeLlm';
import { testClient } from '../../support/llmTestKit';
import { ManualClock } from './manualClock';
import { documentWithCursor, requestAt, type MemoryDocument } from './memoryDocument';

const debounceMs = 50;
const tuning: Partial<CompletionTuning> = { debounce: { initialMs: debounceMs, minMs: debounceMs, maxMs: debounceMs, gapFactor: 1, lineStartMaxMs: debounceMs, congestedMaxMs: debounceMs }, prefetch: false };
const llamacpp: Partial<ProviderConfig> = { kind: 'llamacpp', models: { chat: 'default', edit: 'default', completion: 'default' } };
const qwen: Partial<ProviderConfig> = { models: { chat: 'fake-chat', edit: 'fake-chat', completion: 'qwen2.5-coder:1.5b-base' } };

/** A model that runs on well past the line: the engine stops reading at the line break. */
const runsOn = (first: string) => `${first}\n${Array.from({ length: 40 }, (_, i) => `const extra${i} = compute(${i});`).join('\n')}`;

const file = (cursorLine: string) => [...Array.from({ length: 120 }, (_, i) => `export const value${i} = compute(${i});`), cursorLine, '', 'export default value0;'].join('\n');

function engineFor(server: FakeLlmServer, provider: Partial<ProviderConfig>) {
  const { client } = testClient(server.baseUrl, { maxRetries: 0, provider });
  const clock = new ManualClock();
  return { engine: new CompletionEngine({ client, clock, tuning }), clock };
}

async function ask(engine: CompletionEngine, clock: ManualClock, document: MemoryDocument, position: { line: number; character: number }): Promise<CompletionItem[] | undefined> {
  const pending = engine.complete(requestAt(document, position));
  await clock.advance(debounceMs);
  return pending;
}

/** Lets the client's finally blocks run (the metrics of a stream left early arrive as it closes). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('server-reported cached tokens when the answer is cut early', () => {
  let server: FakeLlmServer;
  afterEach(() => server?.close());

  it('llama.cpp /infill: asks for timings_per_token and counts cache_n from the chunks read before the stop', async () => {
    // Before, the figure came only from the final chunk, which an early stop never reads: 0 were counted.
    server = await FakeLlmServer.start({ models: ['default'], quirks: 'llamacpp', promptCache: {}, tokensPerSecond: 1_000 });
    server.addRule({ reply: { text: runsOn(' compute(1);') } });
    const { engine, clock } = engineFor(server, llamacpp);
    const { document, position } = documentWithCursor(file('const total =█'));
    assert.equal((await ask(engine, clock, document, position))?.[0]?.insertText, ' compute(1);');
    await ask(engine, clock, document, document.insert(position, 'x'));
    await settle();
    assert.equal(server.requests.length, 2);
    assert.equal((server.requests[0]?.body as Record<string, unknown>)['timings_per_token'], true);
    const cachedAtServer = server.requests.map((r) => r.promptCache?.cachedTokens ?? 0);
    assert.ok((cachedAtServer[1] ?? 0) > 0, 'the second prompt reused the first one\'s cache');
    assert.ok(server.requests.every((r) => (r.tokensSent ?? 0) < 100), 'both answers were cut early');
    const stats = engine.stats.snapshot();
    assert.equal(stats.serverCachedTokens, (cachedAtServer[0] ?? 0) + (cachedAtServer[1] ?? 0));
    assert.ok(stats.serverReportedPromptTokens > 0);
    assert.equal(stats.serverCacheEstimates, 0, 'exact figures, no estimate');
    engine.dispose();
  });

  it('an OpenAI-style server (usage only at the end): an answer cut early counts its measured common prefix', async () => {
    server = await FakeLlmServer.start({ models: ['qwen2.5-coder:1.5b-base'], promptCache: {}, tokensPerSecond: 1_000 });
    server.addRule({ reply: { text: ' compute(1);' } }); // read to its end: the usage chunk arrives
    const { engine, clock } = engineFor(server, qwen);
    const { document, position } = documentWithCursor(file('const total =█\nfunction f() {\n  \n}'));
    await ask(engine, clock, document, position);
    await settle();
    const first = engine.stats.snapshot();
    assert.equal(first.serverReportedPromptTokens > 0 && first.serverCacheEstimates === 0, true, 'the server reports cache use');
    // A multi-line answer that runs on past the block: the engine stops reading at its end, before the usage chunk.
    server.addRule({ reply: { text: `const a = 1;\n  const b = 2;\n}\n${runsOn('export const c = 3;')}` } });
    await ask(engine, clock, document, { line: position.line + 2, character: 2 });
    await settle();
    const second = engine.stats.snapshot();
    assert.ok((server.requests[1]?.tokensSent ?? 0) < 100, `the answer was cut early (${server.requests[1]?.tokensSent} tokens sent)`);
    assert.equal(second.serverCacheEstimates, 1);
    assert.equal(second.serverReportedPromptTokens - first.serverReportedPromptTokens, second.promptTokens - first.promptTokens);
    assert.equal(second.serverCachedTokens - first.serverCachedTokens, second.reusedPromptTokens - first.reusedPromptTokens);
    assert.ok(second.serverCachedTokens > first.serverCachedTokens, 'the second prompt shared its start with the first');
    engine.dispose();
  });

  it('a server that never reports cache use (Ollama) stays "not reported", cut early or not', async () => {
    server = await FakeLlmServer.start({ models: ['qwen2.5-coder:1.5b-base'], quirks: 'ollama', promptCache: {}, tokensPerSecond: 1_000 });
    server.addRule({ reply: { text: runsOn(' compute(1);') } });
    const { engine, clock } = engineFor(server, { ...qwen, kind: 'ollama' });
    const { document, position } = documentWithCursor(file('const total =█'));
    await ask(engine, clock, document, position);
    await ask(engine, clock, document, document.insert(position, 'x'));
    await settle();
    const stats = engine.stats.snapshot();
    assert.deepEqual({ reported: stats.serverReportedPromptTokens, estimates: stats.serverCacheEstimates }, { reported: 0, estimates: 0 });
    engine.dispose();
  });
});
