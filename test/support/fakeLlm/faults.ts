// Scripted failures, each reproducing how a real connection or server misbehaves as the client
// sees it. A fault gets the answer job it interrupts, so a broken stream is the real stream up to
// the point where it breaks.
import type { FakeFault } from './types';
import type { AnswerJob } from './respond';
import { answerObject, sendAnswer, sendError, sseHeaders } from './respond';
import { makeHugeText } from './hugeText';
import { planAnswer } from './answerPlan';
import type { RequestView } from './requestView';
import { sendEndlessAnswer } from './faultEndless';
import { sendErrorInStream } from './faultStreamError';

/** Delta size for the huge fault: big enough that 10 MB is hundreds of events, not millions. */
export const HUGE_CHUNK_CHARS = 16384;

export async function runFault(fault: FakeFault, job: AnswerJob, request: RequestView): Promise<void> {
  const { exchange } = job;
  switch (fault.kind) {
    case 'status': {
      const headers: Record<string, string> = { ...job.headers };
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      const body = fault.body ?? job.ctx.quirks.errors.forStatus(fault.status, request.model);
      sendError(exchange, { status: fault.status, body }, headers);
      return;
    }
    case 'hang':
      await exchange.untilClosed();
      return;
    case 'hangAfterHeaders':
      exchange.sendHead(200, job.stream ? sseHeaders(job) : { 'content-type': 'application/json', ...job.headers });
      await exchange.untilClosed();
      return;
    case 'nonJson':
      exchange.sendWhole(200, { 'content-type': 'application/json' }, '<html>Bad gateway</html>');
      return;
    case 'huge': {
      const plan = planAnswer({ text: makeHugeText(fault.bytes) }, request, job.ctx.quirks.toolCallId);
      await sendAnswer({ ...job, plan, shape: { ...job.shape, chunkSize: fault.chunkChars ?? HUGE_CHUNK_CHARS } });
      return;
    }
    case 'endless':
      await sendEndlessAnswer(job);
      return;
    case 'errorInStream':
      await sendErrorInStream(job, Math.max(0, fault.afterChunks), fault.body);
      return;
    case 'closeWithoutReply':
      exchange.destroy();
      return;
    case 'disconnect':
    case 'malformedSse':
    case 'stallAfterChunks':
      if (job.stream) {
        await sendAnswer({ ...job, interruption: { kind: fault.kind, afterChunks: Math.max(0, fault.afterChunks) } });
        return;
      }
      await breakWholeAnswer(fault.kind, job);
      return;
  }
}

/** The non-streamed version of a broken stream. */
async function breakWholeAnswer(kind: 'disconnect' | 'malformedSse' | 'stallAfterChunks', job: AnswerJob): Promise<void> {
  const { exchange } = job;
  if (!(await exchange.sleep(job.ttftMs))) return;
  if (kind === 'disconnect') {
    exchange.destroy();
    return;
  }
  const json = JSON.stringify(answerObject(job));
  const half = json.slice(0, Math.floor(json.length / 2));
  // No content-length: the body is chunked, so the cut is a complete (if useless) response.
  exchange.sendHead(200, { 'content-type': 'application/json', ...job.headers });
  if (!(await exchange.write(half))) return;
  if (kind === 'malformedSse') {
    exchange.end();
    return;
  }
  await exchange.untilClosed();
}
