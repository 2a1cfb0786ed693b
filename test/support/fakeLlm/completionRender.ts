// Renders an answer plan as a legacy `text_completion` (what FIM and plain completions use), whole
// or as the streamed sequence: text pieces, a finishing chunk with empty text, then usage.
import type { AnswerPlan } from './answerPlan';
import type { JsonObject } from './requestView';
import type { RenderContext, StreamShape } from './renderContext';
import type { StreamEvent } from './sseStream';
import { estimateTokens, splitIntoPieces } from './tokens';

export function textCompletionObject(plan: AnswerPlan, ctx: RenderContext): JsonObject {
  const { quirks } = ctx;
  return {
    id: ctx.id,
    object: 'text_completion',
    created: ctx.created,
    model: ctx.model,
    choices: [{ text: plan.text, index: 0, logprobs: null, finish_reason: plan.finishReason, ...quirks.finishChoiceExtras(plan) }],
    usage: quirks.usage(plan.usage),
    ...quirks.responseExtras(ctx.model),
    ...quirks.finalExtras(plan, ctx.elapsedMs(), ctx.promptMs),
  };
}

export function* textCompletionChunks(plan: AnswerPlan, ctx: RenderContext, shape: StreamShape): Generator<StreamEvent> {
  const { quirks } = ctx;
  const nullUsage = shape.usageMode === 'separateChunk' && quirks.usageNullOnOtherChunks ? { usage: null } : {};
  const chunk = (choices: JsonObject[], extras: JsonObject = {}): string =>
    JSON.stringify({
      id: ctx.id,
      object: 'text_completion',
      created: ctx.created,
      model: ctx.model,
      ...quirks.responseExtras(ctx.model),
      choices,
      ...extras,
    });

  for (const piece of splitIntoPieces(plan.text, shape.chunkSize)) {
    yield { data: chunk([{ text: piece, index: 0, logprobs: null, finish_reason: null }], nullUsage), tokens: estimateTokens(piece) };
  }

  // Profile extras (llama.cpp's timings) ride on whichever chunk comes last.
  const usageChunkFollows = shape.usageMode === 'separateChunk';
  const finishExtras: JsonObject = { ...nullUsage, ...(usageChunkFollows ? {} : quirks.finalExtras(plan, ctx.elapsedMs(), ctx.promptMs)) };
  const finishChoice = { text: '', index: 0, logprobs: null, finish_reason: plan.finishReason, ...quirks.finishChoiceExtras(plan) };
  yield { data: chunk([finishChoice], finishExtras), tokens: 0 };

  if (usageChunkFollows) yield { data: chunk([], { usage: quirks.usage(plan.usage), ...quirks.finalExtras(plan, ctx.elapsedMs(), ctx.promptMs) }), tokens: 0 };
}
