import assert from 'node:assert/strict';
import { isLlmError } from '../../../src/core/llm';
import { FakeLlmServer } from '../../support/fakeLlm';
import { collect, rejectionOf, testClient } from '../../support/llmTestKit';

describe('LlmClient: cancellation closes the connection', () => {
  let server: FakeLlmServer;
  before(async () => { server = await FakeLlmServer.start({ tokensPerSecond: 200 }); });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('aborting the signal mid-stream closes the socket at once; the server sees it', async () => {
    server.addRule({ reply: { text: 'word '.repeat(400) } });
    const { client, metrics } = testClient(server.baseUrl);
    const controller = new AbortController();
    let abortedAt = 0;
    const error = await rejectionOf((async () => {
      for await (const event of client.streamChat({ messages: [{ role: 'user', content: 'long' }], signal: controller.signal })) {
        if (event.type === 'text' && !controller.signal.aborted) {
          abortedAt = performance.now();
          controller.abort();
        }
      }
    })());
    assert.ok(isLlmError(error, 'cancelled'), String(error));
    const request = server.requests[0];
    await request?.closed;
    assert.equal(request?.aborted, true);
    const delay = (request?.abortedAt ?? Infinity) - abortedAt;
    assert.ok(delay < 50, `server saw the close ${delay.toFixed(1)} ms after the abort`);
    assert.equal(metrics[0]?.outcome, 'cancelled');
  });

  it('aborting before the first token cancels the waiting request', async () => {
    server.setOptions({ ttftMs: 2_000 });
    server.addRule({ reply: { text: 'never seen' } });
    const { client } = testClient(server.baseUrl, { timeouts: { connectMs: 1_000, firstTokenMs: 5_000, idleMs: 1_000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await rejectionOf(collect(client.streamChat({ messages: [{ role: 'user', content: 'x' }], signal: controller.signal })));
    assert.ok(isLlmError(error, 'cancelled'));
    await server.requests[0]?.closed;
    assert.equal(server.requests[0]?.aborted, true);
  });

  it('breaking out of the loop (early stop) closes the connection too', async () => {
    server.addRule({ match: { endpoint: 'completions' }, reply: { text: 'line one\nline two\nline three\n'.repeat(20) } });
    const { client } = testClient(server.baseUrl);
    let text = '';
    for await (const event of client.streamCompletion({ prompt: 'x', suffix: '' })) {
      if (event.type === 'text') text += event.text;
      if (text.includes('\n')) break;
    }
    await server.requests[0]?.closed;
    assert.equal(server.requests[0]?.aborted, true);
  });

  it('a signal aborted before the call sends nothing', async () => {
    const { client } = testClient(server.baseUrl);
    const error = await rejectionOf(client.chat({ messages: [{ role: 'user', content: 'x' }], signal: AbortSignal.abort() }));
    assert.ok(isLlmError(error, 'cancelled'), String(error));
    assert.equal(server.requests.length, 0);
  });

  it('cancelling during a retry wait stops the retries', async () => {
    server.addRule({ fault: { kind: 'status', status: 429, retryAfterSeconds: 5 } });
    const { client } = testClient(server.baseUrl, { retryPolicy: { maxRetryAfterMs: 10_000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = performance.now();
    await rejectionOf(client.chat({ messages: [{ role: 'user', content: 'x' }], signal: controller.signal }));
    assert.ok(performance.now() - started < 1_000);
    assert.equal(server.requests.length, 1);
  });
});

describe('LlmClient: metrics of a stream stopped early', () => {
  let server: FakeLlmServer;
  before(async () => { server = await FakeLlmServer.start(); });
  after(() => server.close());

  it('records the request as stopped, with its time to first token', async () => {
    server.addRule({ match: { endpoint: 'completions' }, reply: { text: 'abc\ndef\n'.repeat(50) } });
    const { client, metrics } = testClient(server.baseUrl);
    for await (const event of client.streamCompletion({ prompt: 'x' })) if (event.type === 'text') break;
    assert.equal(metrics.length, 1);
    assert.equal(metrics[0]?.outcome, 'stopped');
    assert.ok((metrics[0]?.timeToFirstTokenMs ?? -1) >= 0);
  });
});
