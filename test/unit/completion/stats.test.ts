import assert from 'node:assert/strict';
import { CompletionStats } from '../../../src/core/completion';

describe('completion stats', () => {
  it('counts requests, hits, aborts, and each suggestion once however often it is shown', () => {
    const stats = new CompletionStats();
    stats.requestSent();
    stats.requestSent();
    stats.requestAborted();
    stats.hit('cache', 0.4);
    stats.hit('typedThrough', 0.2);
    stats.hit('typedThrough', 0.3);
    stats.shown('s1');
    stats.shown('s1');
    stats.shown('s2');
    stats.accepted('s1');
    stats.accepted('s1');
    const snap = stats.snapshot();
    assert.deepEqual(
      { requests: snap.requests, aborted: snap.aborted, cache: snap.cacheHits, typed: snap.typedThroughHits, shown: snap.shown, accepted: snap.accepted, rate: snap.acceptanceRate },
      { requests: 2, aborted: 1, cache: 1, typed: 2, shown: 2, accepted: 1, rate: 0.5 },
    );
    assert.equal(snap.hitLatency.count, 3);
  });

  it('reports p50 and p95 of model time and of overhead', () => {
    const stats = new CompletionStats();
    for (let i = 1; i <= 100; i++) stats.completed(i * 10, i / 10);
    const { modelLatency, overhead } = stats.snapshot();
    assert.deepEqual(modelLatency, { count: 100, p50: 500, p95: 950 });
    assert.deepEqual(overhead, { count: 100, p50: 5, p95: 9.5 });
  });

  it('keeps a bounded window of recent samples', () => {
    const stats = new CompletionStats();
    for (let i = 0; i < 5_000; i++) stats.completed(i < 4_000 ? 1_000 : 1, 0);
    assert.equal(stats.snapshot().modelLatency.p95, 1);
  });

  it('an empty snapshot has no percentiles and a zero acceptance rate', () => {
    const snap = new CompletionStats().snapshot();
    assert.equal(snap.acceptanceRate, 0);
    assert.equal(snap.modelLatency.p50, undefined);
  });

  it('reset() starts over', () => {
    const stats = new CompletionStats();
    stats.requestSent();
    stats.shown('a');
    stats.reset();
    stats.shown('a');
    assert.equal(stats.snapshot().requests, 0);
    assert.equal(stats.snapshot().shown, 1);
  });
});
