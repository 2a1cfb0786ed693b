// llama.cpp's native `/infill` result format (tools/server/README.md, "POST /infill" and
// "POST /completion"): `content` plus generation stats; streamed as `data:` events of partial
// results with `stop: false`, then a final result with `stop: true`, and no [DONE].
import type { AnswerPlan } from './answerPlan';
import type { JsonObject } from './requestView';
import type { RenderContext, StreamShape } from './renderContext';
import type { StreamEvent } from './sseStream';
import { llamaTimings } from './quirkLlamacpp';
import { estimateTokens, splitIntoPieces } from './tokens';

function stopType(plan: AnswerPlan): 'limit' | 'word' | 'eos' {
  if (plan.finishReason === 'length' || plan.limitStop) return 'limit';
  return plan.stoppedBy !== undefined ? 'word' : 'eos';
}

export function infillResultObject(plan: AnswerPlan, ctx: RenderContext, content: string = plan.text): JsonObject {
  return {
    index: 0,
    content,
    tokens: [],
    id_slot: ctx.slot ?? 0,
    stop: true,
    model: ctx.model,
    tokens_predicted: plan.usage.completion_tokens,
    tokens_evaluated: plan.usage.prompt_tokens,
    prompt: '',
    has_new_line: plan.text.includes('\n'),
    truncated: false,
    stop_type: stopType(plan),
    stopping_word: plan.stoppedBy ?? '',
    // n_past: the prompt tokens in the slot's cache plus the tokens generated after them.
    tokens_cached: plan.usage.prompt_tokens + plan.usage.completion_tokens,
    timings: llamaTimings(plan, ctx.elapsedMs(), ctx.promptMs),
  };
}

export function* infillChunks(plan: AnswerPlan, ctx: RenderContext, shape: StreamShape): Generator<StreamEvent> {
  let predicted = 0;
  for (const piece of splitIntoPieces(plan.text, shape.chunkSize)) {
    const tokens = estimateTokens(piece);
    predicted += tokens;
    const partial: JsonObject = { index: 0, content: piece, tokens: [], stop: false, id_slot: -1, tokens_predicted: predicted, tokens_evaluated: plan.usage.prompt_tokens };
    // timings_per_token: the prompt's cache figures and the generation so far, on every result.
    if (shape.timingsPerToken) partial['timings'] = llamaTimings({ ...plan, usage: { ...plan.usage, completion_tokens: predicted } }, ctx.elapsedMs(), ctx.promptMs);
    yield { data: JSON.stringify(partial), tokens };
  }
  yield { data: JSON.stringify(infillResultObject(plan, ctx, '')), tokens: 0 };
}
