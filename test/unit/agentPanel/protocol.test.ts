import assert from 'node:assert/strict';
import { parseExtensionMessage, parseWebviewMessage } from '../../../src/core/protocol';
import { statusText, formatTokens } from '../../../media/chat/agent/statusLine';

describe('agent panel: protocol and status line', () => {
  it('accepts the agent messages both ways and rejects malformed ones', () => {
    assert.ok(parseWebviewMessage({ type: 'agentApprove', id: 'approval-1', decision: 'always' }).ok);
    assert.ok(!parseWebviewMessage({ type: 'agentApprove', id: 'approval-1', decision: 'sudo' }).ok);
    assert.ok(!parseWebviewMessage({ type: 'agentRestore', step: 0 }).ok);
    assert.ok(!parseWebviewMessage({ type: 'agentSend', text: '' }).ok);
    assert.ok(parseExtensionMessage({ type: 'agentEvents', taskId: 't', events: [{ type: 'toolResult', step: 2, id: 'c', name: 'run_command', ok: false, refused: false, summary: 'Ran npm test — 2 failed', durationMs: 14_000, command: { command: 'npm test', exitCode: 1 } }] }).ok);
    assert.ok(!parseExtensionMessage({ type: 'agentEvents', taskId: 't', events: [{ type: 'output', step: 1, id: 'c', text: 'x'.repeat(300_000) }] }).ok, 'output is capped per message');
  });

  it('says the step, the bound, the tokens and what runs for how long', () => {
    const status = { running: true, step: 7, maxSteps: 25, tokens: 12_400, activity: 'running npm test', activityMs: 0 };
    assert.equal(statusText(status, 8_400), 'Step 7 of at most 25 · 12.4k tokens · running npm test 8 s');
    assert.equal(statusText(status, 300), 'Step 7 of at most 25 · 12.4k tokens · running npm test');
    assert.equal(formatTokens(950), '950 tokens');
    assert.equal(formatTokens(2_500_000), '2.50M tokens');
  });
});
