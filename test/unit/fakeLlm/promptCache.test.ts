// The fake server's prompt-cache simulation: what a caching server (llama.cpp cache_prompt, vLLM
// prefix caching) reuses of the previous prompt of a slot, and what the rest costs.
import { strict as assert } from 'node:assert';
import { FakeLlmServer } from '../../support/fakeLlm';
import { PromptCacheSim } from '../../support/fakeLlm/promptCache';
import { postJson, rawStream } from './support';

describe('fake-llm prompt cache simulation', () => {
  let server: FakeLlmServer;
  afterEach(() => server?.close());

  it('reuses the longest common prefix of the slot\'s last prompt; the rest costs per token', () => {
    const sim = new PromptCacheSim({ msPerPromptToken: 4 });
    const first = sim.admit('m', 'a'.repeat(400));
    assert.deepEqual({ cached: first.cachedTokens, ms: first.promptMs }, { cached: 0, ms: 400 });
    const second = sim.admit('m', `${'a'.repeat(400)}${'b'.repeat(40)}`);
    assert.deepEqual({ prompt: second.promptTokens, cached: second.cachedTokens, ms: second.promptMs }, { prompt: 110, cached: 100, ms: 40 });
    const changedStart = sim.admit('m', `x${'a'.repeat(439)}`);
    assert.equal(changedStart.cachedTokens, 0, 'a change at the start invalidates everything after it');
    assert.equal(sim.admit('other', 'a'.repeat(400)).cachedTokens, 0, 'each model has its own slots');
  });

  it('with several slots a prompt goes to the slot that shares the most with it', () => {
    const sim = new PromptCacheSim({ slots: 2 });
    sim.admit('m', 'A'.repeat(200));
    sim.admit('m', 'B'.repeat(200));
    const back = sim.admit('m', `${'A'.repeat(200)}tail`);
    assert.equal(back.cachedTokens, 50);
    assert.equal(back.slot, 0);
    assert.equal(sim.admit('m', 'C'.repeat(8), false).cachedTokens, 0);
  });

  it('reports cached tokens as each server does: OpenAI usage details, llama.cpp timings and /infill fields', async () => {
    server = await FakeLlmServer.start({ models: ['m'], promptCache: { msPerPromptToken: 4, msPerGeneratedToken: 50 } });
    server.addRule({ reply: { text: 'ok' } });
    const body = { model: 'm', prompt: 'p'.repeat(400) };
    await postJson(server, '/v1/completions', body);
    const again = (await (await postJson(server, '/v1/completions', { ...body, prompt: `${body.prompt}more` })).json()) as { usage: { prompt_tokens_details: { cached_tokens: number } } };
    assert.equal(again.usage.prompt_tokens_details.cached_tokens, 100);
    assert.deepEqual(server.requests.map((r) => r.promptCache?.cachedTokens), [0, 100]);
    assert.equal(server.requests[1]?.promptCache?.promptMs, 4);

    server.setOptions({ quirks: 'llamacpp' });
    const infill = { input_extra: [{ filename: 'src/a.ts', text: 'export const a = 1;\n' }], input_prefix: 'const x = ', input_suffix: ';\n', prompt: '', n_predict: 16, stream: true };
    await rawStream(server, '/infill', infill);
    const { chunks } = await rawStream(server, '/infill', { ...infill, prompt: 'a' });
    const final = chunks.at(-1) ?? {};
    const timings = final['timings'] as { cache_n: number; prompt_n: number };
    assert.ok(timings.cache_n > 5, `cache_n ${timings.cache_n}`);
    assert.equal(timings.prompt_n, (final['tokens_evaluated'] as number) - timings.cache_n);
    assert.equal(server.requests.at(-1)?.tokensSent, 1);
    const props = (await (await fetch(`http://127.0.0.1:${server.port}/props`)).json()) as Record<string, unknown>;
    assert.equal(props['total_slots'], 1);
    assert.ok(props['default_generation_settings']);
  });

  it('/infill applies n_indent (a less indented line ends the answer) and t_max_predict_ms', async () => {
    server = await FakeLlmServer.start({ models: ['m'], quirks: 'llamacpp', promptCache: { msPerGeneratedToken: 50 } });
    server.addRule({ reply: { text: 'total += x;\n    count++;\n  }\n  return total;\n' } });
    const base = { input_prefix: 'function f() {\n  for (const x of xs) {\n    ', input_suffix: '\n}', n_predict: 64 };
    const indented = (await (await postJson(server, '/infill', { ...base, n_indent: 4 })).json()) as Record<string, unknown>;
    assert.equal(indented['content'], 'total += x;\n    count++;\n  ');
    assert.equal(indented['stop_type'], 'limit');
    const timed = (await (await postJson(server, '/infill', { ...base, t_max_predict_ms: 100 })).json()) as Record<string, unknown>;
    assert.equal(timed['content'], 'total += x;\n    count++;', 'stops at the first line break after 100 ms of generation (2 tokens)');
  });
});
