// OpenAI itself (api.openai.com). Sources: the API reference for chat completions, the streaming
// chunk object and `stream_options`; the error-codes guide; error bodies as the API returns them.
import { STATUS_CODES } from 'node:http';
import type { QuirkSpec } from './quirks';
import type { HttpErrorResponse } from './errorShapes';
import { openAiErrorBody } from './errorShapes';
import { randomAlphanumeric, randomHex } from './ids';

const json = (status: number, body: unknown): HttpErrorResponse => ({ status, body });

/** OpenAI echoes a wrong key with its middle masked. */
function maskKey(key: string): string {
  if (key.length <= 8) return '*'.repeat(key.length);
  return `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}`;
}

export function openAiStatusBody(status: number, model: string | undefined): unknown {
  switch (status) {
    case 400:
      return openAiErrorBody('Invalid request.', 'invalid_request_error');
    case 401:
      return openAiErrorBody('Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', null, 'invalid_api_key');
    case 403:
      return openAiErrorBody('You are not allowed to access this resource.', 'invalid_request_error');
    case 404:
      return openAiErrorBody(`The model \`${model ?? 'unknown'}\` does not exist or you do not have access to it.`, 'invalid_request_error', null, 'model_not_found');
    case 429:
      return openAiErrorBody(
        `Rate limit reached for ${model ?? 'this model'} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
        'requests',
        null,
        'rate_limit_exceeded',
      );
    case 500:
      return openAiErrorBody('The server had an error while processing your request. Sorry about that!', 'server_error');
    case 503:
      return openAiErrorBody('The engine is currently overloaded, please try again later.', 'server_error');
    default:
      return openAiErrorBody(`${status} ${STATUS_CODES[status] ?? 'Error'}`, status >= 500 ? 'server_error' : 'invalid_request_error');
  }
}

export const openAiQuirks: QuirkSpec = {
  name: 'openai',
  sseContentType: 'text/event-stream; charset=utf-8',
  streamUsage: 'whenRequested',
  usageNullOnOtherChunks: true,
  roleDelta: 'ownFirstChunk',
  firstChunkDelta: { content: '', refusal: null },
  finishDelta: {},
  toolCallStreaming: 'fragments',
  // gpt-3.5-turbo-instruct, the one /v1/completions model left, accepts `suffix`.
  suffix: { mode: 'supported' },
  unknownModel: 'reject',
  chatId: () => `chatcmpl-${randomAlphanumeric(29)}`,
  completionId: () => `cmpl-${randomAlphanumeric(29)}`,
  toolCallId: () => `call_${randomAlphanumeric(24)}`,
  responseExtras: () => ({ service_tier: 'default', system_fingerprint: 'fp_fake1a2b3c' }),
  messageExtras: { refusal: null, annotations: [] },
  finishChoiceExtras: () => ({}),
  finalExtras: () => ({}),
  usage: ({ cached_tokens: cached, ...u }) => ({
    ...u,
    prompt_tokens_details: { cached_tokens: cached ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  }),
  modelEntry: (id, created) => ({ id, object: 'model', created, owned_by: 'system' }),
  responseHeaders: () => ({ 'x-request-id': `req_${randomHex(32)}`, 'openai-version': '2020-10-01', 'openai-processing-ms': '1' }),
  errors: {
    forStatus: openAiStatusBody,
    modelNotFound: (model) => json(404, openAiErrorBody(`The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', null, 'model_not_found')),
    unauthorized: (key) =>
      key === undefined
        ? json(401, openAiErrorBody("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.", 'invalid_request_error'))
        : json(401, openAiErrorBody(`Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', null, 'invalid_api_key')),
    invalidJson: () =>
      json(400, openAiErrorBody("We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)", 'invalid_request_error')),
    missingParameter: (name) =>
      name === 'model'
        ? json(400, openAiErrorBody('you must provide a model parameter', 'invalid_request_error'))
        : json(400, openAiErrorBody(`Missing required parameter: '${name}'.`, 'invalid_request_error', name, 'missing_required_parameter')),
    unknownRoute: (method, path) => json(404, openAiErrorBody(`Invalid URL (${method} ${path})`, 'invalid_request_error')),
  },
};
