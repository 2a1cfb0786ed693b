import { estimateMessagesTokens } from '../llm';
import type { ChatMessage } from '../llm';

/** Characters per token, as the LLM client's estimate counts them. */
const charsPerToken = 4;

/**
 * How many characters one tool result may put in the prompt: an eighth of the context window,
 * between 2,000 and 40,000 characters. A 5 MB log never goes into the prompt whole.
 */
export function toolResultBudget(contextWindow: number): number {
  return Math.max(2_000, Math.min(40_000, Math.floor((contextWindow * charsPerToken) / 8)));
}

/** Keeps the head and the tail (where errors and summaries are) with a visible marker between. */
export function cutToBudget(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = Math.floor(maxChars * 0.4);
  const tail = maxChars - head;
  const cut = text.length - head - tail;
  const headText = text.slice(0, head);
  const tailText = text.slice(text.length - tail);
  const cutLines = countLines(text, head, text.length - tail);
  return `${headText}\n[… ${cut} characters (${cutLines} lines) cut by Tandem to fit the context; ask for a narrower range …]\n${tailText}`;
}

function countLines(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) lines++;
  return lines;
}

/** What condensing keeps besides the messages it does not touch. */
export interface CondenseFacts {
  task: string;
  filesTouched: readonly string[];
  lastFailures: readonly string[];
}

export interface CondenseResult {
  messages: ChatMessage[];
  condensed: number;
  tokensBefore: number;
  tokensAfter: number;
}

/**
 * When the conversation nears the context window (80% of what is left after the answer's
 * reserve), older tool results are replaced by a one-line note, oldest first, until it fits; the
 * last few results, every user message and the model's own words (its decisions) are kept, and
 * the first condensed result carries the task, the files touched and the last failures.
 */
export function condenseIfNeeded(messages: ChatMessage[], contextWindow: number, reserveTokens: number, facts: CondenseFacts, keepLast = 2): CondenseResult {
  const limit = Math.floor((contextWindow - reserveTokens) * 0.8);
  const tokensBefore = conversationTokens(messages);
  if (tokensBefore <= limit) return { messages, condensed: 0, tokensBefore, tokensAfter: tokensBefore };
  const toolIndexes = messages.flatMap((m, i) => (m.role === 'tool' || isTextToolResult(m) ? [i] : []));
  const candidates = toolIndexes.slice(0, Math.max(0, toolIndexes.length - keepLast));
  const result = messages.slice();
  let tokens = tokensBefore;
  let condensed = 0;
  // Old calls' long arguments (whole files written, big edits) go first: the results say what they did.
  const lastAssistant = messages.reduce((last, m, i) => (m.role === 'assistant' ? i : last), -1);
  for (let index = 0; index < lastAssistant && tokens > limit; index++) {
    const message = result[index] as ChatMessage;
    if (message.role !== 'assistant' || !message.tool_calls?.length) continue;
    const calls = message.tool_calls.map((call) => (call.type === 'function' ? { ...call, function: { ...call.function, arguments: condenseArguments(call.function.arguments) } } : call));
    const saved = message.tool_calls.reduce((sum, call, i) => sum + (call.type === 'function' ? call.function.arguments.length - (calls[i] as typeof call).function.arguments.length : 0), 0);
    if (saved <= 0) continue;
    result[index] = { ...message, tool_calls: calls };
    tokens -= Math.ceil(saved / charsPerToken);
    condensed++;
  }
  let factsGiven = false;
  for (const index of candidates) {
    if (tokens <= limit) break;
    const message = result[index] as ChatMessage;
    const original = typeof message.content === 'string' ? message.content : '';
    if (original.startsWith(condensedMark)) continue;
    const note = `${condensedMark} ${firstLine(original)} (${original.length} characters condensed to fit the context window)`;
    const withFacts = factsGiven ? note : `${note}\n${factsText(facts)}`;
    factsGiven = true;
    result[index] = { ...message, content: withFacts } as ChatMessage;
    tokens -= Math.ceil((original.length - withFacts.length) / charsPerToken);
    condensed++;
  }
  return { messages: result, condensed, tokensBefore, tokensAfter: conversationTokens(result) };
}

export const condensedMark = '[condensed by Tandem]';

/** The client's estimate, plus the tool calls' arguments (which it does not count). */
export function conversationTokens(messages: readonly ChatMessage[]): number {
  let extra = 0;
  for (const message of messages) {
    if (message.role === 'assistant') for (const call of message.tool_calls ?? []) if (call.type === 'function') extra += call.function.name.length + call.function.arguments.length;
  }
  return estimateMessagesTokens(messages) + Math.ceil(extra / charsPerToken);
}

/** Arguments JSON with every long string value replaced by a note; short ones (path, command) kept. */
function condenseArguments(text: string): string {
  if (text.length <= 1_000) return text;
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return JSON.stringify({ note: `${condensedMark} ${text.length} characters` });
    return JSON.stringify(Object.fromEntries(Object.entries(value).map(([key, v]) => [key, typeof v === 'string' && v.length > 200 ? `${condensedMark} ${v.length} characters` : v])));
  } catch {
    return JSON.stringify({ note: `${condensedMark} ${text.length} characters` });
  }
}

/** Text-protocol tool results travel as user messages that start with this. */
export const textToolResultMark = '[tool result';

function isTextToolResult(message: ChatMessage): boolean {
  return message.role === 'user' && typeof message.content === 'string' && message.content.startsWith(textToolResultMark);
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}

function factsText(facts: CondenseFacts): string {
  return [
    `Task: ${facts.task.length > 600 ? `${facts.task.slice(0, 599)}…` : facts.task}`,
    `Files touched so far: ${facts.filesTouched.length ? facts.filesTouched.join(', ') : 'none'}`,
    ...(facts.lastFailures.length ? [`Last failures:\n${facts.lastFailures.join('\n')}`] : []),
  ].join('\n');
}
