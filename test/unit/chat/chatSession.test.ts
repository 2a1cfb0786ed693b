import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ChatSession, type ChatSessionDeps } from '../../../src/core/chat/chatSession';
import { ContextSet } from '../../../src/core/chat/contextSet';
import { HistoryStore } from '../../../src/core/chat/historyStore';
import type { ExtensionMessage, Turn } from '../../../src/core/protocol';
import { contextLengthExceeded, FakeLlmServer } from '../../support/fakeLlm';
import { testClient } from '../../support/llmTestKit';

type ChatBody = { messages: Array<{ role: string; content: string }> };

describe('chat session against the fake model server', () => {
  let server: FakeLlmServer;
  let dir: string;
  let posted: ExtensionMessage[];
  let context: ContextSet;
  let attached: string[];
  let contextWindow: number;

  before(async () => { server = await FakeLlmServer.start(); });
  after(() => server.close());
  beforeEach(async () => {
    server.reset();
    dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-session-'));
    posted = [];
    context = new ContextSet();
    attached = [];
    contextWindow = 8192;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  function session(store = new HistoryStore(dir), delegate?: ChatSessionDeps['delegate']): ChatSession {
    const { client } = testClient(server.baseUrl, { maxRetries: 0 });
    return new ChatSession({
      ...(delegate ? { delegate } : {}),
      store, context,
      target: async () => ({ client, model: 'fake-chat', contextWindow, providerId: 'fake' }),
      modelName: () => 'fake-chat',
      attach: async (kind) => {
        attached.push(kind);
        context.put({ id: kind, kind, label: 'Problems in money.ts (1)', text: 'src/money.ts:3:1 error: bad' });
      },
      post: (message) => posted.push(message),
      batchMs: 20,
    });
  }

  const finalTurn = () => [...posted].reverse().find((m): m is Extract<ExtensionMessage, { type: 'turnUpdated' }> => m.type === 'turnUpdated')?.turn;
  const deltas = () => posted.filter((m) => m.type === 'delta').map((m) => (m as { text: string }).text);
  const body = (i: number) => server.requests[i]?.body as ChatBody;

  it('hands /tests to the feature that generates, reviews and runs them; no model request from the chat', async () => {
    const handed: string[] = [];
    const chat = session(undefined, async (command, text) => {
      handed.push(`${command}:${text}`);
      return command === 'tests' ? 'Generating tests for the code at the cursor in src/math.ts.' : undefined;
    });
    await chat.send('/tests cover negative numbers', false);
    assert.deepEqual(handed, ['tests:cover negative numbers']);
    assert.equal(server.requests.length, 0);
    assert.deepEqual(chat.current.turns.map((t) => [t.role, t.command ?? '', t.text]), [['user', 'tests', 'cover negative numbers'], ['notice', '', 'Generating tests for the code at the cursor in src/math.ts.']]);
    assert.equal(chat.current.title, '/tests cover negative numbers');

    // Declined (no file open): the model answers in the chat as before.
    server.addRule({ reply: { text: 'describe("math", () => {});' } });
    const declining = session(undefined, async () => undefined);
    await declining.send('/tests', false);
    assert.equal(server.requests.length, 1);
  });

  it('streams an answer in batched deltas and ends with the footer metrics; the question carries its context', async () => {
    server.setOptions({ tokensPerSecond: 400 });
    server.addRule({ match: { lastUser: 'what is this' }, reply: { text: 'It adds two numbers. '.repeat(10), usage: { prompt_tokens: 50, completion_tokens: 40 } } });
    context.put({ id: 'selection', kind: 'selection', label: 'math.ts:1-3', text: 'function add(a, b) { return a + b; }', language: 'typescript' });
    context.put({ id: 'rules:AGENTS.md', kind: 'rules', label: 'AGENTS.md', text: 'Answer in one sentence.' });
    const chat = session();
    await chat.send('what is this', false);

    const turn = finalTurn();
    assert.equal(turn?.status, 'done');
    assert.equal(turn?.text, 'It adds two numbers. '.repeat(10));
    assert.deepEqual({ ...turn?.metrics, timeToFirstTokenMs: 0, totalMs: 0 }, { model: 'fake-chat', timeToFirstTokenMs: 0, totalMs: 0, tokensIn: 50, tokensOut: 40, usageSource: 'server' });
    assert.equal(deltas().join(''), turn?.text, 'the deltas add up to the answer');
    assert.ok(deltas().length > 1 && deltas().length < 60, `${deltas().length} deltas for ~55 tokens: batched, not one per token`);
    const user = posted.find((m) => m.type === 'turnAdded' && m.turn.role === 'user') as { turn: Turn } | undefined;
    assert.deepEqual(user?.turn.context, ['AGENTS.md', 'math.ts:1-3']);
    const sent = body(0).messages;
    assert.match(sent[0]?.content ?? '', /### AGENTS\.md\nAnswer in one sentence\./);
    assert.match(sent.at(-1)?.content ?? '', /#### math\.ts:1-3\n```typescript\nfunction add/);
    assert.equal(chat.current.title, 'what is this');
    assert.deepEqual(posted.filter((m) => m.type === 'busy').map((m) => (m as { busy: boolean }).busy), [true, false]);
  });

  it('stops mid-answer: the connection closes, the text so far stays, the turn says stopped', async () => {
    server.setOptions({ tokensPerSecond: 100 });
    server.addRule({ reply: { text: 'word '.repeat(500) } });
    const chat = session();
    const sending = chat.send('long answer please', false);
    while (deltas().length === 0) await new Promise((r) => setTimeout(r, 5));
    chat.stop();
    await sending;
    await server.requests[0]?.closed;
    assert.equal(server.requests[0]?.aborted, true, 'the server saw the client close the connection');
    const turn = finalTurn();
    assert.equal(turn?.status, 'stopped');
    assert.ok(turn && turn.text.length > 0 && turn.text.length < 2500, `kept ${turn?.text.length} characters`);
    assert.equal(chat.busy, false);
  });

  it('trims and retries once when the server says the prompt is too long, and notes it', async () => {
    server.addRule({ reply: { text: 'Short answer.' } });
    server.addRule({ fault: contextLengthExceeded(4096, 6000), times: 1 }); // newest rule wins: refused once, then answered
    const chat = session();
    for (let i = 0; i < 12; i++) chat.current.turns.push({ id: `u${i}`, role: 'user', text: `q${i} `.padEnd(1500, 'q'), createdAt: 0 }, { id: `a${i}`, role: 'assistant', text: `a${i} `.padEnd(1500, 'a'), createdAt: 0, status: 'done' });
    await chat.send('and now?', false);

    assert.equal(server.requests.length, 2);
    const size = (i: number) => JSON.stringify(body(i).messages).length;
    assert.ok(size(1) < size(0) * 0.75, `retry was trimmed: ${size(0)} -> ${size(1)} characters`);
    const turn = finalTurn();
    assert.equal(turn?.status, 'done');
    assert.match(turn?.notes?.at(-1) ?? '', /^The server refused the first prompt as too long \(6,000 tokens for a 4,096-token window\); Tandem trimmed it to about [\d,]+ tokens and asked again\.$/);
    assert.match(turn?.notes?.[0] ?? '', /earlier messages were left out/);
  });

  it('explains a prompt that is still too long after the retry, pointing at the window setting', async () => {
    server.addRule({ fault: contextLengthExceeded(2048, 3000) });
    const chat = session();
    for (let i = 0; i < 4; i++) chat.current.turns.push({ id: `u${i}`, role: 'user', text: `q${i} `.padEnd(1500, 'q'), createdAt: 0 }, { id: `a${i}`, role: 'assistant', text: `a${i} `.padEnd(1500, 'a'), createdAt: 0, status: 'done' });
    await chat.send('hello', false);
    assert.equal(server.requests.length, 2, 'retried exactly once');
    const turn = finalTurn();
    assert.equal(turn?.status, 'error');
    assert.match(turn?.error?.message ?? '', /^Even trimmed, the prompt is too long for fake-chat \(3,000 tokens for a 2,048-token window\)\. Remove some context chips, start a New Chat, or pick a model with a larger window\. The server's window is 2,048 tokens but tandem\.providers\.fake\.contextWindow says 8,192: set it to 2048/);
    assert.deepEqual(turn?.error?.actions, ['openSettings', 'selectModel']);
  });

  it('does not send a retry that cannot fit, and explains instead', async () => {
    server.addRule({ fault: contextLengthExceeded(2048, 60_000) });
    await session().send('hello', false);
    assert.equal(server.requests.length, 1, 'trimming to 1/30 leaves no room even for the question');
    assert.match(finalTurn()?.error?.message ?? '', /^Even trimmed, the prompt is too long for fake-chat \(60,000 tokens for a 2,048-token window\)/);
  });

  it('shows an engine error inline with the actions that fix it', async () => {
    server.addRule({ fault: { kind: 'status', status: 401 } });
    await session().send('hi', false);
    const turn = finalTurn();
    assert.equal(turn?.status, 'error');
    assert.match(turn?.error?.message ?? '', /^Authentication failed at 127\.0\.0\.1:\d+ \(HTTP 401\)/);
    assert.deepEqual(turn?.error?.actions, ['setApiKey', 'showLog']);
  });

  it('regenerates the last answer with the same question and context', async () => {
    server.addRule({ reply: { text: 'first' }, times: 1 });
    server.addRule({ reply: { text: 'second' } });
    context.put({ id: 'file:a.ts', kind: 'file', label: 'a.ts', text: 'const a = 1;' });
    const chat = session();
    await chat.send('explain a', false);
    assert.equal(context.all().length, 0, 'attachments go with one message');
    await chat.regenerate();
    assert.deepEqual(chat.current.turns.map((t) => [t.role, t.text]), [['user', 'explain a'], ['assistant', 'second']]);
    assert.deepEqual(body(1).messages, body(0).messages, 'the same prompt again');
    assert.ok(posted.some((m) => m.type === 'turnsRemoved'));
  });

  it('edit-and-resend replaces the last question and its answer', async () => {
    server.addRule({ reply: { text: 'ok' } });
    const chat = session();
    await chat.send('first version', false);
    await chat.send('second version', true);
    assert.deepEqual(chat.current.turns.map((t) => t.text), ['second version', 'ok']);
    assert.deepEqual(body(1).messages.map((m) => m.role), ['system', 'user'], 'the replaced exchange is not history');
  });

  it('sends an expanded MCP prompt as it is: the turn shows its command, the chip goes with it, regenerate asks the same', async () => {
    server.addRule({ reply: { text: 'Reviewed.' } });
    context.put({ id: 'mcp:docs:docs://a.md', kind: 'mcpResource', label: 'docs: a.md', text: 'The API is stable.', path: 'a.md' });
    const chat = session();
    await chat.sendExpanded('mcp.docs.review', 'Review the attached page.\n\n/explain is not a command here', false);
    assert.deepEqual(chat.current.turns.map((t) => [t.role, t.command ?? '', t.text]), [
      ['user', 'mcp.docs.review', 'Review the attached page.\n\n/explain is not a command here'], ['assistant', '', 'Reviewed.'],
    ]);
    assert.deepEqual(chat.current.turns[0]?.context, ['docs: a.md']);
    assert.equal(chat.current.title, '/mcp.docs.review Review the attached page.');
    const sent = body(0).messages.at(-1)?.content ?? '';
    assert.match(sent, /#### docs: a\.md\n```\nThe API is stable\.\n```\n\nReview the attached page\.\n\n\/explain is not a command here$/);
    assert.equal(context.all().length, 0, 'the resource chip went with the message');
    await chat.regenerate();
    assert.equal(body(1).messages.at(-1)?.content, sent);
  });

  it('answers /help and unknown commands itself, /clear starts a new chat, /fix attaches the problems', async () => {
    server.addRule({ reply: { text: 'fixed' } });
    const chat = session();
    await chat.send('/help', false);
    await chat.send('/frobnicate', false);
    assert.equal(server.requests.length, 0, 'no request for local commands');
    const notices = chat.current.turns.filter((t) => t.role === 'notice').map((t) => t.text);
    assert.match(notices[0] ?? '', /`\/explain` — Explain the selected code/);
    assert.match(notices[1] ?? '', /^There is no `\/frobnicate` command\./);
    const before = chat.current.id;
    await chat.send('/clear', false);
    assert.notEqual(chat.current.id, before);
    assert.equal(chat.current.turns.length, 0);

    await chat.send('/fix the rounding', false);
    assert.deepEqual(attached, ['problems']);
    assert.match(body(0).messages.at(-1)?.content ?? '', /#### Problems in money\.ts \(1\)[\s\S]*Fix the attached problems\.[\s\S]*the rounding$/);
    assert.equal(chat.current.turns[0]?.command, 'fix');
  });

  it('reopens and deletes saved conversations', async () => {
    server.addRule({ reply: { text: 'ok' } });
    const chat = session();
    await chat.send('first chat', false);
    const first = chat.current.id;
    await chat.newChat();
    await chat.send('second chat', false);
    assert.equal(await chat.open(first), true);
    assert.deepEqual(chat.current.turns.map((t) => t.text), ['first chat', 'ok']);
    assert.equal((posted.at(-1) as { type: string }).type, 'state', 'the panel is redrawn with the reopened conversation');
    await chat.delete(first);
    assert.notEqual(chat.current.id, first, 'deleting the open conversation starts a new one');
    assert.deepEqual((await new HistoryStore(dir).list()).map((c) => c.title), ['second chat']);
    assert.equal(await chat.open(first), false);
  });

  it('comes back after a reload with the same conversation; an answer cut by the reload shows as stopped', async () => {
    server.addRule({ reply: { text: 'saved answer' } });
    const store = new HistoryStore(dir);
    const first = session(store);
    await first.send('remember me', false);
    first.current.turns.push({ id: 'x', role: 'assistant', text: 'half', createdAt: 0, status: 'streaming' });
    await store.save(first.current);

    const reloaded = session(new HistoryStore(dir));
    await reloaded.restore();
    assert.equal(reloaded.current.id, first.current.id);
    assert.deepEqual(reloaded.current.turns.map((t) => [t.text, t.status]), [['remember me', undefined], ['saved answer', 'done'], ['half', 'stopped']]);
  });
});
