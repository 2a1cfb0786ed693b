// Renders an answer plan as `chat.completion` (one JSON object) or as the `chat.completion.chunk`
// event sequence: role, content deltas, tool call deltas, the finishing chunk, then usage, with
// each step shaped by the quirk profile.
import type { AnswerPlan, PlannedToolCall } from './answerPlan';
import type { JsonObject } from './requestView';
import type { RenderContext, StreamShape } from './renderContext';
import type { StreamEvent } from './sseStream';
import { azurePromptFilterChunk, azurePromptFilterResult } from './azure';
import { estimateTokens, splitIntoPieces } from './tokens';

interface Delta {
  delta: JsonObject;
  tokens: number;
}

export function chatCompletionObject(plan: AnswerPlan, ctx: RenderContext): JsonObject {
  const { quirks } = ctx;
  const toolCalls = plan.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
  const message: JsonObject = {
    role: 'assistant',
    content: plan.text === '' && toolCalls.length > 0 ? null : plan.text,
    ...quirks.messageExtras,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
  return {
    id: ctx.id,
    object: 'chat.completion',
    created: ctx.created,
    model: ctx.model,
    ...(ctx.azure ? { prompt_filter_results: [azurePromptFilterResult()] } : {}),
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.finishReason, ...quirks.finishChoiceExtras(plan) }],
    usage: quirks.usage(plan.usage),
    ...quirks.responseExtras(ctx.model),
    ...quirks.finalExtras(plan, ctx.elapsedMs(), ctx.promptMs),
  };
}

/** Lazily built, so the finishing chunk's timings are taken when it is actually sent. */
export function* chatCompletionChunks(plan: AnswerPlan, ctx: RenderContext, shape: StreamShape): Generator<StreamEvent> {
  const { quirks } = ctx;
  const nullUsage = shape.usageMode === 'separateChunk' && quirks.usageNullOnOtherChunks ? { usage: null } : {};
  const chunk = (delta: JsonObject, finishReason: string | null = null, choiceExtras: JsonObject = {}, extras: JsonObject = {}): string =>
    JSON.stringify({
      id: ctx.id,
      object: 'chat.completion.chunk',
      created: ctx.created,
      model: ctx.model,
      ...quirks.responseExtras(ctx.model),
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason, ...choiceExtras }],
      ...nullUsage,
      ...extras,
    });

  if (ctx.azure) yield { data: JSON.stringify(azurePromptFilterChunk()), tokens: 0 };

  for (const { delta, tokens } of withRole(plan, ctx, contentAndToolDeltas(plan, ctx, shape.chunkSize))) {
    yield { data: chunk(delta), tokens };
  }

  // Profile extras (llama.cpp's timings) ride on whichever chunk comes last.
  const usageChunkFollows = shape.usageMode === 'separateChunk';
  const finishExtras = usageChunkFollows ? {} : quirks.finalExtras(plan, ctx.elapsedMs(), ctx.promptMs);
  yield { data: chunk({ ...quirks.finishDelta }, plan.finishReason, quirks.finishChoiceExtras(plan), finishExtras), tokens: 0 };

  if (usageChunkFollows) {
    const usageChunk = {
      id: ctx.id,
      object: 'chat.completion.chunk',
      created: ctx.created,
      model: ctx.model,
      ...quirks.responseExtras(ctx.model),
      choices: [],
      usage: quirks.usage(plan.usage),
      ...quirks.finalExtras(plan, ctx.elapsedMs(), ctx.promptMs),
    };
    yield { data: JSON.stringify(usageChunk), tokens: 0 };
  }
}

function contentAndToolDeltas(plan: AnswerPlan, ctx: RenderContext, chunkSize: number): Delta[] {
  const deltas: Delta[] = splitIntoPieces(plan.text, chunkSize).map((piece) => ({ delta: { content: piece }, tokens: estimateTokens(piece) }));
  if (plan.toolCalls.length === 0) return deltas;
  if (ctx.quirks.toolCallStreaming === 'whole') {
    const calls = plan.toolCalls.map((call, index) => ({ index, ...toolCallHeader(call), function: { name: call.name, arguments: call.arguments } }));
    const tokens = plan.toolCalls.reduce((sum, call) => sum + estimateTokens(call.name) + estimateTokens(call.arguments), 0);
    return [...deltas, { delta: { tool_calls: calls }, tokens }];
  }
  plan.toolCalls.forEach((call, index) => {
    deltas.push({
      delta: { tool_calls: [{ index, ...toolCallHeader(call), function: { name: call.name, arguments: '' } }] },
      tokens: estimateTokens(call.name),
    });
    for (const fragment of argumentFragments(call.arguments, chunkSize)) {
      deltas.push({ delta: { tool_calls: [{ index, function: { arguments: fragment } }] }, tokens: estimateTokens(fragment) });
    }
  });
  return deltas;
}

function toolCallHeader(call: PlannedToolCall): JsonObject {
  return { id: call.id, type: 'function' };
}

/** Arguments always arrive in several fragments (as from a real model), whatever the chunk size. */
function argumentFragments(args: string, chunkSize: number): string[] {
  const size = Math.max(1, Math.min(chunkSize, Math.ceil(args.length / 2)));
  return splitIntoPieces(args, size);
}

/** Puts `role: 'assistant'` where the profile puts it. */
function withRole(plan: AnswerPlan, ctx: RenderContext, deltas: Delta[]): Delta[] {
  const { quirks } = ctx;
  switch (quirks.roleDelta) {
    case 'ownFirstChunk': {
      const first: JsonObject = { role: 'assistant', ...quirks.firstChunkDelta };
      // With no text to come (a pure tool call) the opening delta says content: null.
      if ('content' in first && plan.text === '' && plan.toolCalls.length > 0) first['content'] = null;
      return [{ delta: first, tokens: 0 }, ...deltas];
    }
    case 'withFirstContent': {
      const [head, ...rest] = deltas;
      if (head === undefined) return [{ delta: { role: 'assistant', content: '' }, tokens: 0 }];
      return [{ delta: { role: 'assistant', ...head.delta }, tokens: head.tokens }, ...rest];
    }
    case 'everyChunk':
      return deltas.map(({ delta, tokens }) => ({ delta: { role: 'assistant', content: '', ...delta }, tokens }));
  }
}
