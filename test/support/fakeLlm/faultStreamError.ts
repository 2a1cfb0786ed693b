// The `errorInStream` fault: a 200 stream that carries an error object after N chunks, as vLLM,
// llama.cpp and OpenRouter send when generation fails midway (`data: {"error": {...}}`), then
// `[DONE]`. Clients that only look at HTTP statuses report it as a cut connection.
import type { AnswerJob } from './respond';
import { answerEvents, sendJson, sseHeaders } from './respond';
import type { StreamEvent } from './sseStream';
import { writeSseStream } from './sseStream';

/** What vLLM sends when the engine fails in the middle of a generation. */
export const DEFAULT_STREAM_ERROR = { error: { message: 'Engine loop has died: CUDA error: an illegal memory access was encountered', type: 'InternalServerError', param: null, code: 500 } };

export async function sendErrorInStream(job: AnswerJob, afterChunks: number, body: unknown = DEFAULT_STREAM_ERROR): Promise<void> {
  const { exchange } = job;
  if (!(await exchange.sleep(job.ttftMs))) return;
  if (!job.stream) {
    // Without streaming the server can still say it, as a 200 JSON body (OpenRouter does).
    sendJson(exchange, 200, body, job.headers);
    return;
  }
  exchange.sendHead(200, sseHeaders(job));
  await writeSseStream(exchange, eventsThenError(job, afterChunks, body), { tokensPerSecond: job.tokensPerSecond, endWithDone: true });
}

function* eventsThenError(job: AnswerJob, afterChunks: number, body: unknown): Generator<StreamEvent> {
  let sent = 0;
  for (const event of answerEvents(job)) {
    if (sent >= afterChunks) break;
    // The finish chunk would end the answer properly: the error comes before it.
    if (event.data.includes('"finish_reason":"')) break;
    yield event;
    sent += 1;
  }
  yield { data: JSON.stringify(body), tokens: 0 };
}
