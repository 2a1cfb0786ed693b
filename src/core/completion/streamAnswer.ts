import type { RequestMetrics } from '../llm';
import type { Clock } from './clock';
import type { CursorContext } from './cursorContext';
import { StopDetector, type StopReason } from './earlyStop';
import type { CompletionModelClient } from './engineOptions';
import type { ModelCall } from './promptBuilder';
import { StreamCleaner } from './streamCleaner';

export interface StreamedAnswer {
  /** The cleaned text (template tokens and chat wrapping removed), cut nowhere yet. */
  text: string;
  stopReason: StopReason | undefined;
  /** Clock time the request was sent and its last useful token arrived. */
  startedAt: number;
  endedAt: number;
}

export interface StreamOptions {
  client: CompletionModelClient;
  model: string;
  temperature: number;
  maxLines: number;
  clock: Clock;
  signal: AbortSignal;
  /** Called with the cleaned text after every chunk (what a keystroke may extend along). */
  onText(text: string): void;
  /** The request ended, however (read to its end, stopped early, aborted): what the server reported. */
  onMetrics?(metrics: RequestMetrics): void;
}

/**
 * Sends one request and reads its stream until the stop rules say the completion is over;
 * leaving the loop closes the connection at once. Throws what the client throws (LlmError).
 */
export async function streamAnswer(call: ModelCall, cursor: CursorContext, options: StreamOptions): Promise<StreamedAnswer> {
  const cleaner = new StreamCleaner(call.endpoint === 'chat', cursor);
  let detector = new StopDetector(cursor, options.maxLines);
  let seen = '';
  let stopReason: StopReason | undefined;
  const startedAt = options.clock.now();
  for await (const event of open(call, options)) {
    if (event.type !== 'text') continue;
    cleaner.push(event.text);
    const view = cleaner.view(false);
    if (!view.text.startsWith(seen)) detector = new StopDetector(cursor, options.maxLines); // cleaning revised earlier text
    seen = view.text;
    options.onText(view.text);
    const stop = detector.update(view.text, false);
    if (stop || view.ended) {
      stopReason = stop?.reason;
      break;
    }
  }
  return { text: cleaner.view(true).text, stopReason, startedAt, endedAt: options.clock.now() };
}

function open(call: ModelCall, { client, model, temperature, signal, onMetrics }: StreamOptions) {
  const common = { model, temperature, signal, role: 'completion' as const, ...(onMetrics ? { onMetrics } : {}) };
  switch (call.endpoint) {
    case 'chat':
      return client.streamChat({ ...common, maxTokens: call.maxTokens, messages: call.messages });
    case 'completions':
      return client.streamCompletion({ ...common, maxTokens: call.maxTokens, prompt: call.prompt, suffix: call.suffix, stop: call.stop });
    case 'infill':
      return client.streamInfill({ ...call.request, ...common });
  }
}
