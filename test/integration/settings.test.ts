import * as assert from 'node:assert/strict';
import { setSetting, tandemApi } from './tandemApi';
import { waitFor } from './waitFor';

describe('settings validation', () => {
  afterEach(() => setSetting('timeouts.idleMs', undefined));

  it('reports a bad value once, naming the setting, and uses the default', async () => {
    const api = await tandemApi();
    await setSetting('timeouts.idleMs', 'abc');
    const message = await waitFor(() => api.configProblemsShown().find((m) => m.startsWith('tandem.timeouts.idleMs:')), 'the problem to be reported');
    assert.match(message, /^tandem\.timeouts\.idleMs: expected number, received string \(got "abc"\)\. Using 30000 instead\.$/);
    assert.equal(api.config().timeouts.idleMs, 30_000);

    // Changing another setting re-reads everything; the same problem is not shown again.
    await setSetting('timeouts.connectMs', 4_000);
    await waitFor(() => api.config().timeouts.connectMs === 4_000, 'the new connect timeout');
    assert.equal(api.configProblemsShown().filter((m) => m === message).length, 1);
    await setSetting('timeouts.connectMs', undefined);
  });

  it('applies a valid change at once', async () => {
    const api = await tandemApi();
    await setSetting('timeouts.idleMs', 12_345);
    await waitFor(() => api.config().timeouts.idleMs === 12_345, 'the new idle timeout');
  });
});
