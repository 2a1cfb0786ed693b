import assert from 'node:assert/strict';
import { isLlmError, LlmError } from '../../../src/core/llm';
import { outputTokenBound } from '../../../src/core/llm/outputBudget';
import { FakeLlmServer } from '../../support/fakeLlm';
import { collect, rejectionOf, testClient } from '../../support/llmTestKit';

const ask = [{ role: 'user' as const, content: 'hello' }];

function sentBound(body: unknown): number | undefined {
  const b = body as { max_tokens?: number; max_completion_tokens?: number };
  return b.max_tokens ?? b.max_completion_tokens;
}

describe('LlmClient: every answer is bounded', () => {
  let server: FakeLlmServer;
  before(async () => { server = await FakeLlmServer.start(); });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('sends an output token bound fitting each job, never more than the context window leaves', async () => {
    server.addRule({ reply: { text: 'ok' } });
    const { client } = testClient(server.baseUrl, { provider: { contextWindow: 100_000 } });
    await collect(client.streamChat({ messages: ask }));
    await collect(client.streamChat({ messages: ask, purpose: 'commitMessage' }));
    await collect(client.streamChat({ messages: ask, purpose: 'tests' }));
    await collect(client.streamChat({ messages: ask, role: 'edit' }));
    await collect(client.streamCompletion({ prompt: 'function add(' }));
    await client.chat({ messages: ask, maxTokens: 77 });
    assert.deepEqual(server.requests.map((r) => sentBound(r.body)), [8192, 512, 8192, 2048, 256, 77]);

    // A small window: the bound shrinks to what is left after the prompt (vLLM refuses more).
    const small = testClient(server.baseUrl, { provider: { contextWindow: 4096 } }).client;
    await collect(small.streamChat({ messages: [{ role: 'user', content: 'x'.repeat(4 * 3000) }] }));
    const last = sentBound(server.requests.at(-1)?.body) ?? 0;
    assert.ok(last > 256 && last <= 4096 - 3000, `bound ${last}`);
  });

  it('an edit of a long text may answer as long again', () => {
    assert.equal(outputTokenBound({ role: 'edit' }, 10_000, 1_000_000), 20_000);
    assert.equal(outputTokenBound({ role: 'edit' }, 100_000, 1_000_000), 32_768);
    assert.equal(outputTokenBound({ purpose: 'chat' }, 9_000, 8_192), 256, 'a prompt over the window keeps a minimal bound; the server reports the overflow');
  });

  it("OpenAI's kind names the bound max_completion_tokens; others max_tokens", async () => {
    server.addRule({ reply: { text: 'ok' } });
    await collect(testClient(server.baseUrl, { provider: { kind: 'openai', contextWindow: 100_000 } }).client.streamChat({ messages: ask }));
    await collect(testClient(server.baseUrl, { provider: { kind: 'vllm', contextWindow: 100_000 } }).client.streamChat({ messages: ask }));
    const [openai, vllm] = server.requests.map((r) => r.body as Record<string, unknown>);
    assert.equal(openai?.max_completion_tokens, 8192);
    assert.equal(openai?.max_tokens, undefined);
    assert.equal(vllm?.max_tokens, 8192);
  });

  it('a server that refuses the bound and says its limit gets the request again within it', async () => {
    server.addRule({ reply: { text: 'fits' } });
    server.addRule({
      times: 1,
      fault: { kind: 'status', status: 400, body: { error: { message: 'max_tokens is too large: 8192. This model supports at most 4096 completion tokens, whereas you provided 8192.', type: 'invalid_request_error', param: 'max_tokens', code: 'invalid_value' } } },
    });
    const { client } = testClient(server.baseUrl, { provider: { contextWindow: 100_000 } });
    const { text } = await collect(client.streamChat({ messages: ask }));
    assert.equal(text, 'fits');
    assert.deepEqual(server.requests.map((r) => sentBound(r.body)), [8192, 4096]);
    await collect(client.streamChat({ messages: ask }));
    assert.equal(sentBound(server.requests[2]?.body), 4096, 'learned once for the server');
  });

  it('a server that keeps refusing the bound is asked again at most twice, then its refusal is shown', async () => {
    server.addRule({ fault: { kind: 'status', status: 400, body: { error: { message: "max_tokens must be at most 100; also 'max_completion_tokens' is not supported", type: 'invalid_request_error' } } } });
    const { client } = testClient(server.baseUrl, { provider: { contextWindow: 100_000 } });
    const error = await rejectionOf(collect(client.streamChat({ messages: ask })));
    assert.ok(isLlmError(error, 'badRequest'), String(error));
    assert.ok(server.requests.length <= 3, `${server.requests.length} requests`);
  });

  it('a model that wants max_completion_tokens instead of max_tokens gets it', async () => {
    server.addRule({ reply: { text: 'ok' } });
    server.addRule({
      times: 1,
      fault: { kind: 'status', status: 400, body: { error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", type: 'invalid_request_error', param: 'max_tokens', code: 'unsupported_parameter' } } },
    });
    const { client } = testClient(server.baseUrl, { provider: { contextWindow: 100_000 } });
    await collect(client.streamChat({ messages: ask }));
    const second = server.requests[1]?.body as Record<string, unknown>;
    assert.equal(second.max_completion_tokens, 8192);
    assert.equal(second.max_tokens, undefined);
  });

  it('a server that ignores the bound and streams forever is cut off there, its socket closed', async function () {
    this.timeout(20_000);
    server.addRule({ fault: { kind: 'endless' } });
    const { client, logger } = testClient(server.baseUrl);
    const started = performance.now();
    const { text, result } = await collect(client.streamChat({ messages: ask, maxTokens: 1000 }));
    assert.equal(result?.finishReason, 'length');
    assert.ok(text.length >= 1000 * 4 && text.length < 100_000, `stopped after ${text.length} characters`);
    assert.ok(performance.now() - started < 5_000);
    await server.requests[0]?.closed;
    assert.equal(server.requests[0]?.aborted, true, 'the client closed the connection');
    assert.ok(logger.lines.some((l) => /ignores the output limit/.test(l)), logger.lines.join('\n'));
  });

  it('a non-streamed answer that never ends is cut off by the total time limit', async function () {
    this.timeout(20_000);
    server.setOptions({ tokensPerSecond: 200 });
    server.addRule({ fault: { kind: 'endless' } });
    const { client } = testClient(server.baseUrl, { timeouts: { connectMs: 1_000, firstTokenMs: 5_000, idleMs: 5_000, totalMs: 1_000 } });
    const error = await rejectionOf(client.chat({ messages: ask }));
    assert.ok(isLlmError(error, 'totalTimeout'), String(error));
  });

  it('a slow stream that never ends stops at tandem.timeouts.totalSeconds, with a message that names it', async function () {
    this.timeout(20_000);
    server.setOptions({ tokensPerSecond: 100 });
    server.addRule({ fault: { kind: 'endless' } });
    const { client } = testClient(server.baseUrl, { timeouts: { connectMs: 1_000, firstTokenMs: 5_000, idleMs: 5_000, totalMs: 1_500 } });
    const started = performance.now();
    let received = 0;
    const error = await rejectionOf((async () => {
      for await (const event of client.streamChat({ messages: ask })) if (event.type === 'text') received += event.text.length;
    })());
    const elapsed = performance.now() - started;
    assert.ok(error instanceof LlmError && error.kind === 'totalTimeout', String(error));
    assert.ok(received > 0, 'tokens were arriving all along (no idle timeout)');
    assert.ok(elapsed >= 1_400 && elapsed < 4_000, `stopped after ${Math.round(elapsed)} ms`);
    assert.match(error.message, new RegExp(`^fake-chat at 127\\.0\\.0\\.1:${server.port} was still answering after 1\\.5 s \\(\\d+ characters so far\\), the limit for one answer; it was stopped — ask for a shorter answer, or raise tandem\\.timeouts\\.totalSeconds\\.$`));
    await server.requests[0]?.closed;
    assert.equal(server.requests[0]?.aborted, true);
  });
});
