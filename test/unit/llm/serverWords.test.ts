import assert from 'node:assert/strict';
import { LlmError } from '../../../src/core/llm';
import { FakeLlmServer } from '../../support/fakeLlm';
import { DEFAULT_STREAM_ERROR } from '../../support/fakeLlm/faultStreamError';
import { rejectionOf, testClient } from '../../support/llmTestKit';

const ask = [{ role: 'user' as const, content: 'hello' }];

async function failureOf(run: () => Promise<unknown>): Promise<LlmError> {
  const error = await rejectionOf(run());
  assert.ok(error instanceof LlmError, `expected an LlmError, got ${String(error)}`);
  return error;
}

async function streamed(client: ReturnType<typeof testClient>['client'], received: string[] = []): Promise<void> {
  for await (const event of client.streamChat({ messages: ask })) if (event.type === 'text') received.push(event.text);
}

describe('LlmClient: the server says what went wrong, and the message says it too', () => {
  let server: FakeLlmServer;
  before(async () => { server = await FakeLlmServer.start(); });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('403 is a permission problem, not a missing key: says so and shows the server message', async () => {
    server.addRule({ fault: { kind: 'status', status: 403, body: { error: { message: 'Project `proj_Ab12` does not have access to model `gpt-4o`', type: 'invalid_request_error', code: 'model_not_found' } } } });
    const { client } = testClient(server.baseUrl);
    const error = await failureOf(() => streamed(client));
    assert.equal(error.status, 403);
    assert.match(error.message, /^127\.0\.0\.1:\d+ refused access to fake-chat \(HTTP 403\): "Project `proj_Ab12` does not have access to model `gpt-4o`" — the key was accepted but lacks permission/);
    assert.match(error.message, /region, organisation, IP allow-list/);
    assert.doesNotMatch(error.message, /set the API key|Authentication failed/);
    assert.deepEqual(error.actions, ['selectModel', 'setApiKey', 'showLog']);
    assert.equal(server.requests.length, 1, 'not retried');
  });

  it('403 never echoes a key the server quotes back', async () => {
    server.addRule({ fault: { kind: 'status', status: 403, body: { error: { message: 'Key sk-proj-abcdefghijklmnop1234 is not allowed in this region' } } } });
    const error = await failureOf(() => streamed(testClient(server.baseUrl).client));
    assert.doesNotMatch(error.message, /abcdefghijklmnop1234/);
    assert.match(error.message, /\[key\] is not allowed in this region/);
    server.addRule({ fault: { kind: 'status', status: 403, body: { error: { message: 'Access to model meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo is restricted for token a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8' } } } });
    const named = await failureOf(() => streamed(testClient(server.baseUrl).client));
    assert.match(named.message, /"Access to model meta-llama\/Meta-Llama-3\.1-70B-Instruct-Turbo is restricted for token \[redacted\]"/);
  });

  it('an error object inside a 200 stream: the server\'s own message, after what arrived', async () => {
    server.addRule({ reply: { text: 'The quick brown fox jumps over the lazy dog. '.repeat(3) }, fault: { kind: 'errorInStream', afterChunks: 4 } });
    const { client } = testClient(server.baseUrl);
    const received: string[] = [];
    const error = await failureOf(() => streamed(client, received));
    const got = received.join('').length;
    assert.ok(got > 0);
    assert.equal(error.kind, 'streamError');
    assert.equal(error.message, `127.0.0.1:${server.port} stopped the answer with an error after ${got} characters: "${DEFAULT_STREAM_ERROR.error.message}" — this is the server's own message; try again, or check the server's log.`);
    assert.doesNotMatch(error.message, /closed in the middle/);
    assert.equal(server.requests.length, 1);
  });

  it('an error as the first event (OpenRouter) and a flat {object: "error"} chunk (older vLLM) read the same', async () => {
    // The newest rule wins: the OpenRouter one answers first, once.
    server.addRule({ fault: { kind: 'errorInStream', afterChunks: 1, body: { object: 'error', message: 'Sampling failed: probability tensor contains inf', type: 'BadRequestError', code: 400 } } });
    server.addRule({ times: 1, fault: { kind: 'errorInStream', afterChunks: 0, body: { error: { code: 502, message: 'Provider returned error', metadata: { provider_name: 'Together' } } } } });
    const { client } = testClient(server.baseUrl, { maxRetries: 0 });
    const first = await failureOf(() => streamed(client));
    assert.equal(first.kind, 'streamError');
    assert.match(first.message, /stopped the answer with an error: "Provider returned error"/);
    const second = await failureOf(() => streamed(client));
    assert.equal(second.kind, 'streamError');
    assert.match(second.message, /"Sampling failed: probability tensor contains inf"/);
  });

  it('a context overflow reported inside the stream (llama.cpp) is still a context overflow', async () => {
    server.addRule({ fault: { kind: 'errorInStream', afterChunks: 0, body: { error: { code: 400, message: 'the request exceeds the available context size, try increasing it', type: 'exceed_context_size_error', n_prompt_tokens: 9000, n_ctx: 8192 } } } });
    const error = await failureOf(() => streamed(testClient(server.baseUrl).client));
    assert.equal(error.kind, 'contextTooLong');
    assert.match(error.message, /^The prompt is 9000 tokens, 808 over fake-chat's 8192-token context window/);
  });

  it('a server that accepts the connection and closes it without a reply: says exactly that', async () => {
    server.addRule({ fault: { kind: 'closeWithoutReply' } });
    const { client } = testClient(server.baseUrl, { maxRetries: 1 });
    const error = await failureOf(() => streamed(client));
    assert.equal(error.kind, 'unreachable');
    assert.equal(error.message, `127.0.0.1:${server.port} accepted the connection and closed it without a reply — usually the wrong port or protocol (an https server reached with http://, or a service that is not the model server), a proxy in between, or a server that crashed on the request. Check tandem.providers.fake.baseUrl and the server's log.`);
    assert.doesNotMatch(error.message, /No model server answers/);
    const nonStreamed = await failureOf(() => client.chat({ messages: ask }));
    assert.match(nonStreamed.message, /accepted the connection and closed it without a reply/);
  });

  it('https:// to a server that speaks plain http: says to use http://', async () => {
    const { client } = testClient(server.baseUrl.replace('http://', 'https://'), { maxRetries: 0 });
    const error = await failureOf(() => streamed(client));
    assert.equal(error.kind, 'unreachable');
    assert.match(error.message, /does not speak TLS.*use http:\/\/ in tandem\.providers\.fake\.baseUrl/);
  });
});
