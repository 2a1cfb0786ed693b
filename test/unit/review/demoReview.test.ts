// The demo model's scripted review (npm start -- --demo): the README note the demo session starts
// with gets one finding on its changed line, through the real client and engine.
import assert from 'node:assert/strict';
import os from 'node:os';
import { nodeOutboundGate } from '../../../src/core/context';
import { reviewDiff } from '../../../src/core/review';
import { demoRules, FakeLlmServer } from '../../support/fakeLlm';
import { testClient } from '../../support/llmTestKit';

describe('review: the demo model', () => {
  let server: FakeLlmServer;
  before(async () => { server = await FakeLlmServer.start({ rules: demoRules, tokensPerSecond: 0 }); });
  after(() => server.close());

  it('comments on the README note of the demo change, anchored to its changed line', async () => {
    const readme = '# Pocket Ledger\n\nTrack money.\n\n## Categories\n\nCategories are case-insensitive: "Groceries" and "groceries" are the same category.\n';
    const diff = 'diff --git a/README.md b/README.md\n--- a/README.md\n+++ b/README.md\n@@ -3,0 +4,4 @@ Track money.\n+\n+## Categories\n+\n+Categories are case-insensitive: "Groceries" and "groceries" are the same category.\n';
    const { client } = testClient(server.baseUrl);
    const result = await reviewDiff(client, { diff, gate: await nodeOutboundGate(os.tmpdir()), readFile: async () => ({ text: readme, languageId: 'markdown' }) });
    assert.deepEqual(result.findings.map((f) => [f.path, f.line, f.severity, f.category]), [['README.md', 4, 'info', 'test-gap']]);
  });
});
