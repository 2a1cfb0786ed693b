// vLLM's OpenAI-compatible server (`vllm serve`). Sources: vLLM's source, entrypoints/openai
// (protocol.py: ErrorInfo/ErrorResponse with an integer `code`, StreamOptions with include_usage
// defaulting to true, `stop_reason` on choices; serving_completion.py: "suffix is not currently
// supported"; serving_engine.py: "The model `x` does not exist."; the API-key middleware's
// `{"error": "Unauthorized"}`) and its docs page "OpenAI-Compatible Server".
import { STATUS_CODES } from 'node:http';
import type { QuirkSpec } from './quirks';
import type { HttpErrorResponse } from './errorShapes';
import { randomHex } from './ids';

/** vLLM's exception class names double as the error `type`. */
function vllmErrorType(status: number): string {
  switch (status) {
    case 400:
      return 'BadRequestError';
    case 401:
      return 'Unauthorized';
    case 404:
      return 'NotFoundError';
    case 429:
      return 'TooManyRequests';
    case 501:
      return 'NotImplementedError';
    case 503:
      return 'ServiceUnavailableError';
    default:
      return status >= 500 ? 'InternalServerError' : 'BadRequestError';
  }
}

function vllmErrorBody(status: number, message: string): unknown {
  return { error: { message, type: vllmErrorType(status), param: null, code: status } };
}

const json = (status: number, message: string): HttpErrorResponse => ({ status, body: vllmErrorBody(status, message) });

export const vllmQuirks: QuirkSpec = {
  name: 'vllm',
  sseContentType: 'text/event-stream; charset=utf-8',
  streamUsage: 'whenStreamOptionsPresent',
  usageNullOnOtherChunks: false,
  roleDelta: 'ownFirstChunk',
  firstChunkDelta: { content: '' },
  finishDelta: { content: '' },
  toolCallStreaming: 'fragments',
  suffix: { mode: 'rejected', error: () => json(400, 'suffix is not currently supported') },
  unknownModel: 'reject',
  chatId: () => `chatcmpl-${randomHex(32)}`,
  completionId: () => `cmpl-${randomHex(32)}`,
  toolCallId: () => `chatcmpl-tool-${randomHex(32)}`,
  responseExtras: () => ({}),
  // vLLM's ChatMessage always serialises tool_calls (an empty list when there are none).
  messageExtras: { reasoning_content: null, tool_calls: [] },
  finishChoiceExtras: (plan) => ({ stop_reason: plan.stoppedBy ?? null }),
  finalExtras: () => ({}),
  usage: (u) => ({ prompt_tokens: u.prompt_tokens, total_tokens: u.total_tokens, completion_tokens: u.completion_tokens, prompt_tokens_details: u.cached_tokens !== undefined ? { cached_tokens: u.cached_tokens } : null }),
  modelEntry: (id, created) => ({
    id,
    object: 'model',
    created,
    owned_by: 'vllm',
    root: id,
    parent: null,
    max_model_len: 32768,
    permission: [
      {
        id: `modelperm-${randomHex(32)}`,
        object: 'model_permission',
        created,
        allow_create_engine: false,
        allow_sampling: true,
        allow_logprobs: true,
        allow_search_indices: false,
        allow_view: true,
        allow_fine_tuning: false,
        organization: '*',
        group: null,
        is_blocking: false,
      },
    ],
  }),
  responseHeaders: () => ({}),
  errors: {
    forStatus: (status) => vllmErrorBody(status, STATUS_CODES[status] ?? 'Error'),
    modelNotFound: (model) => json(404, `The model \`${model}\` does not exist.`),
    // The --api-key middleware answers before any OpenAI-shaped handling.
    unauthorized: () => ({ status: 401, body: { error: 'Unauthorized' } }),
    // FastAPI's validation error, flattened to one line (the real text lists pydantic details).
    invalidJson: () => json(400, 'JSON decode error'),
    missingParameter: (name) => json(400, `Field required: body.${name}`),
    // FastAPI's default for an unknown path.
    unknownRoute: () => ({ status: 404, body: { detail: 'Not Found' } }),
  },
};
