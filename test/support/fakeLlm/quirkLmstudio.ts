// LM Studio's local server (http://localhost:1234/v1). LM Studio is closed source: everything here
// is observed behaviour reported in its public bug tracker (lmstudio-ai/lmstudio-bug-tracker), not
// documentation. Issues #676/#713: no usage in streams, `system_fingerprint` = model id, ids like
// `chatcmpl-um3b2l9t12bzrtha63q8`; #619: with one model loaded any `model` is served; the
// "Invalid model identifier" 400 and string-valued `{"error": "..."}` bodies come from user reports.
import { STATUS_CODES } from 'node:http';
import type { QuirkSpec } from './quirks';
import type { HttpErrorResponse } from './errorShapes';
import { openAiErrorBody } from './errorShapes';
import { randomDigits, randomLowerAlphanumeric } from './ids';

const json = (status: number, body: unknown): HttpErrorResponse => ({ status, body });

export const lmStudioQuirks: QuirkSpec = {
  name: 'lmstudio',
  sseContentType: 'text/event-stream',
  streamUsage: 'never',
  usageNullOnOtherChunks: false,
  roleDelta: 'withFirstContent',
  firstChunkDelta: {},
  finishDelta: {},
  toolCallStreaming: 'fragments',
  // Not documented and not rejected: completions continue the prompt as if no suffix was sent.
  suffix: { mode: 'ignored' },
  unknownModel: 'acceptWhenSingleModel',
  chatId: () => `chatcmpl-${randomLowerAlphanumeric(20)}`,
  completionId: () => `cmpl-${randomLowerAlphanumeric(20)}`,
  toolCallId: () => randomDigits(9),
  responseExtras: (model) => ({ system_fingerprint: model }),
  messageExtras: {},
  finishChoiceExtras: () => ({}),
  finalExtras: () => ({}),
  usage: ({ cached_tokens: _notReported, ...u }) => ({ ...u }),
  // No `created` field in LM Studio's model list.
  modelEntry: (id) => ({ id, object: 'model', owned_by: 'organization_owner' }),
  responseHeaders: () => ({}),
  errors: {
    forStatus: (status) => openAiErrorBody(STATUS_CODES[status] ?? 'Error', status >= 500 ? 'server_error' : 'invalid_request_error'),
    modelNotFound: (model, available) =>
      json(
        400,
        openAiErrorBody(
          `Invalid model identifier "${model}". Please specify a valid downloaded model (e.g., ${available.slice(0, 3).join(', ')}).`,
          'invalid_request_error',
          'model',
          'model_not_found',
        ),
      ),
    unauthorized: () => json(401, openAiErrorBody('Invalid API key.', 'invalid_request_error', null, 'invalid_api_key')),
    // Assumed, not observed: the string-valued envelope LM Studio uses for request problems.
    invalidJson: () => json(400, { error: 'Invalid JSON in request body.' }),
    missingParameter: (name) => json(400, { error: `'${name}' field is required` }),
    // LM Studio logs "Unexpected endpoint or method ... Returning 200 anyway."
    unknownRoute: (method, path) => json(200, { error: `Unexpected endpoint or method. (${method} ${path})` }),
  },
};
