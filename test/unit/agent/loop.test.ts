import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeLlmServer, loopingAgent, misbehaving, nativeAgentSession, rejectsTools, textAgentSession, textCall } from '../../support/fakeLlm';
import { makeWorkspace, removeAll, runTask } from './harness';

const files = { 'src/math.js': 'export function add(a, b) {\n  return a - b;\n}\n', 'README.md': '# demo\n' };
const fixAdd = 'src/math.js\n<<<<<<< SEARCH\n  return a - b;\n=======\n  return a + b;\n>>>>>>> REPLACE\n';

describe('agent loop', function () {
  this.timeout(20_000);
  let server: FakeLlmServer;
  let root: string;
  let home: string;

  before(async () => {
    server = await FakeLlmServer.start();
  });
  after(() => server.close());
  beforeEach(() => {
    root = makeWorkspace(files);
    home = mkdtempSync(path.join(os.tmpdir(), 'tandem-agent-home-'));
  });
  afterEach(() => {
    server.reset();
    removeAll(root, home);
  });

  it('runs native tool calls (two in parallel, arguments split across chunks) until the model answers', async () => {
    server.setOptions({ rules: nativeAgentSession([
      { text: 'Reading both files.', calls: [{ name: 'read_file', args: { path: 'src/math.js' } }, { name: 'read_file', args: { path: 'README.md' } }] },
      { calls: [{ name: 'apply_edits', args: { response: fixAdd } }] },
      { text: 'Fixed add: it subtracted.' },
    ]) });
    const { outcome, events, record } = await runTask({ server, root, home, task: 'fix add' });
    assert.equal(outcome.reason, 'finished', outcome.message);
    assert.equal(outcome.message, 'Fixed add: it subtracted.');
    assert.match(readFileSync(path.join(root, 'src/math.js'), 'utf8'), /return a \+ b/);
    assert.deepEqual(outcome.summary.filesChanged, ['src/math.js']);
    assert.equal(events[0]?.type, 'task');
    const results = events.filter((e) => e.type === 'toolResult');
    assert.equal(results.length, 3);
    assert.ok(results.every((r) => r.type === 'toolResult' && r.ok));
    // The second request carried both tool results, each answering its call id.
    const second = server.requests[1]?.body as { messages: Array<{ role: string; tool_call_id?: string; content: string }>; tools: unknown[] };
    const toolMessages = second.messages.filter((m) => m.role === 'tool');
    assert.equal(toolMessages.length, 2);
    assert.match(toolMessages[0]?.content ?? '', /1\| export function add/);
    assert.ok(second.tools.length >= 10);
    assert.equal(record.protocol, 'native');
  });

  it('redacts a secret pasted into the task before sending it, and says so', async () => {
    server.setOptions({ rules: nativeAgentSession([{ text: 'Done.' }]) });
    const token = 'ghp_' + 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe9Dc8';
    const { outcome, events, record } = await runTask({ server, root, home, task: `use the token ${token} in the client` });
    assert.equal(outcome.reason, 'finished', outcome.message);
    assert.ok(!JSON.stringify(server.requests.map((r) => r.body)).includes(token), 'not sent');
    assert.ok(!JSON.stringify(record.messages).includes(token), 'not kept in the saved task either');
    assert.deepEqual(events.filter((e) => e.type === 'notice'), [{ type: 'notice', message: '1 secret in your message was redacted before sending.' }]);
  });

  for (const quirks of ['ollama', 'vllm', 'llamacpp'] as const) {
    it(`reads parallel native calls as ${quirks} streams them`, async () => {
      server.setOptions({ quirks, rules: nativeAgentSession([
        { calls: [{ name: 'read_file', args: { path: 'src/math.js' } }, { name: 'apply_edits', args: { response: fixAdd } }] },
        { text: 'Fixed.' },
      ]) });
      const { outcome, events } = await runTask({ server, root, home });
      assert.equal(outcome.reason, 'finished', outcome.message);
      assert.deepEqual(events.flatMap((e) => (e.type === 'toolResult' ? [`${e.name}:${e.ok}`] : [])), ['read_file:true', 'apply_edits:true']);
      assert.match(readFileSync(path.join(root, 'src/math.js'), 'utf8'), /return a \+ b/);
    });
  }

  it('gives each parallel call its own id when the server repeats one', async () => {
    server.setOptions({ rules: [
      { match: { endpoint: 'chat', turn: 0 }, reply: { toolCalls: [{ id: 'call_same', name: 'read_file', arguments: '{"path":"README.md"}' }, { id: 'call_same', name: 'read_file', arguments: '{"path":"src/math.js"}' }] } },
      { match: { endpoint: 'chat', turn: 1 }, reply: { text: 'ok' } },
    ] });
    const { outcome, record } = await runTask({ server, root, home });
    assert.equal(outcome.reason, 'finished');
    const results = record.messages.filter((m) => m.role === 'tool');
    assert.equal(results.length, 2);
    assert.notEqual(results[0]?.role === 'tool' && results[0].tool_call_id, results[1]?.role === 'tool' && results[1].tool_call_id);
    assert.match(String(results[1]?.content), /export function add/);
  });

  it('switches to the text protocol when the server rejects tools, and reads the usual small-model mistakes', async () => {
    server.setOptions({ rules: [
      rejectsTools(),
      ...textAgentSession([
        textCall.trailingProse('read_file', { path: 'src/math.js' }),
        textCall.missingClosingTag('list_files', {}),
        textCall.fencedJson('search', { query: 'return' }),
        textCall.xmlTags('read_file', { path: 'README.md', startLine: 1 }),
        textCall.trailingComma('apply_edits', { response: fixAdd }),
        'All done: add now adds.',
      ]),
    ] });
    const { outcome, events, record } = await runTask({ server, root, home, task: 'fix add' });
    assert.equal(outcome.reason, 'finished', outcome.message);
    assert.equal(record.protocol, 'text');
    assert.ok(events.some((e) => e.type === 'protocol' && e.protocol === 'text'));
    const names = events.flatMap((e) => (e.type === 'toolResult' ? [`${e.name}:${e.ok}`] : []));
    assert.deepEqual(names, ['read_file:true', 'list_files:true', 'search:true', 'read_file:true', 'apply_edits:true']);
    assert.match(readFileSync(path.join(root, 'src/math.js'), 'utf8'), /return a \+ b/);
    // Text-protocol requests describe the tools in the system prompt and send no `tools`.
    const last = server.requests[server.requests.length - 1]?.body as { messages: Array<{ role: string; content: string }>; tools?: unknown };
    assert.equal(last.tools, undefined);
    assert.match(last.messages[0]?.content ?? '', /<tool_call>/);
  });

  it('answers a malformed text call with a precise error and one example, and goes on', async () => {
    server.setOptions({ rules: textAgentSession([textCall.malformed(), 'Sorry, done.']) });
    const { outcome, record } = await runTask({ server, root, home, protocol: 'text' });
    assert.equal(outcome.reason, 'finished');
    const feedback = record.messages.find((m) => m.role === 'user' && String(m.content).startsWith('[tool result'));
    assert.match(String(feedback?.content), /could not be read: its JSON could not be read/);
    assert.match(String(feedback?.content), /<tool_call>\n\{"name":"read_file"/);
  });

  it('stops when the same call is repeated 3 times, naming the bound', async () => {
    server.setOptions({ rules: [loopingAgent({ name: 'read_file', args: { path: 'README.md' } })] });
    const { outcome, events } = await runTask({ server, root, home });
    assert.equal(outcome.reason, 'bound');
    assert.equal(outcome.bound, 'repeat');
    assert.match(outcome.message, /the same call was repeated 3 times/);
    assert.equal(events.filter((e) => e.type === 'toolResult' && e.ok).length, 2, 'the third call is not run');
  });

  it('stops at the step limit', async () => {
    let n = 0;
    server.setOptions({ rules: Array.from({ length: 12 }, () => ({ match: { endpoint: 'chat' as const, turn: n }, reply: { toolCalls: [{ name: 'read_file', arguments: JSON.stringify({ path: 'README.md', startLine: 1, endLine: ++n }) }] } })) });
    const { outcome } = await runTask({ server, root, home, maxSteps: 4 });
    assert.equal(outcome.bound, 'steps');
    assert.match(outcome.message, /^Stopped: step limit 4 reached\. So far the agent changed no files/);
  });

  it('stops after 3 tool errors in a row: invalid arguments, a path escape and a refused command', async () => {
    server.setOptions({ rules: nativeAgentSession([misbehaving.invalidArguments(), misbehaving.pathEscape(), misbehaving.gitReset(), { text: 'never reached' }]) });
    const { outcome, events } = await runTask({ server, root, home });
    assert.equal(outcome.bound, 'errors');
    assert.match(outcome.message, /3 tool calls failed in a row/);
    const summaries = events.flatMap((e) => (e.type === 'toolResult' ? [e.summary] : []));
    assert.match(summaries[0] ?? '', /invalid call: The arguments of read_file are not valid JSON/);
    assert.match(summaries[1] ?? '', /refused: .*outside the workspace/);
    assert.match(summaries[2] ?? '', /refused: the command `git reset --hard HEAD~1` is not allowed/);
  });

  it('stops when the token budget is used up', async () => {
    server.setOptions({ rules: [{ match: { endpoint: 'chat' }, reply: { toolCalls: [{ name: 'list_files', arguments: '{}' }], usage: { prompt_tokens: 6_000, completion_tokens: 10 } } }] });
    const { outcome } = await runTask({ server, root, home, tokenBudget: 10_000 });
    assert.equal(outcome.bound, 'tokens');
    assert.match(outcome.message, /token budget 10000 used up/);
  });

  it('cuts a huge command output to the budget with a visible marker', async () => {
    server.setOptions({ rules: nativeAgentSession([misbehaving.hugeOutput(5 * 1024 * 1024), { text: 'ok' }]) });
    const { outcome, record } = await runTask({ server, root, home, contextWindow: 8_192 });
    assert.equal(outcome.reason, 'finished');
    const tool = record.messages.find((m) => m.role === 'tool');
    const content = String(tool?.content);
    assert.ok(content.length < 10_000, `the result is ${content.length} characters`);
    assert.match(content, /characters \(\d+ lines\) cut by Tandem/);
  });

  it('Ctrl+C during a command stops it at once; the task records it as cancelled and a resume does not run it again', async () => {
    server.setOptions({ rules: nativeAgentSession([{ calls: [{ name: 'run_command', args: { command: 'sleep 30' } }] }, { text: 'ok' }]) });
    const abort = new AbortController();
    const started = Date.now();
    const { outcome, record } = await runTask({ server, root, home, signal: abort.signal, onEvent: (e) => { if (e.type === 'toolCall') setTimeout(() => abort.abort(), 200); } });
    assert.equal(outcome.reason, 'cancelled');
    assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
    assert.equal(record.status, 'cancelled');
    assert.match(String(record.messages.find((m) => m.role === 'tool')?.content), /sleep 30\ncancelled after/);
    assert.equal(record.pending, undefined);
  });

  it('Ctrl+C stops at once and closes the connection', async () => {
    server.setOptions({ rules: [{ match: { endpoint: 'chat' }, fault: { kind: 'stallAfterChunks', afterChunks: 2 }, reply: { text: 'thinking about it for a long time' } }] });
    const abort = new AbortController();
    const started = Date.now();
    const running = runTask({ server, root, home, signal: abort.signal, onEvent: (e) => { if (e.type === 'text') abort.abort(); } });
    const { outcome } = await running;
    assert.equal(outcome.reason, 'cancelled');
    assert.ok(Date.now() - started < 3_000);
    await server.requests[0]?.closed;
    assert.equal(server.requests[0]?.aborted, true);
  });
});
