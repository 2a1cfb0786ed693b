// The `endless` fault: a model that never stops. It ignores max_tokens and never sends a
// finish_reason, at the server's token pace (or as fast as the socket takes it), until the client
// closes the connection. Only a client-side bound ends it: an output limit or a total-time limit.
import type { AnswerPlan } from './answerPlan';
import type { AnswerJob } from './respond';
import { answerEvents, sseHeaders } from './respond';
import type { StreamEvent } from './sseStream';
import { writeSseStream } from './sseStream';
import { estimateTokens } from './tokens';

const FILLER = 'and it goes on, ';

export async function sendEndlessAnswer(job: AnswerJob): Promise<void> {
  const { exchange } = job;
  if (!(await exchange.sleep(job.ttftMs))) return;
  if (!job.stream) {
    // A JSON document whose string never closes.
    exchange.sendHead(200, { 'content-type': 'application/json', ...job.headers });
    if (!(await exchange.write(`{"id":"${job.ctx.id}","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"`))) return;
    await writeEndlessJson(job);
    return;
  }
  exchange.sendHead(200, sseHeaders(job));
  await writeSseStream(exchange, endlessEvents(job), { tokensPerSecond: job.tokensPerSecond, endWithDone: true });
}

/** The answer's own chunks up to its first content delta, then its content deltas over and over. */
function* endlessEvents(job: AnswerJob): Generator<StreamEvent> {
  const text = FILLER.repeat(Math.max(1, Math.ceil(job.shape.chunkSize / FILLER.length)) * 8);
  const plan: AnswerPlan = { text, toolCalls: [], finishReason: 'stop', usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } };
  const events = [...answerEvents({ ...job, plan })];
  const firstContent = events.findIndex((event) => event.tokens > 0);
  const content = events.filter((event) => event.tokens > 0);
  yield* events.slice(0, Math.max(0, firstContent));
  for (;;) yield* content;
}

async function writeEndlessJson(job: AnswerJob): Promise<void> {
  const { exchange } = job;
  const piece = FILLER.repeat(64);
  const pause = job.tokensPerSecond ? (estimateTokens(piece) / job.tokensPerSecond) * 1000 : 0;
  for (;;) {
    if (!(await exchange.write(piece))) return;
    if (pause > 0 && !(await exchange.sleep(pause))) return;
    else if (pause === 0 && !(await exchange.sleep(1))) return;
  }
}
