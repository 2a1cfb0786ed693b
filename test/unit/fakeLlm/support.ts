// Shared helpers for the fake server's tests: a real `openai` client aimed at it, and raw SSE
// reading for the wire details the client hides.
import OpenAI from 'openai';
import type { ClientOptions } from 'openai';
import type { FakeLlmServer } from '../../support/fakeLlm';

export function clientFor(server: FakeLlmServer, options: ClientOptions = {}): OpenAI {
  return new OpenAI({ baseURL: server.baseUrl, apiKey: 'test-key', maxRetries: 0, timeout: 5000, ...options });
}

export function postJson(server: FakeLlmServer, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const url = `${server.baseUrl.replace(/\/v1$/, '')}${path}`;
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer test-key', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The `data:` payloads of an SSE body, in order, [DONE] included. */
export function sseData(text: string): string[] {
  return text
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));
}

/** Streams a request and returns the parsed JSON chunks plus whether [DONE] ended the stream. */
export async function rawStream(server: FakeLlmServer, path: string, body: Record<string, unknown>): Promise<{ chunks: Record<string, unknown>[]; done: boolean; response: Response }> {
  const response = await postJson(server, path, { stream: true, ...body });
  const data = sseData(await response.text());
  const done = data.at(-1) === '[DONE]';
  const chunks = data.filter((d) => d !== '[DONE]').map((d) => JSON.parse(d) as Record<string, unknown>);
  return { chunks, done, response };
}

/** choices[0] of a chunk (undefined for usage-only chunks with `choices: []`). */
export function firstChoice(chunk: Record<string, unknown>): Record<string, unknown> | undefined {
  const choices = chunk['choices'] as Record<string, unknown>[] | undefined;
  return choices?.[0];
}

export function deltaOf(chunk: Record<string, unknown>): Record<string, unknown> | undefined {
  return firstChoice(chunk)?.['delta'] as Record<string, unknown> | undefined;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
