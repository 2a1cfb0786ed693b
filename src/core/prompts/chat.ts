import { estimateMessagesTokens, estimateTokens, LlmError, type ChatMessage } from '../llm';
import { redactRange, redactSecrets } from '../context/redact';
import { cutToTokens, fenced, shareBudget } from './textBudget';
import { answerReserve } from './answerReserve';

export interface PromptContextItem {
  /** How the user knows it: a path, "Selection in money.ts:3-10", "Problems". */
  label: string;
  /** The file's path when the item is (part of) a file: chooses the secret rules (config files, service-account JSON). */
  path?: string;
  /** The whole document when `text` is a part of it (a selection): a part inside a key block is still redacted. */
  wholeText?: () => string;
  text: string;
  /** Fence language for code. */
  language?: string;
}

export interface PromptRulesFile {
  path: string;
  text: string;
}

export interface PromptHistoryTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface ChatPromptInput {
  /** What the user asks now; a slash command already expanded into its instruction. */
  question: string;
  /** Earlier turns, oldest first, roles alternating from 'user'. */
  history: readonly PromptHistoryTurn[];
  context: readonly PromptContextItem[];
  rules: readonly PromptRulesFile[];
  /** The model's window (prompt + answer), from the provider's settings. */
  contextWindow: number;
  model: string;
  /** A smaller budget for the prompt than the window allows: set when a server refused the last one. */
  promptBudget?: number;
}

export interface ChatPrompt {
  messages: ChatMessage[];
  /** Tandem's estimate of the prompt's size. */
  promptTokens: number;
  budget: number;
  /** Oldest history turns left out. */
  droppedTurns: number;
  /** What was left out or cut, in words for the conversation (never silent). */
  notes: string[];
}

const systemPrompt = [
  "You are Tandem, an AI pair programmer working inside the user's code editor.",
  'Answer precisely and concisely, in Markdown. Put code in fenced blocks with a language.',
  'When a block is the complete new content of a file, write its workspace-relative path after the language (```ts src/path/file.ts) so the user can apply it; do not name a file for partial snippets.',
  'If the attached context is not enough to answer, say what is missing instead of guessing.',
].join('\n');

/** Part of the budget rules files may take, and history's share when context competes with it. */
const rulesShare = 0.25;
const contextShareWithHistory = 0.7;
/** A share smaller than this is useless as context: the item is left out instead. */
const minimumUsefulTokens = 16;
const perMessageTokens = 4;

// Its own module so the host's model list (registered at activation) can use it without this one.
export { answerReserve };

/**
 * Builds the messages for one chat request within the model's context window: system prompt and
 * rules, then as much history as fits (newest first), then the user's message with its context.
 * Long context items are cut and old turns dropped, each with a note the panel shows.
 */
export function assembleChatPrompt(input: ChatPromptInput): ChatPrompt {
  const budget = input.promptBudget ?? input.contextWindow - answerReserve(input.contextWindow);
  const notes: string[] = [];
  const window = `${input.model}'s ${formatCount(input.contextWindow)}-token context window`;

  const rules = rulesSection(input.rules, Math.floor(budget * rulesShare), notes, window);
  // A key pasted into a message is no more the model's business than one in a file.
  const question = redactMessage(input.question, 'your message', notes);
  const history = input.history.map((turn) => (turn.role === 'user' ? { ...turn, text: redactMessage(turn.text, 'an earlier message', notes) } : turn));
  const questionTokens = estimateTokens(question) + perMessageTokens;
  const fixedTokens = estimateTokens(systemPrompt) + estimateTokens(rules) + 2 * perMessageTokens + questionTokens + 40; // 40: room for the omission note
  if (fixedTokens > budget) {
    throw new LlmError({
      kind: 'contextTooLong',
      message: `Your message is about ${formatCount(questionTokens)} tokens; with Tandem's instructions it does not fit ${window} (${formatCount(budget)} tokens available for the prompt). Shorten it, attach long text as a file, or pick a model with a larger window.`,
      actions: ['selectModel'],
    });
  }

  const available = budget - fixedTokens;
  const contextCap = input.history.length > 0 ? Math.floor(available * contextShareWithHistory) : available;
  const { text: contextText, tokens: contextTokens } = contextSection(input.context, contextCap, notes, window);
  const { kept, dropped } = fitHistory(history, available - contextTokens);
  if (dropped > 0) notes.unshift(`${dropped} earlier message${dropped === 1 ? ' was' : 's were'} left out to fit ${window}.`);

  const system = [systemPrompt, rules, dropped > 0 ? `(The ${dropped} oldest messages of this conversation were left out to fit the context window.)` : '']
    .filter(Boolean).join('\n\n');
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    ...kept.map((turn): ChatMessage => ({ role: turn.role, content: turn.text })),
    { role: 'user', content: contextText ? `${contextText}\n\n${question}` : question },
  ];
  return { messages, promptTokens: estimateMessagesTokens(messages), budget, droppedTurns: dropped, notes };
}

function redactMessage(text: string, where: string, notes: string[]): string {
  const redacted = redactSecrets(text);
  if (redacted.count > 0) notes.push(`${redacted.count} secret${redacted.count === 1 ? '' : 's'} in ${where} ${redacted.count === 1 ? 'was' : 'were'} redacted before sending.`);
  return redacted.text;
}

function rulesSection(rules: readonly PromptRulesFile[], cap: number, notes: string[], window: string): string {
  const present = rules.filter((r) => r.text.trim());
  if (present.length === 0) return '';
  const shares = shareBudget(present.map((r) => estimateTokens(r.text)), cap);
  const blocks = present.map((rule, i) => {
    const redacted = redactSecrets(rule.text, { path: rule.path });
    if (redacted.count > 0) notes.push(`${redacted.count} secret${redacted.count === 1 ? '' : 's'} in ${rule.path} ${redacted.count === 1 ? 'was' : 'were'} redacted before sending.`);
    const { text, cut } = cutToTokens(redacted.text.trim(), shares[i] ?? 0);
    if (cut) notes.push(`${rule.path} was cut to ${formatCount(cut.keptTokens)} of ${formatCount(cut.totalTokens)} tokens to fit ${window}.`);
    return `### ${rule.path}\n${text}`;
  });
  return `## Project rules\nThe project gives these instructions; follow them:\n\n${blocks.join('\n\n')}`;
}

function contextSection(attached: readonly PromptContextItem[], cap: number, notes: string[], window: string): { text: string; tokens: number } {
  if (attached.length === 0) return { text: '', tokens: 0 };
  // Secrets in attached files never leave the machine: redacted before anything is budgeted.
  const items = attached.map((item) => {
    const options = { ...(item.language ? { languageId: item.language } : {}), path: item.path ?? item.label };
    const whole = item.wholeText?.();
    const at = whole === undefined ? -1 : whole.indexOf(item.text);
    const { text, count } = at >= 0 ? redactRange(whole!, at, at + item.text.length, options) : redactSecrets(item.text, options);
    if (count > 0) notes.push(`${count} secret${count === 1 ? '' : 's'} in ${item.label} ${count === 1 ? 'was' : 'were'} redacted before sending.`);
    return count > 0 ? { ...item, text } : item;
  });
  const intro = 'Context attached by the user:';
  const headerTokens = items.map((item) => estimateTokens(`#### ${item.label}\n(cut: the first 99999 of 99999 lines)\n\`\`\`${item.language ?? ''}\n\`\`\`\n\n`));
  const room = cap - estimateTokens(intro) - headerTokens.reduce((a, b) => a + b, 0);
  const shares = shareBudget(items.map((item) => estimateTokens(item.text)), room);
  const blocks: string[] = [];
  items.forEach((item, i) => {
    const share = shares[i] ?? 0;
    if (share < minimumUsefulTokens && estimateTokens(item.text) > share) {
      notes.push(`${item.label} was left out: no room left in ${window}.`);
      return;
    }
    const { text, cut } = cutToTokens(item.text, share);
    let header = `#### ${item.label}`;
    if (cut) {
      header += cut.keptLines > 0
        ? `\n(cut: the first ${cut.keptLines} of ${cut.totalLines} lines)`
        : `\n(cut: the first ${text.length} characters of a ${cut.totalLines}-line text)`;
      notes.push(`${item.label} was cut to ${formatCount(cut.keptTokens)} of ${formatCount(cut.totalTokens)} tokens to fit ${window}.`);
    }
    blocks.push(`${header}\n${fenced(text, item.language)}`);
  });
  if (blocks.length === 0) return { text: '', tokens: 0 };
  const text = `${intro}\n\n${blocks.join('\n\n')}`;
  return { text, tokens: estimateTokens(text) };
}

/** Newest turns first while they fit; the kept history always starts with a user turn. */
function fitHistory(history: readonly PromptHistoryTurn[], room: number): { kept: PromptHistoryTurn[]; dropped: number } {
  let start = history.length;
  let used = 0;
  while (start > 0) {
    const cost = estimateTokens(history[start - 1]?.text ?? '') + perMessageTokens;
    if (used + cost > room) break;
    used += cost;
    start--;
  }
  while (start < history.length && history[start]?.role !== 'user') start++;
  return { kept: history.slice(start), dropped: start };
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
