import type OpenAI from 'openai';
import type { RequestRun } from './requestRun';
import type { TracedRequestInit } from './transport';
import type { ChatRequest, CompletionRequest } from './types';

type FetchOptions = NonNullable<Parameters<OpenAI['chat']['completions']['create']>[1]>['fetchOptions'];

/** Temperature and stop sequences; the output bound is added per attempt (see OutputTokenParameter). */
export function samplingParams(request: CompletionRequest | ChatRequest) {
  return {
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.stop?.length ? { stop: request.stop } : {}),
  };
}

/** Per-request options for our transport; the SDK passes fetchOptions through to fetch. */
export function traced(run: RequestRun): FetchOptions {
  const init: Pick<TracedRequestInit, 'tandemTrace'> = { tandemTrace: run.trace };
  return init as FetchOptions; // the SDK spreads it into fetch's init untouched
}

export function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}...` : text;
}
