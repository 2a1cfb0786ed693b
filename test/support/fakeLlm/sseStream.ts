// Writes a sequence of server-sent events at a token pace, and can break the stream at a chosen
// point the way real connections break: dropped, stalled, or corrupted by a bad line.
import { performance } from 'node:perf_hooks';
import type { Exchange } from './exchange';

export interface StreamEvent {
  /** The text after `data: ` (JSON, or `[DONE]`). */
  data: string;
  /** Tokens this event carries; pacing spaces events by the tokens before them. */
  tokens: number;
}

export type StreamInterruption = { afterChunks: number; kind: 'disconnect' | 'malformedSse' | 'stallAfterChunks' };

export interface SseStreamOptions {
  tokensPerSecond: number | undefined;
  interruption?: StreamInterruption;
  /** OpenAI-style streams end with `data: [DONE]`; llama.cpp's native ones just end. */
  endWithDone: boolean;
}

export const sseFrame = (data: string): string => `data: ${data}\n\n`;

/** The corrupt event the malformedSse fault injects. */
export const MALFORMED_EVENT = 'data: {not json\n\n';

/**
 * Streams `events`, pacing them by `tokensPerSecond`. An interruption happens after
 * `afterChunks` events, or just before [DONE] when the answer has fewer events.
 */
export async function writeSseStream(exchange: Exchange, events: Iterable<StreamEvent>, options: SseStreamOptions): Promise<void> {
  const pacer = new TokenPacer(options.tokensPerSecond);
  const { interruption } = options;
  let written = 0;
  let interrupted = false;

  for (const event of events) {
    if (interruption !== undefined && !interrupted && written >= interruption.afterChunks) {
      interrupted = true;
      if (!(await interrupt(exchange, interruption))) return;
    }
    if (!(await pacer.waitTurn(exchange))) return;
    if (!(await exchange.write(sseFrame(event.data)))) return;
    pacer.sent(event.tokens);
    exchange.record.tokensSent = (exchange.record.tokensSent ?? 0) + event.tokens;
    written += 1;
  }
  if (interruption !== undefined && !interrupted && !(await interrupt(exchange, interruption))) return;
  if (options.endWithDone && !(await exchange.write(sseFrame('[DONE]')))) return;
  exchange.end();
}

/** Applies the interruption; true when streaming should go on afterwards. */
async function interrupt(exchange: Exchange, interruption: StreamInterruption): Promise<boolean> {
  switch (interruption.kind) {
    case 'disconnect':
      exchange.destroy();
      return false;
    case 'stallAfterChunks':
      // Socket stays open and silent until the client gives up or the server closes.
      await exchange.untilClosed();
      return false;
    case 'malformedSse':
      return exchange.write(MALFORMED_EVENT);
  }
}

/**
 * Schedules each event at start + (tokens sent before it) / rate. Late timers are caught up on
 * rather than accumulated, so the average rate holds even with coarse setTimeout resolution.
 */
export class TokenPacer {
  private startedAt: number | undefined;
  private tokensSent = 0;

  constructor(private readonly tokensPerSecond: number | undefined) {}

  /** Waits until the next event is due; false if the connection closed meanwhile. */
  async waitTurn(exchange: Exchange): Promise<boolean> {
    if (exchange.isClosed) return false;
    const rate = this.tokensPerSecond;
    if (rate === undefined || rate <= 0) return true;
    const now = performance.now();
    this.startedAt ??= now;
    const dueAt = this.startedAt + (this.tokensSent / rate) * 1000;
    const wait = dueAt - now;
    return wait >= 1 ? exchange.sleep(wait) : true;
  }

  sent(tokens: number): void {
    this.tokensSent += tokens;
  }

  /** How long sending `tokens` takes at this rate (for non-streamed answers). */
  static durationMs(tokens: number, tokensPerSecond: number | undefined): number {
    return tokensPerSecond === undefined || tokensPerSecond <= 0 ? 0 : (tokens / tokensPerSecond) * 1000;
  }
}
