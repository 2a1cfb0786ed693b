// llama.cpp's `llama-server`. Sources: tools/server/README.md (endpoints incl. /infill, --api-key)
// and the server source: format_error_response() ({error: {code, message, type}} with an integer
// code), oaicompat_completion_params_parse() (`Unsupported param: suffix`), `timings` on the last
// streamed chunk, and one loaded model answering whatever `model` says. Stream usage changed over
// time: usage on the finish chunk always (before PR #15444, Aug 2025), then a `choices: []` usage
// chunk always (#15444), then that chunk only with include_usage (after issue #16048): modelled here.
import { STATUS_CODES } from 'node:http';
import type { QuirkSpec } from './quirks';
import type { HttpErrorResponse } from './errorShapes';
import { randomAlphanumeric } from './ids';
import type { AnswerPlan } from './answerPlan';

function llamaErrorType(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 501:
      return 'not_supported_error';
    case 503:
      return 'unavailable_error';
    default:
      return status >= 500 ? 'server_error' : 'invalid_request_error';
  }
}

function llamaErrorBody(status: number, message: string): unknown {
  return { error: { code: status, message, type: llamaErrorType(status) } };
}

const json = (status: number, message: string): HttpErrorResponse => ({ status, body: llamaErrorBody(status, message) });

/**
 * The `timings` object llama-server adds to final results: `cache_n` prompt tokens reused from the
 * slot's cache, `prompt_n` the ones processed now, then generation speed.
 */
export function llamaTimings(plan: AnswerPlan, elapsedMs: number, simulatedPromptMs?: number): Record<string, number> {
  const predictedMs = Math.max(elapsedMs, 0.001);
  const promptMs = Math.max(simulatedPromptMs ?? 1, 0.001);
  const cached = plan.usage.cached_tokens ?? 0;
  return {
    cache_n: cached,
    prompt_n: plan.usage.prompt_tokens - cached,
    prompt_ms: promptMs,
    prompt_per_token_ms: promptMs / Math.max(plan.usage.prompt_tokens, 1),
    prompt_per_second: (plan.usage.prompt_tokens * 1000) / promptMs,
    predicted_n: plan.usage.completion_tokens,
    predicted_ms: predictedMs,
    predicted_per_token_ms: predictedMs / Math.max(plan.usage.completion_tokens, 1),
    predicted_per_second: (plan.usage.completion_tokens * 1000) / predictedMs,
  };
}

export const llamaCppQuirks: QuirkSpec = {
  name: 'llamacpp',
  sseContentType: 'text/event-stream',
  streamUsage: 'whenRequested',
  usageNullOnOtherChunks: false,
  roleDelta: 'ownFirstChunk',
  firstChunkDelta: { content: null },
  finishDelta: {},
  toolCallStreaming: 'fragments',
  // FIM goes through the native /infill endpoint instead.
  suffix: { mode: 'rejected', error: () => json(400, 'Unsupported param: suffix') },
  unknownModel: 'acceptAny',
  chatId: () => `chatcmpl-${randomAlphanumeric(32)}`,
  completionId: () => `chatcmpl-${randomAlphanumeric(32)}`,
  toolCallId: () => randomAlphanumeric(32),
  responseExtras: () => ({ system_fingerprint: 'b6000-fa4e11a' }),
  messageExtras: {},
  finishChoiceExtras: () => ({}),
  finalExtras: (plan, elapsedMs, promptMs) => ({ timings: llamaTimings(plan, elapsedMs, promptMs) }),
  usage: (u) => ({
    completion_tokens: u.completion_tokens, prompt_tokens: u.prompt_tokens, total_tokens: u.total_tokens,
    ...(u.cached_tokens !== undefined ? { prompt_tokens_details: { cached_tokens: u.cached_tokens } } : {}),
  }),
  modelEntry: (id, created) => ({
    id,
    object: 'model',
    created,
    owned_by: 'llamacpp',
    meta: { vocab_type: 2, n_vocab: 151936, n_ctx_train: 32768, n_embd: 3584, n_params: 7615616512, size: 4683073536 },
  }),
  responseHeaders: () => ({}),
  errors: {
    forStatus: (status) => llamaErrorBody(status, STATUS_CODES[status] ?? 'Error'),
    // Never used while unknownModel is 'acceptAny'; kept for a rule that scripts it.
    modelNotFound: (model) => json(404, `model '${model}' not found`),
    unauthorized: () => json(401, 'Invalid API Key'),
    // The JSON parser's exception reaches the generic handler: a 500, not a 400.
    invalidJson: () => json(500, "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing object key - invalid literal; expected string literal"),
    missingParameter: (name) => json(400, `'${name}' is required`),
    unknownRoute: () => json(404, 'File Not Found'),
  },
};
