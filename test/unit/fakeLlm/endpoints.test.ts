// Each endpoint as the real `openai` client sees it, plus the wire details it hides.
import { strict as assert } from 'node:assert';
import { NotFoundError, BadRequestError } from 'openai';
import { FakeLlmServer } from '../../support/fakeLlm';
import { clientFor, deltaOf, firstChoice, postJson, rawStream } from './support';

describe('fake-llm endpoints (openai profile)', () => {
  let server: FakeLlmServer;

  before(async () => {
    server = await FakeLlmServer.start();
  });
  afterEach(() => server.reset());
  after(() => server.close());

  describe('GET /v1/models', () => {
    it('lists the configured models in OpenAI list shape', async () => {
      const page = await clientFor(server).models.list();
      assert.deepEqual(
        page.data.map((m) => m.id),
        ['fake-chat', 'fake-coder'],
      );
      for (const model of page.data) {
        assert.equal(model.object, 'model');
        assert.equal(typeof model.created, 'number');
        assert.equal(typeof model.owned_by, 'string');
      }
    });

    it('retrieves one model and 404s an unknown one', async () => {
      const client = clientFor(server);
      assert.equal((await client.models.retrieve('fake-coder')).id, 'fake-coder');
      await assert.rejects(client.models.retrieve('nope'), NotFoundError);
    });
  });

  describe('POST /v1/chat/completions', () => {
    it('answers a non-streamed request with the scripted text and usage', async () => {
      server.addRule({ match: { lastUser: 'capital of France' }, reply: { text: 'Paris.' } });
      const completion = await clientFor(server).chat.completions.create({
        model: 'fake-chat',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'What is the capital of France?' },
        ],
      });
      assert.match(completion.id, /^chatcmpl-/);
      assert.equal(completion.object, 'chat.completion');
      assert.equal(completion.model, 'fake-chat');
      assert.equal(completion.choices[0]?.message.content, 'Paris.');
      assert.equal(completion.choices[0]?.message.role, 'assistant');
      assert.equal(completion.choices[0]?.finish_reason, 'stop');
      assert.ok(completion.usage !== undefined);
      assert.ok(completion.usage.prompt_tokens > 0);
      assert.equal(completion.usage.completion_tokens, 2); // "Paris." = 6 chars ≈ 2 tokens
      assert.equal(completion.usage.total_tokens, completion.usage.prompt_tokens + 2);
    });

    it('streams content deltas that the client reassembles', async () => {
      const text = 'Streaming works, one small delta at a time.';
      server.addRule({ reply: { text } });
      const stream = await clientFor(server).chat.completions.create({ model: 'fake-chat', messages: [{ role: 'user', content: 'go' }], stream: true });
      let content = '';
      let chunks = 0;
      for await (const chunk of stream) {
        chunks += 1;
        content += chunk.choices[0]?.delta.content ?? '';
      }
      assert.equal(content, text);
      assert.ok(chunks > text.length / 4, `expected token-sized deltas, got ${chunks} chunks`);
    });

    it('uses exact OpenAI chunk shapes and SSE framing', async () => {
      server.addRule({ reply: { text: 'Hello there' } });
      const { chunks, done, response } = await rawStream(server, '/v1/chat/completions', { model: 'fake-chat', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
      assert.ok(done, 'stream ends with data: [DONE]');
      const ids = new Set(chunks.map((c) => c['id']));
      assert.equal(ids.size, 1, 'every chunk shares one id');
      for (const chunk of chunks) {
        assert.match(String(chunk['id']), /^chatcmpl-/);
        assert.equal(chunk['object'], 'chat.completion.chunk');
        assert.equal(typeof chunk['created'], 'number');
        assert.equal(chunk['model'], 'fake-chat');
        const choice = firstChoice(chunk);
        assert.ok(choice !== undefined);
        assert.deepEqual(Object.keys(choice).slice(0, 4), ['index', 'delta', 'logprobs', 'finish_reason']);
        assert.equal(choice['logprobs'], null);
        assert.equal('usage' in chunk, false, 'no usage field unless include_usage');
      }
      assert.deepEqual(deltaOf(chunks[0] ?? {}), { role: 'assistant', content: '', refusal: null });
      assert.equal(chunks.slice(1).some((c) => 'role' in (deltaOf(c) ?? {})), false, 'role only on the first chunk');
      const last = chunks.at(-1) ?? {};
      assert.equal(firstChoice(last)?.['finish_reason'], 'stop');
      assert.deepEqual(deltaOf(last), {});
    });

    it('sends the usage chunk (choices: []) only with stream_options.include_usage, with usage: null elsewhere', async () => {
      server.addRule({ reply: { text: 'Counting tokens.' } });
      const body = { model: 'fake-chat', messages: [{ role: 'user', content: 'count' }] };
      const plain = await rawStream(server, '/v1/chat/completions', body);
      assert.equal(plain.chunks.some((c) => 'usage' in c), false);

      const withUsage = await rawStream(server, '/v1/chat/completions', { ...body, stream_options: { include_usage: true } });
      const usageChunk = withUsage.chunks.at(-1) ?? {};
      assert.deepEqual(usageChunk['choices'], []);
      const usage = usageChunk['usage'] as Record<string, number>;
      assert.equal(usage['completion_tokens'], 4);
      assert.equal(usage['total_tokens'], (usage['prompt_tokens'] ?? 0) + 4);
      for (const chunk of withUsage.chunks.slice(0, -1)) assert.equal(chunk['usage'], null);

      // And the client surfaces it.
      const stream = await clientFor(server).chat.completions.create({ ...body, messages: [{ role: 'user', content: 'count' }], stream: true, stream_options: { include_usage: true } });
      let clientUsage: unknown;
      for await (const chunk of stream) if (chunk.usage) clientUsage = chunk.usage;
      assert.deepEqual(clientUsage, usage);
    });

    it('streams tool calls as indexed deltas that the client reassembles', async () => {
      const args = '{"path":"src/app.ts","line":42}';
      server.addRule({
        match: { lastUser: /open the file/i },
        reply: {
          text: 'Opening it.',
          toolCalls: [
            { name: 'read_file', arguments: args },
            { id: 'call_fixed', name: 'list_dir', arguments: '{"path":"src"}' },
          ],
        },
      });
      const request = { model: 'fake-chat', messages: [{ role: 'user' as const, content: 'Open the file please' }] };
      const final = await clientFor(server).chat.completions.stream(request).finalChatCompletion();
      const message = final.choices[0]?.message;
      assert.equal(final.choices[0]?.finish_reason, 'tool_calls');
      assert.equal(message?.content, 'Opening it.');
      const calls = (message?.tool_calls ?? []).map((c) => (c.type === 'function' ? [c.id, c.function.name, c.function.arguments] : []));
      assert.equal(calls.length, 2);
      assert.match(String(calls[0]?.[0]), /^call_/);
      assert.deepEqual(calls[0]?.slice(1), ['read_file', args]);
      assert.deepEqual(calls[1], ['call_fixed', 'list_dir', '{"path":"src"}']);

      const { chunks } = await rawStream(server, '/v1/chat/completions', request);
      const toolDeltas = chunks.map((c) => deltaOf(c)?.['tool_calls'] as Record<string, unknown>[] | undefined).filter((t) => t !== undefined);
      const first = toolDeltas[0]?.[0] as { index: number; id: string; type: string; function: { name: string; arguments: string } };
      assert.equal(first.index, 0);
      assert.equal(first.type, 'function');
      assert.equal(first.function.name, 'read_file');
      assert.equal(first.function.arguments, '');
      const fragments = toolDeltas.filter((t) => (t[0] as { index: number }).index === 0).slice(1);
      assert.ok(fragments.length >= 2, 'arguments split over several chunks');
      for (const fragment of fragments) assert.deepEqual(Object.keys(fragment[0] ?? {}), ['index', 'function']);
    });

    it('returns tool calls whole in a non-streamed answer', async () => {
      server.addRule({ reply: { toolCalls: [{ name: 'run_tests', arguments: '{}' }] } });
      const completion = await clientFor(server).chat.completions.create({ model: 'fake-chat', messages: [{ role: 'user', content: 'test it' }] });
      const message = completion.choices[0]?.message;
      assert.equal(message?.content, null);
      assert.equal(message?.tool_calls?.length, 1);
      assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
    });

    it('honours max_tokens (truncates, finish_reason length) and stop sequences', async () => {
      server.addRule({ reply: { text: 'abcdefghijklmnop END tail' } });
      const client = clientFor(server);
      const truncated = await client.chat.completions.create({ model: 'fake-chat', max_tokens: 2, messages: [{ role: 'user', content: 'x' }] });
      assert.equal(truncated.choices[0]?.message.content, 'abcdefgh');
      assert.equal(truncated.choices[0]?.finish_reason, 'length');
      assert.equal(truncated.usage?.completion_tokens, 2);

      const stopped = await client.chat.completions.create({ model: 'fake-chat', stop: ['zzz', ' END'], messages: [{ role: 'user', content: 'x' }] });
      assert.equal(stopped.choices[0]?.message.content, 'abcdefghijklmnop');
      assert.equal(stopped.choices[0]?.finish_reason, 'stop');

      const newer = await client.chat.completions.create({ model: 'fake-chat', max_completion_tokens: 1, messages: [{ role: 'user', content: 'x' }] });
      assert.equal(newer.choices[0]?.message.content, 'abcd');
    });

    it('answers an unmatched request with a default reply naming the last user message', async () => {
      const completion = await clientFor(server).chat.completions.create({
        model: 'fake-chat',
        messages: [
          { role: 'user', content: 'first question' },
          { role: 'assistant', content: 'an answer' },
          { role: 'user', content: [{ type: 'text', text: 'the second question' }] },
        ],
      });
      const content = completion.choices[0]?.message.content ?? '';
      assert.match(content, /No rule matched/);
      assert.match(content, /the second question/);
    });

    it('404s an unknown model in OpenAI error shape', async () => {
      const error = await clientFor(server)
        .chat.completions.create({ model: 'gpt-nope', messages: [{ role: 'user', content: 'x' }] })
        .then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.status, 404);
      assert.equal(error.code, 'model_not_found');
      assert.equal(error.type, 'invalid_request_error');
      assert.match(error.message, /The model `gpt-nope` does not exist/);
    });

    it('400s a body that is not JSON, and a request without messages', async () => {
      const badJson = await postJson(server, '/v1/chat/completions', '{not json');
      assert.equal(badJson.status, 400);
      const body = (await badJson.json()) as { error: { message: string; type: string; param: unknown; code: unknown } };
      assert.match(body.error.message, /could not parse the JSON body/);
      assert.deepEqual(Object.keys(body.error), ['message', 'type', 'param', 'code']);
      assert.equal(server.requests.at(-1)?.body, '{not json', 'raw text recorded when not JSON');

      await assert.rejects(
        clientFor(server).chat.completions.create({ model: 'fake-chat' } as never),
        (e: unknown) => e instanceof BadRequestError && e.param === 'messages' && e.code === 'missing_required_parameter',
      );
    });

    it('404s an unknown route with "Invalid URL"', async () => {
      const response = await postJson(server, '/v1/embeddingz', {});
      assert.equal(response.status, 404);
      assert.match(((await response.json()) as { error: { message: string } }).error.message, /Invalid URL \(POST \/v1\/embeddingz\)/);
    });
  });

  describe('POST /v1/completions', () => {
    it('answers prompt + suffix (FIM), records the suffix and matches rules on it', async () => {
      server.addRule({ match: { endpoint: 'completions', prompt: /function add\(/, suffix: /^\n}/ }, reply: { text: 'return a + b;' } });
      const completion = await clientFor(server).completions.create({ model: 'fake-coder', prompt: 'function add(a, b) {\n  ', suffix: '\n}\n', max_tokens: 64 });
      assert.match(completion.id, /^cmpl-/);
      assert.equal(completion.object, 'text_completion');
      assert.deepEqual(completion.choices[0], { text: 'return a + b;', index: 0, logprobs: null, finish_reason: 'stop' });
      assert.ok((completion.usage?.prompt_tokens ?? 0) > 0);
      const recorded = server.requests.at(-1)?.body as { suffix: string; prompt: string };
      assert.equal(recorded.suffix, '\n}\n');
    });

    it('streams text_completion chunks, a finishing chunk, and usage on request', async () => {
      server.addRule({ match: { endpoint: 'completions' }, reply: { text: 'const x = 1;' } });
      const stream = await clientFor(server).completions.create({ model: 'fake-coder', prompt: '// x\n', stream: true, stream_options: { include_usage: true } });
      let text = '';
      let finish: string | null | undefined;
      let usage: unknown;
      for await (const chunk of stream) {
        assert.equal(chunk.object, 'text_completion');
        text += chunk.choices[0]?.text ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
        if (chunk.usage) usage = chunk.usage;
      }
      assert.equal(text, 'const x = 1;');
      assert.equal(finish, 'stop');
      assert.ok(usage !== undefined);
    });

    it('does not match a chat-only rule and truncates at max_tokens', async () => {
      server.addRule({ match: { endpoint: 'chat' }, reply: { text: 'chat only' } });
      server.addRule({ match: { endpoint: 'completions', prompt: 'long' }, reply: { text: '0123456789abcdef' } });
      const completion = await clientFor(server).completions.create({ model: 'fake-coder', prompt: 'long', max_tokens: 3 });
      assert.equal(completion.choices[0]?.text, '0123456789ab');
      assert.equal(completion.choices[0]?.finish_reason, 'length');
    });
  });
});
