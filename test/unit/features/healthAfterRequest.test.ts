import { strict as assert } from 'node:assert';
import type { RequestMetrics } from '../../../src/core/llm/metrics';
import { healthAfterRequest, type Health } from '../../../src/features/models/healthAfterRequest';

const request = (outcome: RequestMetrics['outcome'], errorKind?: string, endpoint: RequestMetrics['endpoint'] = 'chat'): RequestMetrics => ({
  provider: 'Ollama', model: 'qwen', endpoint, streamed: true, timeToFirstTokenMs: undefined, totalMs: 5, tokensIn: 1, tokensOut: 0,
  usageSource: 'estimate', attempts: 1, outcome, ...(errorKind ? { errorKind } : {}),
});
const reachable: Health = { state: 'ok', models: ['a', 'b'] };
const where = 'Ollama (http://localhost:11434/v1)';

describe('the model status between health checks', () => {
  it('says the server is not reachable as soon as a request cannot reach it (it said "reachable (2 models)" before)', () => {
    const next = healthAfterRequest(reachable, request('error', 'unreachable'), where);
    assert.deepEqual(next, { state: 'error', message: 'Server not reachable: the last chat request to Ollama (http://localhost:11434/v1) failed (no connection).' });
    assert.deepEqual(healthAfterRequest(reachable, request('error', 'connectTimeout', 'completions'), where), {
      state: 'error', message: 'Server not reachable: the last completion request to Ollama (http://localhost:11434/v1) failed (connection timed out).',
    });
  });

  it('checks again once a request succeeds after that, and ignores other errors and its own checks', () => {
    const down = healthAfterRequest(reachable, request('error', 'unreachable'), where) as Health;
    assert.equal(healthAfterRequest(down, request('ok'), where), 'recheck');
    assert.equal(healthAfterRequest(down, request('error', 'unreachable'), where), undefined, 'no repeated change');
    assert.equal(healthAfterRequest(reachable, request('ok'), where), undefined);
    assert.equal(healthAfterRequest(reachable, request('error', 'contextTooLong'), where), undefined);
    assert.equal(healthAfterRequest(reachable, request('cancelled'), where), undefined);
    assert.equal(healthAfterRequest(reachable, request('error', 'unreachable', 'models'), where), undefined);
  });
});
