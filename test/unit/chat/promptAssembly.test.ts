import assert from 'node:assert/strict';
import { estimateMessagesTokens, isLlmError, type ChatMessage } from '../../../src/core/llm';
import { answerReserve, assembleChatPrompt, type ChatPromptInput, type PromptHistoryTurn } from '../../../src/core/prompts/chat';
import { shareBudget } from '../../../src/core/prompts/textBudget';

const base: ChatPromptInput = { question: 'What does this do?', history: [], context: [], rules: [], contextWindow: 8192, model: 'fake-chat' };

function content(message: ChatMessage | undefined): string {
  return typeof message?.content === 'string' ? message.content : '';
}

/** n exchanges, each message `size` characters and numbered so the test can tell them apart. */
function exchanges(n: number, size: number): PromptHistoryTurn[] {
  return Array.from({ length: n }, (_, i) => [
    { role: 'user' as const, text: `question ${i} `.padEnd(size, 'q') },
    { role: 'assistant' as const, text: `answer ${i} `.padEnd(size, 'a') },
  ]).flat();
}

describe('chat prompt assembly within the context window', () => {
  it('puts system prompt, rules, history and the question with its context in order', () => {
    const prompt = assembleChatPrompt({
      ...base,
      history: exchanges(1, 40),
      context: [{ label: 'money.ts:3-5', text: 'export const cents = 100;', language: 'typescript' }],
      rules: [{ path: 'AGENTS.md', text: 'Always use tabs.' }],
    });
    assert.deepEqual(prompt.messages.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
    assert.match(content(prompt.messages[0]), /You are Tandem/);
    assert.match(content(prompt.messages[0]), /## Project rules[\s\S]*### AGENTS\.md\nAlways use tabs\./);
    assert.match(content(prompt.messages[1]), /^question 0/);
    assert.equal(content(prompt.messages[3]), 'Context attached by the user:\n\n#### money.ts:3-5\n```typescript\nexport const cents = 100;\n```\n\nWhat does this do?');
    assert.deepEqual(prompt.notes, []);
    assert.equal(prompt.droppedTurns, 0);
    assert.equal(prompt.promptTokens, estimateMessagesTokens(prompt.messages));
  });

  it('redacts secrets in attached files before the prompt leaves the machine, and says so', () => {
    const prompt = assembleChatPrompt({
      ...base,
      context: [{ label: 'config.ts', text: 'export const client = new Client({\n  apiKey: "sk-live-0123456789abcdefghijklmnop",\n});', language: 'typescript' }],
    });
    const sent = content(prompt.messages.at(-1));
    assert.doesNotMatch(sent, /sk-live-0123456789abcdefghijklmnop/);
    assert.match(sent, /apiKey: /);
    assert.deepEqual(prompt.notes, ['1 secret in config.ts was redacted before sending.']);
  });

  it('redacts a secret pasted into the question or an earlier message, keeps the words around it, and says so', () => {
    const token = 'ghp_' + 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe9Dc8';
    const key = 'AKIA' + 'QX7RZ2M4PLW8KD3N';
    const prompt = assembleChatPrompt({
      ...base,
      question: `Why does the API answer 401 with the token ${token}?`,
      history: [{ role: 'user', text: `My AWS key is ${key}, is that right?` }, { role: 'assistant', text: 'Check the region.' }],
    });
    const sent = JSON.stringify(prompt.messages);
    assert.ok(!sent.includes(token) && !sent.includes(key), sent);
    assert.match(content(prompt.messages.at(-1)), /^Why does the API answer 401 with the token .+\?$/);
    assert.match(content(prompt.messages[1]), /^My AWS key is .+, is that right\?$/);
    assert.deepEqual(prompt.notes, ['1 secret in your message was redacted before sending.', '1 secret in an earlier message was redacted before sending.']);
  });

  it('keeps the prompt within the window minus the answer reserve', () => {
    assert.equal(answerReserve(8192), 2048);
    assert.equal(answerReserve(1024), 256);
    assert.equal(answerReserve(1_000_000), 4096);
    const prompt = assembleChatPrompt({ ...base, contextWindow: 2048, history: exchanges(40, 400), context: [{ label: 'big.ts', text: 'const x = 1;\n'.repeat(2_000) }] });
    assert.ok(prompt.promptTokens <= 2048 - answerReserve(2048), `${prompt.promptTokens} tokens`);
  });

  it('drops the oldest turns first, keeps whole exchanges, and says so in a visible note', () => {
    const prompt = assembleChatPrompt({ ...base, contextWindow: 2048, history: exchanges(20, 400) });
    const kept = prompt.messages.slice(1, -1);
    assert.ok(kept.length >= 2 && kept.length < 40, `kept ${kept.length}`);
    assert.equal(kept[0]?.role, 'user', 'history starts with a question');
    assert.match(content(kept.at(-1)), /^answer 19/, 'the newest exchange is kept');
    assert.equal(prompt.droppedTurns, 40 - kept.length);
    assert.equal(prompt.notes[0], `${prompt.droppedTurns} earlier messages were left out to fit fake-chat's 2,048-token context window.`);
    assert.match(content(prompt.messages[0]), new RegExp(`The ${prompt.droppedTurns} oldest messages of this conversation were left out`));
  });

  it('cuts a long file to its share with a note in the prompt and for the user, keeping a small selection whole', () => {
    const file = Array.from({ length: 3_000 }, (_, i) => `line ${i}`).join('\n');
    const prompt = assembleChatPrompt({ ...base, context: [{ label: 'selection.ts:1-2', text: 'small();' }, { label: 'src/huge.ts', text: file }] });
    const user = content(prompt.messages.at(-1));
    assert.match(user, /#### selection\.ts:1-2\n```\nsmall\(\);\n```/);
    const cut = /#### src\/huge\.ts\n\(cut: the first (\d+) of 3000 lines\)/.exec(user);
    assert.ok(cut, user.slice(0, 300));
    assert.ok(Number(cut[1]) > 100 && Number(cut[1]) < 3000);
    assert.match(user, /line 0\n/);
    assert.doesNotMatch(user, /line 2999/);
    assert.equal(prompt.notes.length, 1);
    assert.match(prompt.notes[0] ?? '', /^src\/huge\.ts was cut to [\d,]+ of [\d,]+ tokens to fit fake-chat's 8,192-token context window\.$/);
  });

  it('leaves out an item that gets no useful room, and says which', () => {
    const big = 'x'.repeat(80_000);
    const prompt = assembleChatPrompt({ ...base, contextWindow: 1024, context: Array.from({ length: 30 }, (_, i) => ({ label: `f${i}.ts`, text: big })) });
    assert.ok(prompt.notes.some((note) => /^f\d+\.ts was left out: no room left in fake-chat's 1,024-token context window\.$/.test(note)), prompt.notes.join('\n'));
    assert.ok(prompt.promptTokens <= 1024 - answerReserve(1024));
  });

  it('cuts oversized rules files to a quarter of the budget', () => {
    const prompt = assembleChatPrompt({ ...base, rules: [{ path: 'AGENTS.md', text: 'Rule.\n'.repeat(10_000) }] });
    assert.ok(prompt.notes.some((note) => note.startsWith('AGENTS.md was cut to')));
    assert.ok(prompt.promptTokens < (8192 - 2048) * 0.3);
  });

  it('honours a smaller budget after the server refused a prompt', () => {
    const input = { ...base, history: exchanges(10, 400) };
    const full = assembleChatPrompt(input);
    const trimmed = assembleChatPrompt({ ...input, promptBudget: Math.floor(full.promptTokens / 2) });
    assert.ok(trimmed.promptTokens <= full.promptTokens / 2);
    assert.ok(trimmed.droppedTurns > full.droppedTurns);
  });

  it('refuses a question that alone does not fit, with a message that says what to do', () => {
    assert.throws(() => assembleChatPrompt({ ...base, contextWindow: 1024, question: 'y'.repeat(10_000) }), (error: unknown) => {
      assert.ok(isLlmError(error, 'contextTooLong'));
      assert.match(error.message, /^Your message is about 2,504 tokens; with Tandem's instructions it does not fit fake-chat's 1,024-token context window \(768 tokens available for the prompt\)\. Shorten it/);
      assert.deepEqual(error.actions, ['selectModel']);
      return true;
    });
  });

  it('shares a budget so small items stay whole and large ones split the rest', () => {
    assert.deepEqual(shareBudget([10, 1000, 1000], 510), [10, 250, 250]);
    assert.deepEqual(shareBudget([10, 20], 100), [10, 20]);
    assert.deepEqual(shareBudget([50, 50], 0), [0, 0]);
  });
});
