// Error responses as values: what status, body and content type a server answers with. Each quirk
// profile builds its own; this file holds the shared type, OpenAI's envelope and the
// context-length helper tests use to script an over-long prompt.
import type { FakeFault } from './types';

export interface HttpErrorResponse {
  status: number;
  /** A JSON value, or the raw text when `contentType` is not JSON. */
  body: unknown;
  /** Default `application/json`. */
  contentType?: string;
  headers?: Record<string, string>;
}

/** OpenAI's envelope: `{error: {message, type, param, code}}`, nulls included. */
export function openAiErrorBody(message: string, type: string, param: string | null = null, code: string | null = null): unknown {
  return { error: { message, type, param, code } };
}

export type ContextLengthFlavour = 'openai' | 'vllm' | 'llamacpp';

/**
 * A status fault that answers like a server whose context window is too small for the prompt.
 * Ollama and LM Studio have no flavour on purpose: by default they silently truncate the prompt
 * to the context window instead of failing (Ollama's `num_ctx`, LM Studio's overflow policy).
 */
export function contextLengthExceeded(limit: number, requested: number, flavour: ContextLengthFlavour = 'openai'): FakeFault {
  switch (flavour) {
    case 'openai':
      return {
        kind: 'status',
        status: 400,
        body: openAiErrorBody(
          `This model's maximum context length is ${limit} tokens. However, your messages resulted in ${requested} tokens. Please reduce the length of the messages.`,
          'invalid_request_error',
          'messages',
          'context_length_exceeded',
        ),
      };
    case 'vllm':
      // vLLM >= 0.10 nests the error like OpenAI but `code` is the HTTP status as a number.
      return {
        kind: 'status',
        status: 400,
        body: {
          error: {
            message: `This model's maximum context length is ${limit} tokens. However, your request has ${requested} input tokens. Please reduce the length of the input messages.`,
            type: 'BadRequestError',
            param: null,
            code: 400,
          },
        },
      };
    case 'llamacpp':
      return {
        kind: 'status',
        status: 400,
        body: {
          error: {
            code: 400,
            message: 'the request exceeds the available context size, try increasing it',
            type: 'exceed_context_size_error',
            n_prompt_tokens: requested,
            n_ctx: limit,
          },
        },
      };
  }
}
