// Every fault as the real `openai` client experiences it, and what the server records meanwhile.
import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from 'openai';
import { contextLengthExceeded, FakeLlmServer, unusedPort } from '../../support/fakeLlm';
import { clientFor, postJson, sleep } from './support';

const messages = [{ role: 'user' as const, content: 'go' }];
const TEXT = 'The quick brown fox jumps over the lazy dog. '.repeat(3);

describe('fake-llm faults', () => {
  let server: FakeLlmServer;

  before(async () => {
    server = await FakeLlmServer.start();
  });
  afterEach(() => server.reset());
  after(() => server.close());

  describe('status', () => {
    it('maps 401, 404, 500 to the client error classes with OpenAI-shaped bodies', async () => {
      const client = clientFor(server);
      const cases = [
        [401, AuthenticationError, 'invalid_api_key'],
        [404, NotFoundError, 'model_not_found'],
        [500, InternalServerError, null],
      ] as const;
      for (const [status, errorClass, code] of cases) {
        server.clearRules();
        server.addRule({ fault: { kind: 'status', status } });
        const error = await client.chat.completions.create({ model: 'fake-chat', messages }).then(
          () => assert.fail(`status ${status} resolved`),
          (e: unknown) => e,
        );
        assert.ok(error instanceof errorClass, `status ${status}: ${String(error)}`);
        assert.equal(error.status, status);
        assert.equal(error.code, code);
      }
    });

    it('sends Retry-After with a 429', async () => {
      server.addRule({ fault: { kind: 'status', status: 429, retryAfterSeconds: 7 } });
      const error = await clientFor(server)
        .chat.completions.create({ model: 'fake-chat', messages })
        .then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof RateLimitError);
      assert.equal(error.headers?.get('retry-after'), '7');
      assert.equal(error.code, 'rate_limit_exceeded');
    });

    it('sends a scripted body verbatim, e.g. context_length_exceeded', async () => {
      server.addRule({ fault: contextLengthExceeded(8192, 9100) });
      const error = await clientFor(server)
        .chat.completions.create({ model: 'fake-chat', messages })
        .then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.code, 'context_length_exceeded');
      assert.equal(error.param, 'messages');
      assert.equal(
        error.error && (error.error as { message: string }).message,
        "This model's maximum context length is 8192 tokens. However, your messages resulted in 9100 tokens. Please reduce the length of the messages.",
      );
    });

    it('429 once, then succeed (times-limited rule)', async () => {
      server.addRule({ reply: { text: 'recovered' } });
      server.addRule({ fault: { kind: 'status', status: 429, retryAfterSeconds: 0 }, times: 1 });
      const client = clientFor(server);
      await assert.rejects(client.chat.completions.create({ model: 'fake-chat', messages }), RateLimitError);
      const second = await client.chat.completions.create({ model: 'fake-chat', messages });
      assert.equal(second.choices[0]?.message.content, 'recovered');
      const retrying = clientFor(server, { maxRetries: 1 });
      server.addRule({ fault: { kind: 'status', status: 503, retryAfterSeconds: 0.01 }, times: 1 });
      const third = await retrying.chat.completions.create({ model: 'fake-chat', messages });
      assert.equal(third.choices[0]?.message.content, 'recovered');
      assert.equal(server.requests.length, 4);
    });
  });

  describe('connection faults', () => {
    it('hang: the client times out and the server records the abort', async () => {
      server.addRule({ fault: { kind: 'hang' } });
      const started = performance.now();
      await assert.rejects(clientFor(server, { timeout: 200 }).chat.completions.create({ model: 'fake-chat', messages }), APIConnectionTimeoutError);
      assert.ok(performance.now() - started >= 190, 'the client waited for its timeout');
      const [request] = await server.waitForRequests(1);
      await request?.closed;
      assert.equal(request?.aborted, true);
      assert.equal(request?.firstByteAt, undefined, 'not a byte was sent');
    });

    it('hangAfterHeaders: headers arrive, no data ever; the client can abort', async () => {
      server.addRule({ fault: { kind: 'hangAfterHeaders' } });
      const controller = new AbortController();
      const stream = await clientFor(server).chat.completions.create({ model: 'fake-chat', messages, stream: true }, { signal: controller.signal });
      const timer = setTimeout(() => controller.abort(), 100);
      let chunks = 0;
      for await (const _chunk of stream) chunks += 1;
      clearTimeout(timer);
      assert.equal(chunks, 0);
      const request = server.requests[0];
      await request?.closed;
      assert.equal(request?.aborted, true);
      assert.ok(request?.firstByteAt !== undefined, 'headers were sent');
    });

    it('disconnect: N chunks, then the socket dies without [DONE]', async () => {
      server.addRule({ reply: { text: TEXT }, fault: { kind: 'disconnect', afterChunks: 3 } });
      const stream = await clientFor(server).chat.completions.create({ model: 'fake-chat', messages, stream: true });
      let chunks = 0;
      await assert.rejects(async () => {
        for await (const _chunk of stream) chunks += 1;
      });
      assert.equal(chunks, 3);
      const request = server.requests[0];
      await request?.closed;
      assert.equal(request?.aborted, false, 'the server, not the client, closed it');
    });

    it('disconnect on a non-streamed request: connection error, no response', async () => {
      server.addRule({ fault: { kind: 'disconnect', afterChunks: 0 } });
      await assert.rejects(clientFor(server).chat.completions.create({ model: 'fake-chat', messages }), APIConnectionError);
    });

    it('malformedSse: the client fails to parse the event after N chunks', async () => {
      server.addRule({ reply: { text: TEXT }, fault: { kind: 'malformedSse', afterChunks: 2 } });
      const stream = await clientFor(server, { logLevel: 'off' }).chat.completions.create({ model: 'fake-chat', messages, stream: true });
      let chunks = 0;
      await assert.rejects(async () => {
        for await (const _chunk of stream) chunks += 1;
      }, SyntaxError);
      assert.equal(chunks, 2);
    });

    it('malformedSse on the wire: one corrupt event, the rest of the stream intact', async () => {
      server.addRule({ reply: { text: 'abcdefgh' }, fault: { kind: 'malformedSse', afterChunks: 1 } });
      const body = await (await postJson(server, '/v1/chat/completions', { model: 'fake-chat', messages, stream: true })).text();
      const events = body.split('\n\n').filter((e) => e !== '');
      assert.equal(events[1], 'data: {not json');
      assert.equal(events.at(-1), 'data: [DONE]');
    });

    it('nonJson: 200 application/json with an HTML body makes the client throw', async () => {
      server.addRule({ fault: { kind: 'nonJson' } });
      const response = await postJson(server, '/v1/chat/completions', { model: 'fake-chat', messages });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/json');
      assert.equal(await response.text(), '<html>Bad gateway</html>');
      await assert.rejects(clientFor(server).chat.completions.create({ model: 'fake-chat', messages }), SyntaxError);
    });

    it('stallAfterChunks: N chunks, then silence with the socket open until the client aborts', async () => {
      server.addRule({ reply: { text: TEXT }, fault: { kind: 'stallAfterChunks', afterChunks: 2 } });
      const controller = new AbortController();
      const stream = await clientFor(server).chat.completions.create({ model: 'fake-chat', messages, stream: true }, { signal: controller.signal });
      let chunks = 0;
      let abortedAt = 0;
      for await (const _chunk of stream) {
        chunks += 1;
        if (chunks === 2) {
          setTimeout(() => {
            abortedAt = performance.now();
            controller.abort();
          }, 150);
        }
      }
      assert.equal(chunks, 2);
      const request = server.requests[0];
      await request?.closed;
      assert.equal(request?.aborted, true);
      assert.ok((request?.abortedAt ?? 0) >= abortedAt, 'the abort was seen after the client aborted');
    });

    it('huge: a 10 MB answer streams to completion', async function () {
      this.timeout(20_000);
      const bytes = 10 * 1024 * 1024;
      server.addRule({ fault: { kind: 'huge', bytes } });
      const stream = await clientFor(server).chat.completions.create({ model: 'fake-chat', messages, stream: true });
      let length = 0;
      let finish: string | null | undefined;
      let tail = '';
      for await (const chunk of stream) {
        const content = chunk.choices[0]?.delta.content ?? '';
        length += content.length;
        if (content !== '') tail = content;
        finish = chunk.choices[0]?.finish_reason ?? finish;
      }
      assert.equal(length, bytes);
      assert.equal(finish, 'stop');
      assert.match(tail, /^[\x20-\x7e\n]+$/, 'ASCII text');
    });

    it('huge: also whole, for a non-streamed request', async () => {
      server.addRule({ fault: { kind: 'huge', bytes: 1_000_000 } });
      const completion = await clientFor(server).chat.completions.create({ model: 'fake-chat', messages });
      assert.equal(completion.choices[0]?.message.content?.length, 1_000_000);
    });
  });

  describe('server lifecycle', () => {
    it('close() ends hanging requests at once and is not a client abort', async () => {
      const own = await FakeLlmServer.start({ rules: [{ fault: { kind: 'hang' } }] });
      const pending = clientFor(own).chat.completions.create({ model: 'fake-chat', messages });
      const [request] = await own.waitForRequests(1);
      const started = performance.now();
      await own.close();
      assert.ok(performance.now() - started < 500, 'close did not wait for the hung request');
      await assert.rejects(pending, APIConnectionError);
      await request?.closed;
      assert.equal(request?.aborted, false);
      await assert.rejects(own.waitForRequests(2), /closed/);
    });

    it('unusedPort(): connection refused', async () => {
      const port = await unusedPort();
      const client = clientFor(server, { baseURL: `http://127.0.0.1:${port}/v1` });
      await assert.rejects(client.models.list(), (e: unknown) => e instanceof APIConnectionError && !(e instanceof APIConnectionTimeoutError));
    });

    it('stops writing once the client aborts mid-stream, and notices within 50 ms', async () => {
      server.setOptions({ tokensPerSecond: 100 });
      server.addRule({ reply: { text: 'word '.repeat(200) } });
      const controller = new AbortController();
      const stream = await clientFor(server).chat.completions.create({ model: 'fake-chat', messages, stream: true }, { signal: controller.signal });
      let abortCalledAt = 0;
      let chunks = 0;
      for await (const _chunk of stream) {
        chunks += 1;
        if (chunks === 3) {
          abortCalledAt = performance.now();
          controller.abort();
        }
      }
      const request = server.requests[0];
      await request?.closed;
      assert.equal(request?.aborted, true);
      const noticedAfter = (request?.abortedAt ?? Infinity) - abortCalledAt;
      assert.ok(noticedAfter >= 0 && noticedAfter < 50, `server noticed the abort after ${noticedAfter} ms`);
      assert.equal(request?.completedAt, undefined, 'the answer never completed');
      await sleep(30);
      assert.equal(server.requests.length, 1);
    });
  });
});
