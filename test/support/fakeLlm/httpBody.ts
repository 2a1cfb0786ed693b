// Reads a request body whole, and classifies it as JSON, not-JSON or empty. A client that goes
// away mid-upload or sends more than the limit is reported, never thrown at.
import type { IncomingMessage } from 'node:http';

/** Generous for long prompts; a body past this is a bug in the client under test. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface ReceivedBody {
  text: string;
  /** False when the connection closed before the body ended. */
  complete: boolean;
  tooLarge: boolean;
}

export type ParsedBody = { kind: 'json'; value: unknown } | { kind: 'notJson'; text: string } | { kind: 'empty' };

export function readBody(request: IncomingMessage, maxBytes: number = MAX_BODY_BYTES): Promise<ReceivedBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let settled = false;
    const finish = (complete: boolean): void => {
      if (settled) return;
      settled = true;
      request.removeAllListeners('data');
      resolve({ text: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'), complete, tooLarge });
    };
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    request.once('end', () => finish(true));
    request.once('close', () => finish(request.complete));
    request.once('error', () => finish(false));
  });
}

export function parseBody(text: string): ParsedBody {
  if (text.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'notJson', text };
  }
}

/** What RecordedRequest.body holds: parsed JSON, else the raw text, else undefined. */
export function recordedBody(parsed: ParsedBody): unknown {
  if (parsed.kind === 'json') return parsed.value;
  if (parsed.kind === 'notJson') return parsed.text;
  return undefined;
}
