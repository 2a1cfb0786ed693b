import { readConfig, type ProviderConfig, type TandemConfig } from '../../src/core/config';
import { LlmClient, type ChatStreamEvent, type CompletionStreamEvent, type LlmClientOptions, type RequestMetrics } from '../../src/core/llm';
import type { Logger } from '../../src/core/logger';

/** A provider pointing at a fake server: the shape the engine gets from settings. */
export function fakeProvider(baseUrl: string, overrides: Partial<ProviderConfig> = {}): ProviderConfig {
  const base = readConfig(() => undefined).config.provider;
  return {
    ...base, id: 'fake', kind: 'openai-compatible', label: 'Fake server', baseUrl,
    models: { chat: 'fake-chat', edit: 'fake-chat', completion: 'fake-coder' }, ...overrides,
  };
}

export const fastTimeouts: TandemConfig['timeouts'] = { connectMs: 1_000, firstTokenMs: 2_000, idleMs: 1_000, totalMs: 30_000 };

export interface RecordingLogger extends Logger {
  lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const write = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { lines, trace: write('trace'), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export function testClient(baseUrl: string, options: Omit<Partial<LlmClientOptions>, 'provider'> & { provider?: Partial<ProviderConfig> } = {}) {
  const logger = recordingLogger();
  const metrics: RequestMetrics[] = [];
  const client = new LlmClient({
    timeouts: fastTimeouts,
    maxRetries: 2,
    retryPolicy: { baseDelayMs: 10, maxDelayMs: 40 },
    logger,
    onMetrics: (m) => metrics.push(m),
    ...options,
    provider: fakeProvider(baseUrl, options.provider),
  });
  return { client, logger, metrics };
}

/** Drains a stream: the text, every event, and the final result. */
export async function collect<E extends ChatStreamEvent | CompletionStreamEvent>(stream: AsyncIterable<E>): Promise<{
  events: E[];
  text: string;
  result: Extract<E, { type: 'done' }>['result'] | undefined;
}> {
  const events: E[] = [];
  let text = '';
  let result: Extract<E, { type: 'done' }>['result'] | undefined;
  for await (const event of stream) {
    events.push(event);
    if (event.type === 'text') text += event.text;
    if (event.type === 'done') result = (event as Extract<E, { type: 'done' }>).result;
  }
  return { events, text, result };
}

/** The rejection of a promise, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}
