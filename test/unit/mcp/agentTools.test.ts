// MCP tools in the agent loop: offered with the server's schema, asked about through the approver,
// "always allow" and the read-only opt-in honoured, results back to the model.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApprovalRequest } from '../../../src/core/agent';
import { mcpToolProvider, type McpManager } from '../../../src/core/mcp';
import { FakeLlmServer, nativeAgentSession } from '../../support/fakeLlm';
import { misbehavingEntry, stdioServer, testManager } from '../../support/mcp/mcpTestKit';
import { makeWorkspace, removeAll, runTask, testEnvironment } from '../agent/harness';

describe('MCP tools in the agent', function () {
  this.timeout(30_000);
  let server: FakeLlmServer;
  let root: string;
  let home: string;
  let manager: McpManager | undefined;

  before(async () => {
    server = await FakeLlmServer.start();
  });
  after(() => server.close());
  beforeEach(() => {
    root = makeWorkspace({ 'README.md': '# demo\n' });
    home = mkdtempSync(path.join(os.tmpdir(), 'tandem-mcp-home-'));
  });
  afterEach(async () => {
    server.reset();
    await manager?.dispose();
    manager = undefined;
    removeAll(root, home);
  });

  async function run(settings: Record<string, unknown>, approve: boolean | undefined) {
    server.reset();
    ({ manager } = await testManager({ misc: stdioServer(misbehavingEntry, 'tools') }, settings));
    const asked: ApprovalRequest[] = [];
    const env = await testEnvironment(root, {
      extraTools: mcpToolProvider(manager),
      approver: approve === undefined ? undefined : async (request) => {
        asked.push(request);
        return approve;
      },
    });
    server.setOptions({ rules: nativeAgentSession([
      { calls: [{ name: 'mcp__misc__echo', args: { text: 'hello from MCP' } }] },
      { text: 'Echoed.' },
    ]) });
    const result = await runTask({ server, root, home, env, task: 'echo something' });
    const second = server.requests[1]?.body as { messages: Array<{ role: string; content: string }> } | undefined;
    const toolMessage = second?.messages.find((m) => m.role === 'tool')?.content ?? '';
    return { ...result, asked, toolMessage };
  }

  it('offers the tools with the server\'s schema and asks before each call by default', async () => {
    const { outcome, asked, toolMessage, events } = await run({}, true);
    assert.equal(outcome.reason, 'finished', outcome.message);
    const first = server.requests[0]?.body as { tools: Array<{ function: { name: string; description: string; parameters: Record<string, unknown> } }> };
    const echo = first.tools.find((t) => t.function.name === 'mcp__misc__echo');
    assert.ok(echo, first.tools.map((t) => t.function.name).join(', '));
    assert.match(echo.function.description, /^\[MCP misc\] Echoes its text\./);
    assert.deepEqual(echo.function.parameters.required, ['text']);
    assert.ok(first.tools.some((t) => t.function.name === 'mcp__misc__needs_env'), 'a name with a space is sanitised');
    assert.equal(asked.length, 1);
    assert.equal(asked[0]?.kind, 'tool');
    assert.equal(asked[0]?.subject, 'misc/echo');
    assert.match(asked[0]?.detail ?? '', /"text": "hello from MCP"/);
    assert.equal(toolMessage, 'hello from MCP');
    assert.ok(events.some((e) => e.type === 'approval' && e.kind === 'tool' && e.approved));
  });

  it('a declined call is refused and the model is told', async () => {
    const { asked, toolMessage } = await run({}, false);
    assert.equal(asked.length, 1);
    assert.match(toolMessage, /^Refused: the user declined the call to misc\/echo/);
  });

  it('"always allow" per tool and the read-only opt-in run without asking; nobody to ask means refused', async () => {
    assert.equal((await run({ 'mcp.alwaysAllow': ['misc/echo'] }, true)).asked.length, 0);
    await manager?.dispose();
    const readOnly = await run({ 'mcp.autoApproveReadOnly': true }, true);
    assert.equal(readOnly.asked.length, 0);
    assert.equal(readOnly.toolMessage, 'hello from MCP');
    await manager?.dispose();
    const nobody = await run({}, undefined);
    assert.match(nobody.toolMessage, /Refused: MCP tools ask before each call and nobody can be asked here; allow this one with "tandem\.mcp\.alwaysAllow": \["misc\/echo"\]/);
  });

  it('disabled tools and servers are not offered; Restricted Mode offers none', async () => {
    ({ manager } = await testManager({ misc: stdioServer(misbehavingEntry, 'tools') }, { 'mcp.disabled': ['misc/hang'] }));
    const names = (await mcpToolProvider(manager)(new AbortController().signal)).map((t) => t.name);
    assert.ok(names.includes('mcp__misc__echo'));
    assert.ok(!names.includes('mcp__misc__hang'));
    const env = await testEnvironment(root, { extraTools: mcpToolProvider(manager), readOnly: true });
    server.setOptions({ rules: nativeAgentSession([{ text: 'Nothing to do.' }]) });
    await runTask({ server, root, home, env });
    const tools = (server.requests[0]?.body as { tools?: Array<{ function: { name: string } }> }).tools ?? [];
    assert.ok(!tools.some((t) => t.function.name.startsWith('mcp__')));
  });
});
