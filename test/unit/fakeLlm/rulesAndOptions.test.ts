// Scripting the fake (rule order, limits, matching) and its knobs (timing, keys, reset).
import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import { AuthenticationError } from 'openai';
import { FakeLlmServer } from '../../support/fakeLlm';
import { clientFor, postJson } from './support';

async function ask(server: FakeLlmServer, content: string, model = 'fake-chat'): Promise<string> {
  const completion = await clientFor(server).chat.completions.create({ model, messages: [{ role: 'user', content }] });
  return completion.choices[0]?.message.content ?? '';
}

describe('fake-llm rules and options', () => {
  let server: FakeLlmServer;

  before(async () => {
    server = await FakeLlmServer.start({ rules: [{ reply: { text: 'from start options' } }] });
  });
  afterEach(() => server.reset());
  after(() => server.close());

  describe('rules', () => {
    it('tries the newest rule first and falls through to older ones', async () => {
      server.addRule({ match: { lastUser: 'alpha' }, reply: { text: 'A' } });
      server.addRule({ match: { lastUser: 'beta' }, reply: { text: 'B' } });
      server.addRule({ match: { lastUser: /alpha|beta/ }, reply: { text: 'newest' } });
      assert.equal(await ask(server, 'alpha'), 'newest');
      assert.equal(await ask(server, 'gamma'), 'from start options');
    });

    it('uses a times-limited rule at most N times, then skips it', async () => {
      server.addRule({ reply: { text: 'limited' }, times: 2 });
      assert.deepEqual([await ask(server, 'a'), await ask(server, 'b'), await ask(server, 'c')], ['limited', 'limited', 'from start options']);
    });

    it('matches on model, and a RegExp with the g flag matches every time', async () => {
      server.addRule({ match: { model: /coder/g }, reply: { text: 'coder answers' } });
      assert.equal(await ask(server, 'x', 'fake-coder'), 'coder answers');
      assert.equal(await ask(server, 'x', 'fake-coder'), 'coder answers');
      assert.equal(await ask(server, 'x', 'fake-chat'), 'from start options');
    });

    it('a field the request lacks never matches (prompt on a chat request)', async () => {
      server.addRule({ match: { prompt: '' }, reply: { text: 'should not match chat' } });
      assert.equal(await ask(server, 'x'), 'from start options');
    });

    it('clearRules() leaves the default reply; reset() restores the start rules and clears records', async () => {
      server.clearRules();
      assert.match(await ask(server, 'anything'), /No rule matched/);
      assert.equal(server.requests.length, 1);
      server.reset();
      assert.equal(server.requests.length, 0);
      assert.equal(await ask(server, 'anything'), 'from start options');
      assert.equal(server.requests[0]?.id, 1);
    });

    it('setOptions({rules}) replaces the rules; setOptions rejects invalid knobs and a new port', () => {
      server.setOptions({ rules: [{ reply: { text: 'replaced' } }] });
      assert.throws(() => server.setOptions({ chunkSize: 0 }), RangeError);
      assert.throws(() => server.setOptions({ port: 1 }), /fixed/);
      return ask(server, 'x').then((text) => assert.equal(text, 'replaced'));
    });
  });

  describe('recording', () => {
    it('records method, full path, headers and parsed body', async () => {
      const client = clientFor(server, { defaultHeaders: { 'X-Extra': 'yes' } });
      await client.chat.completions.create({ model: 'fake-chat', messages: [{ role: 'user', content: 'hi' }], temperature: 0.2 });
      const [request] = await server.waitForRequests(1);
      assert.equal(request?.method, 'POST');
      assert.equal(request?.path, '/v1/chat/completions');
      assert.equal(request?.headers['authorization'], 'Bearer test-key');
      assert.equal(request?.headers['x-extra'], 'yes');
      assert.deepEqual(request?.body, { model: 'fake-chat', messages: [{ role: 'user', content: 'hi' }], temperature: 0.2 });
      assert.ok(request !== undefined && request.completedAt !== undefined && request.firstByteAt !== undefined);
      assert.ok(request.receivedAt <= request.firstByteAt && request.firstByteAt <= request.completedAt, 'timestamps in order');
    });

    it('waitForRequests() rejects with a clear message on timeout', async () => {
      await assert.rejects(server.waitForRequests(1, 30), /expected 1 request\(s\) within 30 ms, got 0/);
    });
  });

  describe('timing', () => {
    it('ttftMs delays the first byte; a rule can override it', async () => {
      server.setOptions({ ttftMs: 150 });
      await ask(server, 'slow');
      const slow = server.requests[0];
      assert.ok(slow?.firstByteAt !== undefined && slow.firstByteAt - slow.receivedAt >= 145, 'server ttft honoured');

      server.setOptions({ ttftMs: 2000 });
      server.addRule({ reply: { text: 'quick' }, ttftMs: 0 });
      assert.equal(await ask(server, 'fast'), 'quick');
      const fast = server.requests[1];
      // Far below the server's 2 s: the rule's 0 won (a loaded machine still answers well within 1 s).
      assert.ok(fast?.firstByteAt !== undefined && fast.firstByteAt - fast.receivedAt < 1000, 'rule override honoured');
    });

    it('tokensPerSecond paces streamed chunks', async () => {
      server.setOptions({ tokensPerSecond: 100 });
      server.addRule({ reply: { text: 'abcd'.repeat(10) } }); // 10 one-token deltas: the last is due 90 ms after the first
      const stream = await clientFor(server).chat.completions.create({ model: 'fake-chat', messages: [{ role: 'user', content: 'x' }], stream: true });
      let contentChunks = 0;
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) contentChunks += 1;
      assert.equal(contentChunks, 10);
      // Measured on the server, where pacing happens: it may run late on a busy machine, never early.
      const request = server.requests[0];
      const sendingMs = (request?.completedAt ?? 0) - (request?.firstByteAt ?? 0);
      assert.ok(sendingMs >= 88 && sendingMs < 1000, `10 tokens at 100/s took ${sendingMs} ms`);
    });

    it('tokensPerSecond also delays a non-streamed answer by its generation time', async () => {
      server.setOptions({ tokensPerSecond: 100 });
      server.addRule({ reply: { text: 'abcd'.repeat(10) } });
      const started = performance.now();
      await ask(server, 'x');
      assert.ok(performance.now() - started >= 95, 'a whole answer waits for its generation time');
    });
  });

  describe('requireApiKey', () => {
    beforeEach(() => server.setOptions({ requireApiKey: 'sk-right-key-123456' }));

    it('accepts the key as a Bearer token or an api-key header', async () => {
      assert.equal(await clientFor(server, { apiKey: 'sk-right-key-123456' }).chat.completions.create({ model: 'fake-chat', messages: [{ role: 'user', content: 'x' }] }).then((c) => c.choices[0]?.message.content), 'from start options');
      const viaHeader = await postJson(server, '/v1/chat/completions', { model: 'fake-chat', messages: [] }, { authorization: '', 'api-key': 'sk-right-key-123456' });
      assert.equal(viaHeader.status, 200);
    });

    it('401s a wrong key (masked in the message) and a missing one', async () => {
      const error = await clientFor(server, { apiKey: 'sk-wrong-key-987654' })
        .models.list()
        .then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.code, 'invalid_api_key');
      assert.match(error.message, /Incorrect API key provided: sk-\*+7654\./);

      const missing = await fetch(`${server.baseUrl}/models`);
      assert.equal(missing.status, 401);
      assert.match(((await missing.json()) as { error: { message: string } }).error.message, /You didn't provide an API key/);
    });
  });
});
