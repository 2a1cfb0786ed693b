// Ollama's OpenAI compatibility layer (http://localhost:11434/v1). Sources: Ollama's "OpenAI
// compatibility" docs (supported fields incl. `stream_options.include_usage` and `suffix`) and
// its source, openai/openai.go (chunk building, NewError's type mapping, ids, `fp_ollama`) and
// server/routes.go (the "try pulling it first" 404). See README.md for what is approximated.
import { STATUS_CODES } from 'node:http';
import type { QuirkSpec } from './quirks';
import type { HttpErrorResponse } from './errorShapes';
import { randomDigits, randomLowerAlphanumeric } from './ids';

/** openai.NewError: `param` and `code` are always null; `type` has only three values. */
function ollamaErrorBody(status: number, message: string): unknown {
  return { error: { message, type: ollamaErrorType(status), param: null, code: null } };
}

function ollamaErrorType(status: number): string {
  if (status === 400) return 'invalid_request_error';
  if (status === 404) return 'not_found_error';
  return 'api_error';
}

const json = (status: number, message: string): HttpErrorResponse => ({ status, body: ollamaErrorBody(status, message) });

export const ollamaQuirks: QuirkSpec = {
  name: 'ollama',
  sseContentType: 'text/event-stream',
  streamUsage: 'whenRequested',
  usageNullOnOtherChunks: false,
  // toChunk() builds every delta as Message{Role: "assistant", Content: …}.
  roleDelta: 'everyChunk',
  firstChunkDelta: {},
  finishDelta: { role: 'assistant', content: '' },
  // Ollama parses tool calls from the whole model output and sends each call complete.
  toolCallStreaming: 'whole',
  suffix: { mode: 'supported' },
  unknownModel: 'reject',
  chatId: () => `chatcmpl-${Number(randomDigits(3))}`,
  completionId: () => `cmpl-${Number(randomDigits(3))}`,
  toolCallId: () => `call_${randomLowerAlphanumeric(8)}`,
  responseExtras: () => ({ system_fingerprint: 'fp_ollama' }),
  messageExtras: {},
  finishChoiceExtras: () => ({}),
  finalExtras: () => ({}),
  usage: ({ cached_tokens: _notReported, ...u }) => ({ ...u }),
  // owned_by is the model name's namespace: "library" for official models.
  modelEntry: (id, created) => ({ id, object: 'model', created, owned_by: 'library' }),
  responseHeaders: () => ({}),
  errors: {
    forStatus: (status) => ollamaErrorBody(status, STATUS_CODES[status]?.toLowerCase() ?? 'error'),
    modelNotFound: (model) => json(404, `model "${model}" not found, try pulling it first`),
    // Ollama itself has no authentication: a 401 comes from a proxy in front of it.
    unauthorized: () => json(401, 'unauthorized'),
    // Go's encoding/json wording; the exact character and offset differ from real Ollama.
    invalidJson: () => json(400, "invalid character 'n' looking for beginning of object key string"),
    missingParameter: (name) => json(400, name === 'model' ? 'model is required' : `${name} is required`),
    // gin's default 404 is plain text.
    unknownRoute: () => ({ status: 404, body: '404 page not found', contentType: 'text/plain' }),
  },
};
