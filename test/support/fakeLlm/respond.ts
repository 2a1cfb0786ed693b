// Sends what the handler decided: an error, a JSON document, or a generated answer (streamed or
// whole) with time-to-first-token and token pacing applied.
import type { OutgoingHttpHeaders } from 'node:http';
import type { Exchange } from './exchange';
import type { HttpErrorResponse } from './errorShapes';
import type { AnswerPlan } from './answerPlan';
import type { RenderContext, StreamShape } from './renderContext';
import type { StreamEvent, StreamInterruption } from './sseStream';
import { writeSseStream, TokenPacer } from './sseStream';
import { chatCompletionChunks, chatCompletionObject } from './chatRender';
import { textCompletionChunks, textCompletionObject } from './completionRender';
import { infillChunks, infillResultObject } from './infillRender';

export type AnswerFormat = 'chat' | 'completions' | 'infill';

export interface AnswerJob {
  exchange: Exchange;
  format: AnswerFormat;
  plan: AnswerPlan;
  ctx: RenderContext;
  stream: boolean;
  shape: StreamShape;
  ttftMs: number;
  tokensPerSecond: number | undefined;
  headers: Record<string, string>;
  interruption?: StreamInterruption;
}

export function sendJson(exchange: Exchange, status: number, body: unknown, headers: Record<string, string> = {}): void {
  exchange.sendWhole(status, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));
}

export function sendError(exchange: Exchange, error: HttpErrorResponse, headers: Record<string, string> = {}): void {
  const allHeaders = { ...headers, ...error.headers };
  if (error.contentType !== undefined && !error.contentType.includes('json')) {
    exchange.sendWhole(error.status, { 'content-type': error.contentType, ...allHeaders }, String(error.body));
    return;
  }
  sendJson(exchange, error.status, error.body, allHeaders);
}

export function sseHeaders(job: Pick<AnswerJob, 'ctx' | 'headers'>): OutgoingHttpHeaders {
  return { 'content-type': job.ctx.quirks.sseContentType, 'cache-control': 'no-cache', connection: 'keep-alive', ...job.headers };
}

/** The answer as one JSON document. */
export function answerObject(job: AnswerJob): unknown {
  switch (job.format) {
    case 'chat':
      return chatCompletionObject(job.plan, job.ctx);
    case 'completions':
      return textCompletionObject(job.plan, job.ctx);
    case 'infill':
      return infillResultObject(job.plan, job.ctx);
  }
}

export function answerEvents(job: AnswerJob): Iterable<StreamEvent> {
  switch (job.format) {
    case 'chat':
      return chatCompletionChunks(job.plan, job.ctx, job.shape);
    case 'completions':
      return textCompletionChunks(job.plan, job.ctx, job.shape);
    case 'infill':
      return infillChunks(job.plan, job.ctx, job.shape);
  }
}

/** Waits out time-to-first-token, then streams or sends the whole answer. */
export async function sendAnswer(job: AnswerJob): Promise<void> {
  const { exchange } = job;
  if (!(await exchange.sleep(job.ttftMs))) return;
  if (job.stream) {
    exchange.sendHead(200, sseHeaders(job));
    await writeSseStream(exchange, answerEvents(job), {
      tokensPerSecond: job.tokensPerSecond,
      endWithDone: job.format !== 'infill',
      ...(job.interruption !== undefined ? { interruption: job.interruption } : {}),
    });
    return;
  }
  // A whole answer arrives only once all of it has been generated.
  if (!(await exchange.sleep(TokenPacer.durationMs(job.plan.usage.completion_tokens, job.tokensPerSecond)))) return;
  sendJson(exchange, 200, answerObject(job), job.headers);
}
