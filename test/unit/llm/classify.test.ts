import assert from 'node:assert/strict';
import { classifyFailure, parseContextOverflow } from '../../../src/core/llm/classify';
import { fakeProvider, fastTimeouts } from '../../support/llmTestKit';
import { LlmError, parseRetryAfter, retryDelay } from '../../../src/core/llm';
import { redactForLog } from '../../../src/core/logger';

describe('context overflow parsing', () => {
  it('reads OpenAI, vLLM, llama.cpp and LM Studio wordings', () => {
    assert.deepEqual(parseContextOverflow("This model's maximum context length is 8192 tokens. However, your messages resulted in 9100 tokens."), { limit: 8192, requested: 9100 });
    assert.deepEqual(parseContextOverflow("This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the completion)."), { limit: 4096, requested: 5000 });
    assert.deepEqual(parseContextOverflow('{"code":400,"message":"the request exceeds the available context size","type":"exceed_context_size_error","n_prompt_tokens":5120,"n_ctx":4096}'), { limit: 4096, requested: 5120 });
    assert.deepEqual(parseContextOverflow('Trying to keep the first 9000 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens'), { limit: 4096, requested: 9000 });
    assert.equal(parseContextOverflow('some other 400'), undefined);
  });
});

describe('retry policy', () => {
  const policy = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 20000 };
  const error = (kind: LlmError['kind'], retryAfterMs?: number, detail?: string) => new LlmError({ kind, message: kind, retryAfterMs, detail });

  it('backs off exponentially with jitter between half and the full window', () => {
    assert.equal(retryDelay(error('server'), 1, policy, () => 0), 250);
    assert.equal(retryDelay(error('server'), 1, policy, () => 1), 500);
    assert.equal(retryDelay(error('server'), 2, policy, () => 1), 1000);
  });

  it('honours Retry-After up to the cap, and gives up beyond it', () => {
    assert.equal(retryDelay(error('rateLimited', 3000), 1, policy), 3000);
    assert.equal(retryDelay(error('rateLimited', 60000), 1, policy), undefined);
  });

  it('stops after maxRetries and never retries what would fail the same way', () => {
    assert.equal(retryDelay(error('server'), 3, policy), undefined);
    for (const kind of ['auth', 'modelNotFound', 'contextTooLong', 'badRequest', 'streamCut', 'cancelled', 'firstTokenTimeout'] as const) {
      assert.equal(retryDelay(error(kind), 1, policy), undefined, kind);
    }
    assert.equal(retryDelay(error('unreachable', undefined, 'ECONNREFUSED'), 1, policy), undefined, 'a server that is down fails fast');
    assert.notEqual(retryDelay(error('unreachable', undefined, 'ECONNRESET'), 1, policy), undefined, 'a reset connection is retried');
  });

  it('parses Retry-After as seconds, HTTP date and retry-after-ms', () => {
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': '7' })), 7000);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after-ms': '250' })), 250);
    const now = Date.parse('2026-11-21T10:00:00Z');
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Sat, 21 Nov 2026 10:00:30 GMT' }), now), 30000);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'soon' })), undefined);
  });
});

describe('secret redaction in logs', () => {
  it('removes known keys and key-shaped strings', () => {
    const line = 'auth failed for sk-proj-abcdefghijklmnop with Bearer abcdefghijklmnopqrstu and key my-azure-key-123';
    const redacted = redactForLog(line, ['my-azure-key-123']);
    assert.equal(redacted, 'auth failed for [REDACTED] with Bearer [REDACTED] and key [REDACTED]');
  });

  it('uses the prompt redactor\'s detector, so every key shape it knows stays out of the log too', () => {
    // The log had its own two patterns before: AWS and GitHub keys, and passwords in URLs, went through.
    const line = 'request to https://bob:hunter2@proxy.local failed; env AKIAIOSFODNN7EXAMPLE ghp_0123456789abcdefghijklmnopqrstuvwxyz';
    const redacted = redactForLog(line, []);
    assert.doesNotMatch(redacted, /hunter2|AKIAIOSFODNN7EXAMPLE|ghp_0123/);
  });
});

describe('classifyFailure', () => {
  const provider = fakeProvider('http://127.0.0.1:9/v1');
  const context = (over: Partial<Parameters<typeof classifyFailure>[1]>) => ({ provider, model: 'fake-chat', timeouts: fastTimeouts, trace: {}, abortReason: undefined, receivedChars: 0, ...over });

  it('a request without a model that times out names the host and the wait', () => {
    const error = classifyFailure(new Error('aborted'), context({ model: undefined, abortReason: 'firstTokenTimeout', timeouts: { ...fastTimeouts, firstTokenMs: 300 } }));
    assert.equal(error.message, '127.0.0.1:9 did not answer within 0.3 s — check that the server is not overloaded, then try again.');
  });

  it('a 404 on a request without a model means the endpoint is wrong', () => {
    const error = classifyFailure(Object.assign(new Error('404 not found'), { status: 404 }), context({ model: undefined, trace: { responseStarted: true } }));
    assert.equal(error.kind, 'wrongEndpoint');
  });

  it('a cancelled request is reported as cancelled whatever the socket said', () => {
    assert.equal(classifyFailure(new Error('socket hang up'), context({ abortReason: 'cancelled' })).kind, 'cancelled');
  });
});
