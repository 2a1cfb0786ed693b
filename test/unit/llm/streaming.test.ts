import assert from 'node:assert/strict';
import { FakeLlmServer } from '../../support/fakeLlm';
import { collect, testClient } from '../../support/llmTestKit';

describe('LlmClient against the fake server: answers', () => {
  let server: FakeLlmServer;
  before(async () => { server = await FakeLlmServer.start(); });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('streams a chat answer as text deltas and reports the server usage', async () => {
    server.addRule({ match: { lastUser: 'hello' }, reply: { text: 'Hi there, how can I help?', usage: { prompt_tokens: 11, completion_tokens: 7 } } });
    const { client, metrics } = testClient(server.baseUrl);
    const { events, text, result } = await collect(client.streamChat({ messages: [{ role: 'user', content: 'hello' }] }));
    assert.equal(text, 'Hi there, how can I help?');
    assert.ok(events.filter((e) => e.type === 'text').length > 1, 'arrives in several deltas');
    assert.equal(result?.finishReason, 'stop');
    assert.equal(result?.metrics.usageSource, 'server');
    assert.equal(result?.metrics.tokensIn, 11);
    assert.equal(result?.metrics.tokensOut, 7);
    assert.equal(result?.metrics.model, 'fake-chat');
    assert.ok((result?.metrics.timeToFirstTokenMs ?? -1) >= 0);
    assert.ok((result?.metrics.totalMs ?? 0) >= (result?.metrics.timeToFirstTokenMs ?? 0));
    assert.equal(metrics.length, 1, 'metrics reach the sink');
    const body = server.requests[0]?.body as { stream?: boolean; stream_options?: unknown; model?: string };
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(body.model, 'fake-chat');
  });

  it('estimates tokens when the server sends no usage, and says it is an estimate', async () => {
    server.setOptions({ quirks: 'llamacpp' });
    server.addRule({ reply: { text: 'x'.repeat(400) } });
    const { client } = testClient(server.baseUrl, { provider: { streamUsage: false } });
    const { result } = await collect(client.streamChat({ messages: [{ role: 'user', content: 'y'.repeat(80) }] }));
    assert.equal(result?.metrics.usageSource, 'estimate');
    assert.equal(result?.metrics.tokensOut, 100);
    assert.equal(result?.metrics.tokensIn, 24);
    assert.equal((server.requests[0]?.body as { stream_options?: unknown }).stream_options, undefined, 'not asked when the provider is set not to');
  });

  it('measures time to first token against the server delay', async () => {
    server.setOptions({ ttftMs: 150 });
    server.addRule({ reply: { text: 'late' } });
    const { client } = testClient(server.baseUrl);
    const { result } = await collect(client.streamChat({ messages: [{ role: 'user', content: 'q' }] }));
    assert.ok((result?.metrics.timeToFirstTokenMs ?? 0) >= 140, `ttft ${result?.metrics.timeToFirstTokenMs}`);
  });

  it('reassembles streamed tool calls and passes the tools to the server', async () => {
    server.addRule({ reply: { toolCalls: [{ name: 'read_file', arguments: '{"path":"src/a.ts","lines":[1,20]}' }, { name: 'list_dir', arguments: '{"path":"."}' }], finishReason: 'tool_calls' } });
    const { client } = testClient(server.baseUrl);
    const tools = [{ type: 'function' as const, function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }];
    const { events, result } = await collect(client.streamChat({ messages: [{ role: 'user', content: 'read it' }], tools }));
    assert.equal(result?.finishReason, 'tool_calls');
    assert.deepEqual(result?.toolCalls.map((c) => [c.name, JSON.parse(c.arguments)]), [['read_file', { path: 'src/a.ts', lines: [1, 20] }], ['list_dir', { path: '.' }]]);
    assert.ok(result?.toolCalls.every((c) => c.id.length > 0));
    assert.ok(events.filter((e) => e.type === 'toolCall').length > 2, 'arguments arrive as several deltas');
    assert.deepEqual((server.requests[0]?.body as { tools?: unknown }).tools, tools);
  });

  it('answers a non-streamed chat with text, usage and finish reason', async () => {
    server.addRule({ match: { lastUser: /summar/ }, reply: { text: 'A short summary.' } });
    const { client } = testClient(server.baseUrl);
    const result = await client.chat({ messages: [{ role: 'user', content: 'summarize this' }], maxTokens: 50, temperature: 0.2, stop: ['\n\n'] });
    assert.equal(result.text, 'A short summary.');
    assert.equal(result.finishReason, 'stop');
    assert.equal(result.metrics.streamed, false);
    const body = server.requests[0]?.body as Record<string, unknown>;
    assert.equal(body.max_tokens, 50);
    assert.equal(body.temperature, 0.2);
    assert.deepEqual(body.stop, ['\n\n']);
  });

  it('fills in the middle with the suffix parameter of /v1/completions', async () => {
    server.addRule({ match: { endpoint: 'completions', suffix: /return total/ }, reply: { text: 'a + b;\n  ' } });
    const { client } = testClient(server.baseUrl);
    const result = await client.complete({ prompt: 'function add(a, b) {\n  const total = ', suffix: '\n  return total;\n}' });
    assert.equal(result.text, 'a + b;\n  ');
    const request = server.requests[0];
    assert.equal(request?.path, '/v1/completions');
    const body = request?.body as { prompt?: string; suffix?: string; model?: string };
    assert.equal(body.suffix, '\n  return total;\n}');
    assert.equal(body.model, 'fake-coder', 'the completion role model');
  });

  it('streams a completion', async () => {
    server.addRule({ match: { endpoint: 'completions' }, reply: { text: 'console.log(value);' } });
    const { client } = testClient(server.baseUrl);
    const { text, result, events } = await collect(client.streamCompletion({ prompt: 'const value = 1;\n', suffix: '' }));
    assert.equal(text, 'console.log(value);');
    assert.ok(events.length > 2);
    assert.equal(result?.metrics.endpoint, 'completions');
  });

  it('lists the models the server offers', async () => {
    server.setOptions({ models: ['qwen2.5-coder:7b', 'llama3.1:8b'] });
    const { client } = testClient(server.baseUrl);
    assert.deepEqual(await client.listModels(), ['qwen2.5-coder:7b', 'llama3.1:8b']);
  });

  it('streams a 10 MB answer to the end when the caller allows that many tokens', async function () {
    this.timeout(30_000);
    server.addRule({ fault: { kind: 'huge', bytes: 10 * 1024 * 1024 } });
    const { client } = testClient(server.baseUrl, { provider: { contextWindow: 10_000_000 } });
    let length = 0;
    for await (const event of client.streamChat({ messages: [{ role: 'user', content: 'big' }], maxTokens: 3_000_000 })) if (event.type === 'text') length += event.text.length;
    assert.equal(length, 10 * 1024 * 1024);
  });
});

describe('LlmClient: what leaves the machine', () => {
  let server: FakeLlmServer;
  before(async () => { server = await FakeLlmServer.start(); });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('sends the key as a bearer token plus the provider headers, and no machine-describing headers', async () => {
    const { client } = testClient(server.baseUrl, { apiKey: 'sk-test-1234567890abcdef', provider: { headers: { 'X-Team': 'core' } } });
    await client.listModels();
    const headers = server.requests[0]?.headers ?? {};
    assert.equal(headers.authorization, 'Bearer sk-test-1234567890abcdef');
    assert.equal(headers['x-team'], 'core');
    assert.match(String(headers['user-agent']), /^Tandem/);
    assert.deepEqual(Object.keys(headers).filter((h) => h.startsWith('x-stainless')), []);
  });

  it('sends no Authorization header at all when no key is set', async () => {
    const { client } = testClient(server.baseUrl);
    await client.listModels();
    assert.equal(server.requests[0]?.headers.authorization, undefined);
  });

  it('never sends OPENAI_API_KEY from the environment to another server', async () => {
    const saved = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = 'sk-from-environment-should-not-leak';
    try {
      const { client } = testClient(server.baseUrl);
      await client.listModels();
      assert.equal(server.requests[0]?.headers.authorization, undefined);
    } finally {
      if (saved === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = saved;
    }
  });

  it('talks to Azure OpenAI on its deployment path with api-version and the api-key header', async () => {
    const { client } = testClient(server.baseUrl.replace(/\/v1$/, ''), {
      apiKey: 'azure-key-0123456789',
      provider: { kind: 'azure', apiVersion: '2024-10-21', models: { chat: 'gpt4o-deploy', edit: 'gpt4o-deploy', completion: 'gpt4o-deploy' } },
    });
    server.setOptions({ models: ['gpt4o-deploy'] });
    server.addRule({ reply: { text: 'from azure' } });
    const { text } = await collect(client.streamChat({ messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(text, 'from azure');
    const request = server.requests[0];
    assert.equal(request?.path, '/openai/deployments/gpt4o-deploy/chat/completions?api-version=2024-10-21');
    assert.equal(request?.headers['api-key'], 'azure-key-0123456789');
  });
});
