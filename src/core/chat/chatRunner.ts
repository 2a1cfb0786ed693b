import { isLlmError, LlmError, type ChatRequest, type ChatStreamEvent, type RequestMetrics } from '../llm';
import { answerReserve, assembleChatPrompt, type ChatPrompt, type ChatPromptInput } from '../prompts/chat';

/** The part of LlmClient a chat needs (tests pass the real client pointed at the fake server). */
export interface ChatBackend {
  streamChat(request: ChatRequest): AsyncIterable<ChatStreamEvent>;
}

export interface ChatRunHooks {
  signal?: AbortSignal;
  /** Each piece of answer text as it arrives. */
  onText(text: string): void;
  /** The prompt about to be sent (called again for the trimmed retry). */
  onPrompt?(prompt: ChatPrompt): void;
}

export interface ChatRunResult {
  text: string;
  metrics: RequestMetrics;
  /** What was left out or cut, and whether a trimmed retry happened: shown above the answer. */
  notes: string[];
}

export interface ChatRunSettings {
  providerId: string;
}

/**
 * One chat answer: assembles the prompt within the window, streams the answer, and when the
 * server still says the prompt is too long (our token estimate is only an estimate), trims it to
 * the size the server named and asks once more. A second refusal is explained, never looped.
 */
export async function runChat(backend: ChatBackend, input: Omit<ChatPromptInput, 'promptBudget'>, settings: ChatRunSettings, hooks: ChatRunHooks): Promise<ChatRunResult> {
  const first = assembleChatPrompt(input);
  try {
    return await stream(backend, first, first.notes, hooks);
  } catch (error) {
    if (!isLlmError(error, 'contextTooLong') || hooks.signal?.aborted) throw error;
    try {
      // Throws contextTooLong itself when even the question and instructions do not fit the trimmed budget.
      const second = assembleChatPrompt({ ...input, promptBudget: trimmedBudget(first, error) });
      const notes = [...second.notes, `The server refused the first prompt as too long${describeLimit(error)}; Tandem trimmed it to about ${second.promptTokens.toLocaleString('en-US')} tokens and asked again.`];
      return await stream(backend, second, notes, hooks);
    } catch (retryError) {
      if (!isLlmError(retryError, 'contextTooLong')) throw retryError;
      throw explainStillTooLong(retryError.tokens ? retryError : error, input, settings);
    }
  }
}

async function stream(backend: ChatBackend, prompt: ChatPrompt, notes: string[], hooks: ChatRunHooks): Promise<ChatRunResult> {
  hooks.onPrompt?.(prompt);
  for await (const event of backend.streamChat({ messages: prompt.messages, role: 'chat', signal: hooks.signal })) {
    if (event.type === 'text') hooks.onText(event.text);
    else if (event.type === 'done') return { text: event.result.text, metrics: event.result.metrics, notes };
  }
  throw new LlmError({ kind: 'malformed', message: 'The answer ended without its final result — try again.', actions: ['retry', 'showLog'] });
}

/**
 * Our estimate said the prompt fit; the server counted more. Scale the estimate by the server's
 * own figures so the retry lands inside its window with room for the answer; without figures,
 * halve it.
 */
function trimmedBudget(prompt: ChatPrompt, error: LlmError): number {
  const limit = error.tokens?.limit;
  const requested = error.tokens?.requested;
  if (limit && requested && requested > 0) {
    const target = limit - answerReserve(limit);
    return Math.max(64, Math.floor(prompt.promptTokens * (target / requested)));
  }
  return Math.max(64, Math.floor(prompt.promptTokens / 2));
}

function describeLimit(error: LlmError): string {
  const { limit, requested } = error.tokens ?? {};
  if (limit && requested) return ` (${requested.toLocaleString('en-US')} tokens for a ${limit.toLocaleString('en-US')}-token window)`;
  return '';
}

function explainStillTooLong(error: LlmError, input: Omit<ChatPromptInput, 'promptBudget'>, settings: ChatRunSettings): LlmError {
  const limit = error.tokens?.limit;
  const windowHint = limit && limit < input.contextWindow
    ? ` The server's window is ${limit.toLocaleString('en-US')} tokens but tandem.providers.${settings.providerId}.contextWindow says ${input.contextWindow.toLocaleString('en-US')}: set it to ${limit} so Tandem budgets correctly.`
    : '';
  return new LlmError({
    kind: 'contextTooLong',
    status: error.status,
    tokens: error.tokens,
    detail: error.detail,
    message: `Even trimmed, the prompt is too long for ${input.model}${describeLimit(error)}. Remove some context chips, start a New Chat, or pick a model with a larger window.${windowHint}`,
    actions: windowHint ? ['openSettings', 'selectModel'] : ['selectModel'],
  });
}
