import assert from 'node:assert/strict';
import { DebouncePolicy, defaultDebounceTuning } from '../../../src/core/completion/debouncePolicy';

function typed(gaps: number[]): DebouncePolicy {
  const policy = new DebouncePolicy();
  let at = 1_000;
  policy.recordKeystroke(at);
  for (const gap of gaps) policy.recordKeystroke((at += gap));
  return policy;
}

const midLine = { atLineStart: false, explicit: false };

describe('debounce policy', () => {
  it('starts from the initial delay before the rhythm is known', () => {
    assert.equal(typed([]).delayFor(midLine), defaultDebounceTuning.initialMs);
    assert.equal(typed([100, 100]).delayFor(midLine), defaultDebounceTuning.initialMs);
  });

  it('waits a little longer than the typical gap of a fast typist (no request per key in a burst)', () => {
    const delay = typed([90, 100, 110, 100, 95]).delayFor(midLine);
    assert.ok(delay > 100 && delay <= 130, `delay ${delay}`);
  });

  it('is bounded for slow typists', () => {
    assert.equal(typed([400, 420, 380, 410]).delayFor(midLine), defaultDebounceTuning.maxMs);
  });

  it('is bounded below for very fast bursts', () => {
    assert.equal(typed([16, 17, 16, 18, 16]).delayFor(midLine), defaultDebounceTuning.minMs);
  });

  it('is shorter at the start of a line', () => {
    const policy = typed([200, 210, 190, 205]);
    assert.ok(policy.delayFor({ atLineStart: true, explicit: false }) < policy.delayFor(midLine));
    assert.equal(policy.delayFor({ atLineStart: true, explicit: false }), defaultDebounceTuning.lineStartMaxMs);
  });

  it('is zero when the user asked explicitly', () => {
    assert.equal(typed([100, 100, 100]).delayFor({ atLineStart: false, explicit: true }), 0);
  });

  it('pauses and double calls for one keystroke do not count as rhythm', () => {
    const policy = typed([100, 5000, 100, 2, 100, 3, 100]);
    const delay = policy.delayFor(midLine);
    assert.ok(delay >= 110 && delay <= 130, `delay ${delay}`);
  });

  it('waits longer while requests keep being superseded (the model is slower than the typing)', () => {
    const policy = typed([200, 190, 210, 200, 205]);
    const relaxed = policy.delayFor(midLine);
    for (let i = 0; i < 8; i++) policy.recordRequest(true);
    const congested = policy.delayFor(midLine);
    assert.equal(relaxed, defaultDebounceTuning.maxMs);
    assert.ok(congested > relaxed && congested <= defaultDebounceTuning.congestedMaxMs, `congested ${congested}`);
    for (let i = 0; i < 8; i++) policy.recordRequest(false);
    assert.equal(policy.delayFor(midLine), relaxed, 'back to normal once requests finish again');
  });

  it('adapts when the rhythm changes (recent gaps only)', () => {
    const policy = typed([...Array(12).fill(300), ...Array(12).fill(60)]);
    assert.ok(policy.delayFor(midLine) < 100);
  });
});
