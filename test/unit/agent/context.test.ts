import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSystemPrompt, readAgentRules, toolSpecs } from '../../../src/core/agent';
import { condenseIfNeeded, cutToBudget } from '../../../src/core/agent/contextBudget';
import { nodeOutboundGate } from '../../../src/core/context';
import type { ChatMessage } from '../../../src/core/llm';
import { FakeLlmServer, nativeAgentSession } from '../../support/fakeLlm';
import { makeWorkspace, removeAll, runTask } from './harness';

describe('agent context', () => {
  it('cuts a long text keeping head and tail with a visible marker', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `line ${i}`).join('\n');
    const cut = cutToBudget(text, 1_000);
    assert.ok(cut.length < 1_200);
    assert.match(cut, /^line 0\n/);
    assert.match(cut, /line 9999$/);
    assert.match(cut, /\[… \d+ characters \(\d+ lines\) cut by Tandem to fit the context; ask for a narrower range …\]/);
    assert.equal(cutToBudget('short', 1_000), 'short');
  });

  it('condenses older tool results first, keeping the task, the files touched, the last failures and the model\'s words', () => {
    const messages: ChatMessage[] = [{ role: 'user', content: 'fix the parser' }];
    for (let i = 0; i < 6; i++) {
      messages.push({ role: 'assistant', content: `decision ${i}`, tool_calls: [{ id: `c${i}`, type: 'function', function: { name: 'read_file', arguments: '{}' } }] });
      messages.push({ role: 'tool', tool_call_id: `c${i}`, content: `result ${i}\n${'x'.repeat(8_000)}` });
    }
    const result = condenseIfNeeded(messages, 8_192, 1_024, { task: 'fix the parser', filesTouched: ['src/p.ts'], lastFailures: ['run_tests: tests failed: 1 failed'] });
    assert.ok(result.condensed >= 3);
    assert.ok(result.tokensAfter < result.tokensBefore);
    assert.ok(result.tokensAfter <= (8_192 - 1_024) * 0.8);
    const tools = result.messages.filter((m) => m.role === 'tool').map((m) => String(m.content));
    assert.match(tools[0] ?? '', /^\[condensed by Tandem\] result 0 \(8009 characters condensed to fit the context window\)\nTask: fix the parser\nFiles touched so far: src\/p\.ts\nLast failures:\nrun_tests: tests failed: 1 failed$/);
    assert.match(tools[5] ?? '', /^result 5\nxxx/, 'the latest results stay whole');
    assert.deepEqual(result.messages.filter((m) => m.role === 'assistant').map((m) => m.content), messages.filter((m) => m.role === 'assistant').map((m) => m.content));
    assert.equal(condenseIfNeeded(messages.slice(0, 3), 8_192, 1_024, { task: '', filesTouched: [], lastFailures: [] }).condensed, 0);
  });

  it('condenses the long arguments of old calls (a whole file written) before results', () => {
    const content = 'z'.repeat(30_000);
    const messages: ChatMessage[] = [
      { role: 'user', content: 'write it' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'w', type: 'function', function: { name: 'write_file', arguments: JSON.stringify({ path: 'src/big.ts', content }) } }] },
      { role: 'tool', tool_call_id: 'w', content: 'created src/big.ts (1 lines)' },
      { role: 'assistant', content: 'now test', tool_calls: [{ id: 't', type: 'function', function: { name: 'run_tests', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 't', content: 'PASSED' },
    ];
    const result = condenseIfNeeded(messages, 8_192, 1_024, { task: 'write it', filesTouched: [], lastFailures: [] });
    assert.equal(result.condensed, 1);
    const call = result.messages[1];
    assert.ok(call?.role === 'assistant' && call.tool_calls?.[0]?.type === 'function');
    assert.deepEqual(JSON.parse(call.tool_calls[0].function.arguments), { path: 'src/big.ts', content: '[condensed by Tandem] 30000 characters' });
    assert.equal(result.messages[2]?.content, 'created src/big.ts (1 lines)');
  });

  it('the loop condenses visibly when the conversation nears the context window', async function () {
    this.timeout(20_000);
    const server = await FakeLlmServer.start();
    const root = makeWorkspace({ 'big.txt': 'y'.repeat(7_000) });
    const home = mkdtempSync(path.join(os.tmpdir(), 'tandem-agent-home-'));
    try {
      server.setOptions({ rules: nativeAgentSession([
        ...Array.from({ length: 6 }, (_, i) => ({ calls: [{ name: 'read_file', args: { path: 'big.txt', startLine: 1, endLine: i + 1 } }] })),
        { text: 'done' },
      ]) });
      const { outcome, events } = await runTask({ server, root, home, contextWindow: 8_192 });
      assert.equal(outcome.reason, 'finished', outcome.message);
      const condensed = events.filter((e) => e.type === 'condensed');
      assert.ok(condensed.length > 0);
      const last = server.requests[server.requests.length - 1]?.body as { messages: Array<{ content: string }> };
      assert.ok(JSON.stringify(last.messages).length / 4 < 8_192, 'the last prompt fits the window');
    } finally {
      await server.close();
      removeAll(root, home);
    }
  });

  it('reads AGENTS.md from the root down to the working folder, then the rules files, skipping ignored ones', async () => {
    const root = makeWorkspace({
      'AGENTS.md': 'root rules',
      'packages/app/AGENTS.md': 'app rules',
      'packages/AGENTS.md': 'packages rules',
      'other/AGENTS.md': 'not on the path',
      '.github/copilot-instructions.md': 'copilot rules',
      '.tandem/rules/b.md': 'b rules', '.tandem/rules/a.md': 'a rules', '.tandem/rules/skip.txt': 'no',
    });
    try {
      const rules = await readAgentRules(root, path.join(root, 'packages/app'), await nodeOutboundGate(root));
      assert.deepEqual(rules.map((r) => r.path), ['AGENTS.md', 'packages/AGENTS.md', 'packages/app/AGENTS.md', '.github/copilot-instructions.md', '.tandem/rules/a.md', '.tandem/rules/b.md']);
      const prompt = buildSystemPrompt({ protocol: 'native', tools: toolSpecs, rules, workspaceName: 'ws', platform: 'linux', readOnly: false, editsNeedApproval: false });
      assert.ok(prompt.indexOf('root rules') < prompt.indexOf('app rules'));
      assert.match(prompt, /Project instructions from packages\/app\/AGENTS\.md:\napp rules/);
      const gated = await readAgentRules(root, root, await nodeOutboundGate(root, ['AGENTS.md']));
      assert.ok(!gated.some((r) => r.path === 'AGENTS.md'));
    } finally {
      removeAll(root);
    }
  });
});
