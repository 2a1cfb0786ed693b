import { LlmError, type ChatRequest, type ChatStreamEvent, type RequestMetrics } from '../../llm';
import { buildEditPrompt, type EditPrompt, type EditPromptInput } from '../../prompts/edit';
import { StreamedCodeLineCounter } from './codeLineCounter';
import { rewriteRange, type RewriteResult } from './rewriteRange';

/** The part of LlmClient an edit needs (tests pass the real client pointed at the fake server). */
export interface RangeEditBackend {
  streamChat(request: ChatRequest): AsyncIterable<ChatStreamEvent>;
}

export interface RangeEditHooks {
  signal?: AbortSignal;
  /** The prompt about to be sent. */
  onPrompt?(prompt: EditPrompt): void;
  /** As the answer streams: lines of code received so far. */
  onProgress?(progress: { lines: number }): void;
}

export type RangeEditOutcome = RewriteResult & {
  /** The model's whole answer (for the log). */
  reply: string;
  metrics: RequestMetrics;
  prompt: EditPrompt;
};

/**
 * One range edit, the same in the editor and the CLI: prompt, streamed answer (progress as code
 * lines arrive), and the answer turned into the document's new text. Model errors and cancellation
 * are thrown as LlmError; an answer that cannot become a safe edit is an outcome with its reason.
 */
export async function runRangeEdit(backend: RangeEditBackend, input: EditPromptInput, hooks: RangeEditHooks = {}): Promise<RangeEditOutcome> {
  const prompt = buildEditPrompt(input);
  hooks.onPrompt?.(prompt);
  let reply = '';
  let lines = -1;
  const counter = new StreamedCodeLineCounter();
  for await (const event of backend.streamChat({ messages: prompt.messages, role: 'edit', temperature: 0.2, signal: hooks.signal })) {
    if (event.type === 'text') {
      reply += event.text;
      counter.push(event.text);
      const now = counter.count();
      if (now !== lines) hooks.onProgress?.({ lines: (lines = now) });
    } else if (event.type === 'done') {
      const result = rewriteRange(event.result.text || reply, prompt.target, { finishReason: event.result.finishReason });
      return { ...result, reply: event.result.text || reply, metrics: event.result.metrics, prompt };
    }
  }
  if (hooks.signal?.aborted) throw new LlmError({ kind: 'cancelled', message: 'Request cancelled.' });
  throw new LlmError({ kind: 'malformed', message: 'The answer ended without its final result — try again.', actions: ['retry', 'showLog'] });
}
