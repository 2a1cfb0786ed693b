import assert from 'node:assert/strict';
import { isLlmError, LlmError } from '../../../src/core/llm';
import { blackholePort } from '../../support/blackholePort';
import { contextLengthExceeded, FakeLlmServer, unusedPort } from '../../support/fakeLlm';
import { collect, rejectionOf, testClient } from '../../support/llmTestKit';

const ask = [{ role: 'user' as const, content: 'hello' }];

async function streamFailure(client: ReturnType<typeof testClient>['client']): Promise<LlmError> {
  const error = await rejectionOf(collect(client.streamChat({ messages: ask })));
  assert.ok(error instanceof LlmError, `expected an LlmError, got ${String(error)}`);
  return error;
}

describe('LlmClient: faults become clear, actionable errors', () => {
  let server: FakeLlmServer;
  before(async () => { server = await FakeLlmServer.start({ models: ['fake-chat', 'fake-coder', 'llama3.1:8b'] }); });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('no server: says nothing answers at the URL and how to start Ollama', async () => {
    const port = await unusedPort();
    const { client } = testClient(`http://127.0.0.1:${port}/v1`, { provider: { kind: 'ollama' } });
    const error = await streamFailure(client);
    assert.equal(error.kind, 'unreachable');
    assert.equal(error.message, `No model server answers at http://127.0.0.1:${port}/v1 — start Ollama (\`ollama serve\`), or change tandem.provider.`);
    assert.match(error.detail ?? '', /ECONNREFUSED/);
  });

  it('401: names the provider whose key to set, and keeps the server body out of the message', async () => {
    server.addRule({ fault: { kind: 'status', status: 401, body: { error: { message: 'Incorrect API key provided: sk-abc***xyz', type: 'invalid_request_error', code: 'invalid_api_key' } } } });
    const { client } = testClient(server.baseUrl);
    const error = await streamFailure(client);
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /^Authentication failed at 127\.0\.0\.1:\d+ \(HTTP 401\) — set the API key for provider 'fake' with "Tandem: Set API Key"/);
    assert.doesNotMatch(error.message, /Incorrect API key/);
    assert.match(error.detail ?? '', /Incorrect API key/);
    assert.deepEqual(error.actions, ['setApiKey', 'showLog']);
  });

  it('unknown model: lists the models the server has', async () => {
    const { client } = testClient(server.baseUrl, { provider: { models: { chat: 'gpt-5', edit: 'gpt-5', completion: 'gpt-5' } } });
    const error = await streamFailure(client);
    assert.equal(error.kind, 'modelNotFound');
    assert.equal(error.message, "Model 'gpt-5' not found; available: fake-chat, fake-coder, llama3.1:8b. Pick one with \"Tandem: Select Chat Model\".");
  });

  it('unknown model on Ollama: also suggests pulling it', async () => {
    server.setOptions({ quirks: 'ollama' });
    const { client } = testClient(server.baseUrl, { provider: { kind: 'ollama', models: { chat: 'qwen3:8b', edit: 'qwen3:8b', completion: 'qwen3:8b' } } });
    const error = await streamFailure(client);
    assert.equal(error.kind, 'modelNotFound');
    assert.match(error.message, /available: fake-chat.*or run `ollama pull qwen3:8b`\.$/);
  });

  it('a base URL without /v1: says the endpoint is wrong instead of blaming the model', async () => {
    const { client } = testClient(server.baseUrl.replace(/\/v1$/, '/api'));
    const error = await streamFailure(client);
    assert.equal(error.kind, 'wrongEndpoint');
    assert.match(error.message, /check tandem\.providers\.fake\.baseUrl \(it usually ends in \/v1\)/);
  });

  it('429 with a long Retry-After: says when to retry instead of waiting', async () => {
    server.addRule({ fault: { kind: 'status', status: 429, retryAfterSeconds: 120 } });
    const { client } = testClient(server.baseUrl);
    const error = await streamFailure(client);
    assert.equal(error.kind, 'rateLimited');
    assert.equal(error.message, `Rate limited by 127.0.0.1:${server.port} — retry in 120 s.`);
    assert.equal(server.requests.length, 1, 'no retry beyond the policy limit');
  });

  it('context too long: says by how much, from the OpenAI-style message', async () => {
    server.addRule({ fault: contextLengthExceeded(8192, 9100) });
    const { client } = testClient(server.baseUrl);
    const error = await streamFailure(client);
    assert.equal(error.kind, 'contextTooLong');
    assert.equal(error.message, "The prompt is 9100 tokens, 908 over fake-chat's 8192-token context window — remove some context or pick a model with a larger window.");
    assert.deepEqual(error.tokens, { limit: 8192, requested: 9100 });
  });

  it('stream cut off mid-answer: says so, keeps what arrived out of a retry', async () => {
    server.addRule({ reply: { text: 'The quick brown fox jumps over the lazy dog. '.repeat(4) }, fault: { kind: 'disconnect', afterChunks: 3 } });
    const { client } = testClient(server.baseUrl);
    const received: string[] = [];
    const error = await rejectionOf((async () => {
      for await (const event of client.streamChat({ messages: ask })) if (event.type === 'text') received.push(event.text);
    })());
    assert.ok(isLlmError(error, 'streamCut'), String(error));
    const got = received.join('').length;
    assert.ok(got > 0, 'part of the answer arrived before the cut');
    assert.equal((error as LlmError).message, `The connection to 127.0.0.1:${server.port} closed in the middle of the answer (after ${got} characters) — try again.`);
    assert.equal(server.requests.length, 1, 'a half-streamed answer is never replayed');
  });

  it('malformed SSE line: says the response is not OpenAI-compatible', async () => {
    server.addRule({ reply: { text: 'abcdefghijklmnop' }, fault: { kind: 'malformedSse', afterChunks: 2 } });
    const { client } = testClient(server.baseUrl);
    const error = await streamFailure(client);
    assert.equal(error.kind, 'malformed');
    assert.match(error.message, /could not read \(not OpenAI-compatible JSON\)/);
  });

  it('non-JSON body: malformed, with the body in the log detail only', async () => {
    server.addRule({ fault: { kind: 'nonJson' } });
    const { client } = testClient(server.baseUrl);
    const error = await rejectionOf(client.chat({ messages: ask }));
    assert.ok(isLlmError(error, 'malformed'), String(error));
  });

  it('500: a server error, retried before giving up', async () => {
    server.addRule({ fault: { kind: 'status', status: 500, body: { error: { message: 'CUDA out of memory' } } } });
    const { client } = testClient(server.baseUrl);
    const error = await streamFailure(client);
    assert.equal(error.kind, 'server');
    assert.doesNotMatch(error.message, /CUDA/);
    assert.equal(server.requests.length, 3, 'first attempt + 2 retries');
  });
});

describe('LlmClient: retries only where safe', () => {
  let server: FakeLlmServer;
  before(async () => { server = await FakeLlmServer.start(); });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('retries a 429 after the Retry-After delay, then streams the answer', async () => {
    server.addRule({ reply: { text: 'finally' } });
    server.addRule({ fault: { kind: 'status', status: 429, retryAfterSeconds: 0.3 }, times: 1 });
    const { client, metrics } = testClient(server.baseUrl);
    const started = performance.now();
    const { text } = await collect(client.streamChat({ messages: ask }));
    assert.equal(text, 'finally');
    assert.equal(server.requests.length, 2);
    const gap = (server.requests[1]?.receivedAt ?? 0) - (server.requests[0]?.receivedAt ?? 0);
    assert.ok(gap >= 290, `waited ${gap} ms, Retry-After asked for 300`);
    assert.ok(performance.now() - started < 2_000);
    assert.equal(metrics[0]?.attempts, 2);
  });

  it('retries a 503 with backoff', async () => {
    server.addRule({ reply: { text: 'ok' } });
    server.addRule({ fault: { kind: 'status', status: 503 }, times: 2 });
    const { client } = testClient(server.baseUrl);
    assert.equal((await client.chat({ messages: ask })).text, 'ok');
    assert.equal(server.requests.length, 3);
  });

  it('does not retry 401, 404 or 400', async () => {
    for (const status of [401, 404, 400]) {
      server.reset();
      server.addRule({ fault: { kind: 'status', status } });
      const { client } = testClient(server.baseUrl);
      await rejectionOf(collect(client.streamChat({ messages: ask })));
      assert.equal(server.requests.filter((r) => r.path.endsWith('/chat/completions')).length, 1, `status ${status}`);
    }
  });

  it('respects tandem.retries.maxRetries = 0', async () => {
    server.addRule({ fault: { kind: 'status', status: 503 } });
    const { client } = testClient(server.baseUrl, { maxRetries: 0 });
    await rejectionOf(client.chat({ messages: ask }));
    assert.equal(server.requests.length, 1);
  });
});

describe('LlmClient: timeouts, each with its own message', () => {
  let server: FakeLlmServer;
  before(async () => { server = await FakeLlmServer.start(); });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('connect timeout: a host that never completes the connection', async function () {
    this.timeout(10_000);
    const hole = await blackholePort();
    try {
      const { client } = testClient(`http://127.0.0.1:${hole.port}/v1`, { timeouts: { connectMs: 300, firstTokenMs: 5_000, idleMs: 5_000 } });
      const started = performance.now();
      const error = await streamFailure(client);
      assert.equal(error.kind, 'connectTimeout');
      assert.equal(error.message, `Connecting to http://127.0.0.1:${hole.port}/v1 timed out after 0.3 s — check the address and your network, or raise tandem.timeouts.connectMs.`);
      assert.ok(performance.now() - started < 2_000);
    } finally {
      hole.close();
    }
  });

  it('first-token timeout: a server that accepts and says nothing', async () => {
    server.addRule({ fault: { kind: 'hang' } });
    const { client } = testClient(server.baseUrl, { timeouts: { connectMs: 1_000, firstTokenMs: 1_000, idleMs: 5_000 } });
    const error = await streamFailure(client);
    assert.equal(error.kind, 'firstTokenTimeout');
    assert.equal(error.message, `fake-chat at 127.0.0.1:${server.port} sent nothing for 1 s — a local model may still be loading; try again, or raise tandem.timeouts.firstTokenMs.`);
    await server.requests[0]?.closed;
    assert.equal(server.requests[0]?.aborted, true, 'the hung request was closed');
  });

  it('first-token timeout also covers a server that sends headers and then nothing', async () => {
    server.addRule({ fault: { kind: 'hangAfterHeaders' } });
    const { client } = testClient(server.baseUrl, { timeouts: { connectMs: 1_000, firstTokenMs: 1_000, idleMs: 5_000 } });
    assert.equal((await streamFailure(client)).kind, 'firstTokenTimeout');
  });

  it('a non-streamed request whose body never comes ends at the first-token timeout', async () => {
    server.addRule({ fault: { kind: 'hangAfterHeaders' } });
    const { client } = testClient(server.baseUrl, { timeouts: { connectMs: 1_000, firstTokenMs: 1_000, idleMs: 5_000 } });
    const error = await rejectionOf(client.chat({ messages: ask }));
    assert.ok(isLlmError(error, 'firstTokenTimeout'), String(error));
  });

  it('idle timeout: a stream that stalls in the middle', async () => {
    server.addRule({ reply: { text: 'partial answer that stalls' }, fault: { kind: 'stallAfterChunks', afterChunks: 2 } });
    const { client } = testClient(server.baseUrl, { timeouts: { connectMs: 1_000, firstTokenMs: 5_000, idleMs: 1_000 } });
    const error = await streamFailure(client);
    assert.equal(error.kind, 'idleTimeout');
    assert.equal(error.message, `fake-chat at 127.0.0.1:${server.port} stopped sending for 1 s in the middle of its answer — try again, or raise tandem.timeouts.idleMs.`);
  });
});

describe('LlmClient: responses that are not what an OpenAI-compatible server sends', () => {
  let server: FakeLlmServer;
  before(async () => { server = await FakeLlmServer.start(); });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('a model list from a base URL that is not an OpenAI endpoint: says to check the base URL', async () => {
    const { client } = testClient(server.baseUrl.replace(/\/v1$/, '/nothing-here'));
    const error = await rejectionOf(client.listModels());
    assert.ok(isLlmError(error, 'wrongEndpoint'), String(error));
    assert.match((error as LlmError).message, /^Nothing OpenAI-compatible answers at http:\/\/127\.0\.0\.1:\d+\/nothing-here \(HTTP 404\)/);
  });

});
