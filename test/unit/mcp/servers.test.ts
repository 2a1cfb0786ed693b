// Against real MCP servers: server-everything (stdio and Streamable HTTP), server-memory, and the
// misbehaving server of test/support/mcp.
import assert from 'node:assert/strict';
import os from 'node:os';
import { formatToolResult, type McpManager } from '../../../src/core/mcp';
import { redactSecrets } from '../../../src/core/context/redact';
import { everythingEntry, memoryEntry, misbehavingEntry, startEverythingHttp, stdioServer, testManager } from '../../support/mcp/mcpTestKit';

const call = (manager: McpManager, server: string, tool: string, args: Record<string, unknown> = {}, timeoutMs = 20_000) =>
  manager.call(server, tool, args, { signal: new AbortController().signal, timeoutMs });
const text = (result: unknown, budget = 100_000) => formatToolResult(result, budget, (t) => redactSecrets(t).text);

describe('MCP against real servers', function () {
  this.timeout(40_000);
  const managers: McpManager[] = [];
  const track = <T extends { manager: McpManager }>(value: T): T => {
    managers.push(value.manager);
    return value;
  };
  afterEach(async () => {
    await Promise.all(managers.splice(0).map((m) => m.dispose()));
  });

  it('server-everything over stdio: ready with its tools; text, image, structured and resource results', async () => {
    const { manager, logs } = track(await testManager({ everything: stdioServer(everythingEntry, 'stdio') }));
    const tools = await manager.tools();
    const names = tools.map((t) => t.name);
    for (const expected of ['mcp__everything__echo', 'mcp__everything__get-sum', 'mcp__everything__get-tiny-image']) assert.ok(names.includes(expected), names.join(', '));
    assert.equal(manager.server('everything')?.state.kind, 'ready');
    assert.ok(tools.find((t) => t.info.tool === 'echo')?.info.readOnlyHint);
    assert.match(text(await call(manager, 'everything', 'echo', { message: 'hi there' })).text, /hi there/);
    assert.match(text(await call(manager, 'everything', 'get-sum', { a: 2, b: 40 })).text, /42/);
    assert.match(text(await call(manager, 'everything', 'get-tiny-image')).text, /\[image image\/png, [\d.]+ (KB|bytes) — not shown to the model\]/);
    const structured = text(await call(manager, 'everything', 'get-structured-content', { location: 'Chicago' })).text;
    assert.match(structured, /temperature/);
    assert.match(text(await call(manager, 'everything', 'get-resource-links', { count: 2 })).text, /\[resource link: demo:\/\//);
    assert.ok(logs.some((l) => /ready over stdio/.test(l.line)), JSON.stringify(logs));
    // A server-side error is a readable failure, not a crash.
    const unknown = text(await call(manager, 'everything', 'no-such-tool'));
    assert.equal(unknown.isError, true);
    assert.match(unknown.text, /no-such-tool/);
  });

  it('server-everything over Streamable HTTP on a loopback port, progress from a long-running tool', async () => {
    const http = await startEverythingHttp();
    try {
      const { manager } = track(await testManager({ remote: { type: 'http', url: http.url } }));
      const tools = await manager.tools();
      assert.ok(tools.some((t) => t.name === 'mcp__remote__echo'));
      const state = manager.server('remote')?.state;
      assert.equal(state?.kind === 'ready' && state.transport, 'streamable-http');
      assert.match(text(await call(manager, 'remote', 'echo', { message: 'over http' })).text, /over http/);
      const progress: string[] = [];
      const result = await manager.call('remote', 'trigger-long-running-operation', { duration: 1, steps: 3 }, { signal: new AbortController().signal, timeoutMs: 20_000, onProgress: (m) => progress.push(m) });
      assert.match(text(result).text, /completed/i);
      assert.ok(progress.length >= 2, JSON.stringify(progress));
    } finally {
      await http.stop();
    }
  });

  it('server-memory: creates entities and reads the graph back', async () => {
    const { manager } = track(await testManager({ memory: { ...stdioServer(memoryEntry), env: { MEMORY_FILE_PATH: `${os.tmpdir()}/tandem-mcp-memory-${process.pid}.jsonl` } } }));
    const names = (await manager.tools()).map((t) => t.name);
    assert.ok(names.includes('mcp__memory__create_entities') && names.includes('mcp__memory__read_graph'), names.join(', '));
    await call(manager, 'memory', 'create_entities', { entities: [{ name: 'Tandem', entityType: 'project', observations: ['speaks MCP'] }] });
    assert.match(text(await call(manager, 'memory', 'read_graph')).text, /Tandem[\s\S]*speaks MCP/);
  });

  describe('a misbehaving server', () => {
    it('crashes on start: failed, with the reason it wrote to stderr', async () => {
      const { manager } = track(await testManager({ bad: stdioServer(misbehavingEntry, 'crash-on-start') }));
      assert.deepEqual(await manager.tools(), []);
      const state = manager.server('bad')?.state;
      assert.equal(state?.kind, 'failed');
      assert.match(state?.kind === 'failed' ? state.reason : '', /exited before the MCP handshake finished.*MISBEHAVING_CONFIG is not set/);
    });

    it('never answers the handshake: failed after the timeout, and the process is gone', async () => {
      const { manager } = track(await testManager({ silent: stdioServer(misbehavingEntry, 'silent') }, { 'mcp.startupTimeoutMs': 1_500 }));
      const started = Date.now();
      await manager.tools();
      assert.ok(Date.now() - started < 8_000);
      const state = manager.server('silent')?.state;
      assert.match(state?.kind === 'failed' ? state.reason : '', /did not answer the MCP handshake within 1\.5 s.*tandem\.mcp\.startupTimeoutMs/);
    });

    it('a program that does not exist: says so and where it was configured', async () => {
      const { manager } = track(await testManager({ nope: { command: 'tandem-no-such-mcp-server-xyz' } }));
      await manager.tools();
      const state = manager.server('nope')?.state;
      assert.match(state?.kind === 'failed' ? state.reason : '', /cannot start "tandem-no-such-mcp-server-xyz": no such program/);
    });

    it('garbage on stdout: logged, and the server still works', async () => {
      const { manager, logs } = track(await testManager({ noisy: stdioServer(misbehavingEntry, 'garbage') }));
      assert.ok((await manager.tools()).length > 0);
      assert.match(text(await call(manager, 'noisy', 'echo', { text: 'still fine' })).text, /still fine/);
      assert.ok(logs.some((l) => /transport:/.test(l.line)), JSON.stringify(logs.slice(0, 10)));
    });

    it('a tool that hangs: cancelled after the timeout with the protocol\'s cancellation', async () => {
      const { manager, logs } = track(await testManager({ bad: stdioServer(misbehavingEntry, 'tools') }));
      await manager.tools();
      await assert.rejects(call(manager, 'bad', 'hang', {}, 800), /bad\/hang gave no answer within 1 s; the call was cancelled/);
      for (let i = 0; i < 50 && !logs.some((l) => /hang: cancelled by the client/.test(l.line)); i++) await new Promise((r) => setTimeout(r, 50));
      assert.ok(logs.some((l) => /hang: cancelled by the client/.test(l.line)), 'the server saw notifications/cancelled');
      // The user's Stop cancels the same way.
      const abort = new AbortController();
      const pending = manager.call('bad', 'hang', {}, { signal: abort.signal, timeoutMs: 60_000 });
      setTimeout(() => abort.abort(), 100);
      await assert.rejects(pending, /bad\/hang was cancelled/);
      assert.equal(manager.server('bad')?.state.kind, 'ready');
    });

    it('a 20 MB result: received whole in a few seconds, cut to the budget with a marker', async () => {
      const { manager } = track(await testManager({ bad: stdioServer(misbehavingEntry, 'tools') }));
      await manager.tools();
      const started = Date.now();
      const result = text(await call(manager, 'bad', 'huge', { megabytes: 20 }), 8_000);
      // The SDK's own read buffer is quadratic: about a minute for 20 MB on this machine.
      assert.ok(Date.now() - started < 15_000, `${Date.now() - started} ms`);
      assert.ok(result.text.length < 8_300, String(result.text.length));
      assert.match(result.text, /^START/);
      assert.match(result.text, /END$/);
      assert.match(result.text, /cut by Tandem to fit the context/);
    });

    it('isError results, a secret in a result, and a secret passed in its environment never reach the model', async () => {
      const { manager, secrets } = track(await testManager({ bad: { ...stdioServer(misbehavingEntry, 'tools'), env: { MISBEHAVING_TOKEN: '${secret:TOKEN}' } } }));
      await secrets.store('tandem.mcp.secret.TOKEN', 'tok-7f3a9c1e55b2');
      await manager.tools();
      const failed = text(await call(manager, 'bad', 'fail'));
      assert.equal(failed.isError, true);
      assert.match(failed.text, /the database is locked/);
      assert.doesNotMatch(text(await call(manager, 'bad', 'leak')).text, /wJalrXUtnFEMI/);
      const leaked = text(await call(manager, 'bad', 'needs env')).text;
      assert.match(leaked, /token=tok-7f3a9c1e55b2/, 'the server got the secret');
      assert.doesNotMatch(manager.redact(leaked), /tok-7f3a9c1e55b2/);
    });

    it('crashes during a call: the call fails with the reason, and the server restarts by itself', async () => {
      const { manager, logs } = track(await testManager({ bad: stdioServer(misbehavingEntry, 'tools') }));
      await manager.tools();
      await assert.rejects(call(manager, 'bad', 'crash'), /stopped during the call to crash|Connection closed/);
      for (let i = 0; i < 40 && manager.server('bad')?.state.kind !== 'failed'; i++) await new Promise((r) => setTimeout(r, 25));
      const failed = manager.server('bad')?.state;
      assert.match(failed?.kind === 'failed' ? failed.reason : '', /stopped unexpectedly.*crash: exiting on purpose/);
      assert.ok(logs.some((l) => /restarting in 1 s/.test(l.line)));
      for (let i = 0; i < 100 && manager.server('bad')?.state.kind !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
      assert.equal(manager.server('bad')?.state.kind, 'ready');
      assert.match(text(await call(manager, 'bad', 'echo', { text: 'back' })).text, /back/);
    });
  });
});
