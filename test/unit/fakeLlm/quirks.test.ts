// Each quirk profile's differences, and that the real client still reads every profile's stream.
import { strict as assert } from 'node:assert';
import { AuthenticationError, BadRequestError, NotFoundError } from 'openai';
import { contextLengthExceeded, FakeLlmServer, QUIRK_PROFILES } from '../../support/fakeLlm';
import type { QuirkProfile } from '../../support/fakeLlm';
import { clientFor, deltaOf, firstChoice, postJson, rawStream } from './support';

const chat = (content: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ model: 'fake-chat', messages: [{ role: 'user', content }], ...extra });

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
}

describe('fake-llm quirk profiles', () => {
  let server: FakeLlmServer;

  before(async () => {
    server = await FakeLlmServer.start();
  });
  afterEach(() => server.reset());
  after(() => server.close());

  const use = (quirks: QuirkProfile): void => server.setOptions({ quirks });

  describe('every profile', () => {
    for (const profile of QUIRK_PROFILES) {
      it(`${profile}: the openai client reassembles streamed text and tool calls`, async () => {
        use(profile);
        server.addRule({ reply: { text: 'Reading now.', toolCalls: [{ name: 'read_file', arguments: '{"path":"a.ts"}' }, { name: 'list_dir', arguments: '{"path":"."}' }] } });
        const final = await clientFor(server).chat.completions.stream({ model: 'fake-chat', messages: [{ role: 'user', content: 'read' }] }).finalChatCompletion();
        const message = final.choices[0]?.message;
        assert.equal(message?.content, 'Reading now.');
        assert.deepEqual(
          message?.tool_calls?.map((c) => (c.type === 'function' ? [c.function.name, c.function.arguments] : [])),
          [
            ['read_file', '{"path":"a.ts"}'],
            ['list_dir', '{"path":"."}'],
          ],
        );
        assert.equal(final.choices[0]?.finish_reason, 'tool_calls');
      });
    }
  });

  describe('ollama', () => {
    beforeEach(() => use('ollama'));

    it('puts role on every delta, sends tool calls whole, and fp_ollama', async () => {
      server.addRule({ reply: { text: 'abcdefgh', toolCalls: [{ name: 'f', arguments: '{"a":1,"b":2}' }] } });
      const { chunks, done } = await rawStream(server, '/v1/chat/completions', chat('x'));
      assert.ok(done);
      for (const chunk of chunks) {
        assert.equal(chunk['system_fingerprint'], 'fp_ollama');
        assert.equal(deltaOf(chunk)?.['role'], 'assistant');
      }
      const toolDeltas = chunks.filter((c) => deltaOf(c)?.['tool_calls'] !== undefined);
      assert.equal(toolDeltas.length, 1, 'one delta carries the whole call');
      const call = (deltaOf(toolDeltas[0] ?? {})?.['tool_calls'] as { index: number; function: { arguments: string } }[])[0];
      assert.equal(call?.index, 0);
      assert.equal(call?.function.arguments, '{"a":1,"b":2}');
      assert.match(String(chunks[0]?.['id']), /^chatcmpl-\d+$/);
    });

    it('sends a usage chunk only with include_usage, and no usage key otherwise', async () => {
      const plain = await rawStream(server, '/v1/chat/completions', chat('x'));
      assert.equal(plain.chunks.some((c) => 'usage' in c), false);
      const withUsage = await rawStream(server, '/v1/chat/completions', chat('x', { stream_options: { include_usage: true } }));
      assert.deepEqual(withUsage.chunks.at(-1)?.['choices'], []);
      assert.ok(withUsage.chunks.at(-1)?.['usage'] !== undefined);
      assert.equal(withUsage.chunks.slice(0, -1).some((c) => 'usage' in c), false, 'no usage: null on other chunks');
    });

    it('404s an unknown model the Ollama way', async () => {
      const error = await errorOf(clientFor(server).chat.completions.create({ model: 'llama9', messages: [{ role: 'user', content: 'x' }] }));
      assert.ok(error instanceof NotFoundError);
      assert.equal((error.error as { message: string }).message, 'model "llama9" not found, try pulling it first');
      assert.equal(error.type, 'not_found_error');
      assert.equal(error.code, null);
    });

    it('accepts suffix (FIM) and answers an unknown route with gin\'s plain-text 404', async () => {
      server.addRule({ match: { suffix: 'END' }, reply: { text: 'middle' } });
      const completion = await clientFor(server).completions.create({ model: 'fake-coder', prompt: 'start', suffix: 'END' });
      assert.equal(completion.choices[0]?.text, 'middle');
      const notFound = await postJson(server, '/v1/nothing', {});
      assert.equal(notFound.status, 404);
      assert.equal(notFound.headers.get('content-type'), 'text/plain');
      assert.equal(await notFound.text(), '404 page not found');
    });
  });

  describe('vllm', () => {
    beforeEach(() => use('vllm'));

    it('rejects suffix with 400 "suffix is not currently supported"', async () => {
      const error = await errorOf(clientFor(server).completions.create({ model: 'fake-coder', prompt: 'a', suffix: 'b' }));
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.type, 'BadRequestError');
      assert.equal(error.code, 400);
      assert.match(error.message, /suffix is not currently supported/);
    });

    it('sends usage once stream_options is present (include_usage defaults to true)', async () => {
      const without = await rawStream(server, '/v1/chat/completions', chat('x'));
      assert.equal(without.chunks.some((c) => 'usage' in c), false);
      const bare = await rawStream(server, '/v1/chat/completions', chat('x', { stream_options: {} }));
      assert.ok(bare.chunks.at(-1)?.['usage'] !== undefined);
      const off = await rawStream(server, '/v1/chat/completions', chat('x', { stream_options: { include_usage: false } }));
      assert.equal(off.chunks.some((c) => 'usage' in c), false);
    });

    it('reports stop_reason, the model error and the auth error vLLM-style', async () => {
      server.addRule({ reply: { text: 'one STOP two' } });
      const { chunks } = await rawStream(server, '/v1/chat/completions', chat('x', { stop: ['STOP'] }));
      assert.equal(firstChoice(chunks.at(-1) ?? {})?.['stop_reason'], 'STOP');
      assert.deepEqual(deltaOf(chunks[0] ?? {}), { role: 'assistant', content: '' });

      const missing = await errorOf(clientFor(server).chat.completions.create({ model: 'nope', messages: [{ role: 'user', content: 'x' }] }));
      assert.ok(missing instanceof NotFoundError);
      assert.match(missing.message, /The model `nope` does not exist\./);
      assert.equal(missing.code, 404);

      server.setOptions({ requireApiKey: 'k' });
      const unauthorized = await postJson(server, '/v1/models', {}, { authorization: 'Bearer wrong' });
      assert.equal(unauthorized.status, 401);
      assert.deepEqual(await unauthorized.json(), { error: 'Unauthorized' });
      await assert.rejects(clientFor(server).models.list(), AuthenticationError);
    });

    it('serialises tool_calls: [] on a plain non-streamed message', async () => {
      const response = await postJson(server, '/v1/chat/completions', chat('x'));
      const body = (await response.json()) as { choices: { message: Record<string, unknown> }[] };
      assert.deepEqual(body.choices[0]?.message['tool_calls'], []);
    });
  });

  describe('llamacpp', () => {
    beforeEach(() => use('llamacpp'));

    it('serves any model name, rejects suffix, and adds timings to the last chunk', async () => {
      server.addRule({ reply: { text: 'hello' } });
      const completion = await clientFor(server).chat.completions.create({ model: 'whatever.gguf', messages: [{ role: 'user', content: 'x' }] });
      assert.equal(completion.model, 'whatever.gguf');

      const suffix = await errorOf(clientFor(server).completions.create({ model: 'fake-coder', prompt: 'a', suffix: 'b' }));
      assert.ok(suffix instanceof BadRequestError);
      assert.deepEqual(suffix.error, { code: 400, message: 'Unsupported param: suffix', type: 'invalid_request_error' });

      const plain = await rawStream(server, '/v1/chat/completions', chat('x'));
      assert.equal(plain.chunks.some((c) => 'usage' in c), false, 'usage only when asked');
      assert.ok(plain.chunks.at(-1)?.['timings'] !== undefined);
      const withUsage = await rawStream(server, '/v1/chat/completions', chat('x', { stream_options: { include_usage: true } }));
      const last = withUsage.chunks.at(-1) ?? {};
      assert.deepEqual(last['choices'], []);
      assert.deepEqual(Object.keys(last['usage'] as object), ['completion_tokens', 'prompt_tokens', 'total_tokens']);
      assert.ok(last['timings'] !== undefined);
      assert.deepEqual(deltaOf(withUsage.chunks[0] ?? {}), { role: 'assistant', content: null });
    });

    it('serves the native /infill endpoint, streamed (no [DONE]) and whole', async () => {
      server.addRule({ match: { endpoint: 'completions', prompt: 'def add(a, b):', suffix: 'print' }, reply: { text: '\n    return a + b\n' } });
      const body = { input_prefix: 'def add(a, b):', input_suffix: '\nprint(add(1, 2))\n', n_predict: 64 };
      const whole = (await (await postJson(server, '/infill', body)).json()) as Record<string, unknown>;
      assert.equal(whole['content'], '\n    return a + b\n');
      assert.equal(whole['stop'], true);
      assert.equal(whole['stop_type'], 'eos');

      const streamed = await rawStream(server, '/infill', body);
      assert.equal(streamed.done, false, 'native streams have no [DONE]');
      assert.equal(streamed.chunks.map((c) => c['content']).join(''), '\n    return a + b\n');
      assert.equal(streamed.chunks.at(-1)?.['stop'], true);
      assert.ok(streamed.chunks.slice(0, -1).every((c) => c['stop'] === false));
    });

    it('uses llama.cpp error shapes: integer code, 500 for unparsable JSON, its context error', async () => {
      const badJson = await postJson(server, '/v1/chat/completions', '{nope');
      assert.equal(badJson.status, 500);
      assert.equal(((await badJson.json()) as { error: { type: string } }).error.type, 'server_error');

      server.setOptions({ requireApiKey: 'k' });
      const unauthorized = await postJson(server, '/v1/models', {});
      assert.deepEqual(await unauthorized.json(), { error: { code: 401, message: 'Invalid API Key', type: 'authentication_error' } });
      server.setOptions({ requireApiKey: undefined });

      server.addRule({ fault: contextLengthExceeded(4096, 5000, 'llamacpp') });
      const error = await errorOf(clientFor(server).chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }));
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.type, 'exceed_context_size_error');
    });
  });

  describe('lmstudio', () => {
    beforeEach(() => use('lmstudio'));

    it('never streams usage, merges role into the first content delta, fingerprint = model', async () => {
      server.addRule({ reply: { text: 'abcdefgh' } });
      const { chunks } = await rawStream(server, '/v1/chat/completions', chat('x', { stream_options: { include_usage: true } }));
      assert.equal(chunks.some((c) => 'usage' in c), false);
      assert.deepEqual(deltaOf(chunks[0] ?? {}), { role: 'assistant', content: 'abcd' });
      assert.equal(chunks[0]?.['system_fingerprint'], 'fake-chat');
      assert.match(String(chunks[0]?.['id']), /^chatcmpl-[a-z0-9]{20}$/);
      const whole = await clientFor(server).chat.completions.create({ model: 'fake-chat', messages: [{ role: 'user', content: 'x' }] });
      assert.ok(whole.usage !== undefined, 'usage only in non-streamed answers');
    });

    it('ignores suffix: the request succeeds but rules never see it', async () => {
      server.addRule({ match: { suffix: 'tail' }, reply: { text: 'used the suffix' } });
      server.addRule({ match: { endpoint: 'completions', prompt: 'head' }, reply: { text: 'continued the prompt' }, times: 1 });
      const completion = await clientFor(server).completions.create({ model: 'fake-coder', prompt: 'head', suffix: 'tail' });
      assert.equal(completion.choices[0]?.text, 'continued the prompt');
      assert.equal((server.requests.at(-1)?.body as { suffix: string }).suffix, 'tail', 'still recorded as sent');
      const again = await clientFor(server).completions.create({ model: 'fake-coder', prompt: 'other', suffix: 'tail' });
      assert.match(again.choices[0]?.text ?? '', /No rule matched/);
    });

    it('400s an unknown model while several are loaded, serves anything when one is', async () => {
      const error = await errorOf(clientFor(server).chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'x' }] }));
      assert.ok(error instanceof BadRequestError);
      assert.match(error.message, /Invalid model identifier "gpt-x"\. Please specify a valid downloaded model \(e\.g\., fake-chat, fake-coder\)\./);
      assert.equal(error.code, 'model_not_found');

      server.setOptions({ models: ['qwen2.5-7b-instruct'] });
      const served = await clientFor(server).chat.completions.create({ model: 'gpt-x', messages: [{ role: 'user', content: 'x' }] });
      assert.equal(served.model, 'qwen2.5-7b-instruct');
    });

    it('answers an unknown endpoint with 200 and a string error; lists models without created', async () => {
      const response = await postJson(server, '/v1/assistants', {});
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { error: 'Unexpected endpoint or method. (POST /v1/assistants)' });
      const models = (await (await fetch(`${server.baseUrl}/models`)).json()) as { data: Record<string, unknown>[] };
      assert.deepEqual(models.data[0], { id: 'fake-chat', object: 'model', owned_by: 'organization_owner' });
    });
  });
});
