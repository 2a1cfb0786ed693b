import assert from 'node:assert/strict';
import { FailureBackoff } from '../../../src/core/completion/failureBackoff';
import { LlmError, type LlmErrorKind } from '../../../src/core/llm';

const error = (kind: LlmErrorKind, retryAfterMs?: number) => new LlmError({ kind, message: kind, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });

describe('completion failure backoff', () => {
  for (const kind of ['unreachable', 'auth', 'server', 'firstTokenTimeout', 'idleTimeout', 'totalTimeout', 'streamError', 'malformed'] as const) {
    it(`pauses completions after ${kind}: the next keystroke would fail the same way`, () => {
      const backoff = new FailureBackoff();
      backoff.failed(error(kind), 1_000);
      assert.equal(backoff.isPaused(1_001), true);
      assert.equal(backoff.isPaused(6_001), false, 'the first pause is 5 s');
    });
  }

  for (const kind of ['streamCut', 'badRequest', 'cancelled', 'contextTooLong'] as const) {
    it(`does not pause after ${kind}`, () => {
      const backoff = new FailureBackoff();
      backoff.failed(error(kind), 1_000);
      assert.equal(backoff.isPaused(1_001), false);
    });
  }

  it('doubles the pause up to a minute while failures continue, follows Retry-After, and one success resets it', () => {
    const backoff = new FailureBackoff();
    let now = 0;
    const pauses: number[] = [];
    for (let i = 0; i < 6; i++) {
      backoff.failed(error('server'), now);
      let end = now;
      while (backoff.isPaused(end)) end += 1_000;
      pauses.push(end - now);
      now = end;
    }
    assert.deepEqual(pauses, [5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
    backoff.failed(error('rateLimited', 2_000), now);
    assert.equal(backoff.isPaused(now + 1_999), true);
    assert.equal(backoff.isPaused(now + 2_000), false);
    backoff.succeeded();
    backoff.failed(error('server'), now);
    assert.equal(backoff.isPaused(now + 5_000), false, 'back to 5 s after a success');
  });
});
