import type { CompletionRequest } from './types';

/**
 * llama.cpp's native fill-in-the-middle endpoint, `POST /infill` (llama-server's README): the
 * server applies the model's own FIM tokens, puts `extra` chunks from other files first in its
 * repository format, and keeps the slot's prompt cache (`cache_prompt`).
 */
export interface InfillRequest extends Omit<CompletionRequest, 'prompt' | 'suffix'> {
  /** Text before the cursor line (whole lines). */
  inputPrefix: string;
  /** The cursor line up to the cursor: sent as `prompt`, after the FIM middle token. */
  prompt: string;
  inputSuffix: string;
  /** Context chunks from other files (`input_extra`). */
  extra: ReadonlyArray<{ filename: string; text: string }>;
  /** `n_indent`: generated lines indented less than this end the answer (0: no rule). */
  nIndent: number;
  /** `t_max_predict_ms`: the answer ends at the first line break after this long (0: no limit). */
  maxPredictMs: number;
}

/** A streamed `/infill` event: a piece of `content`, and on the last one (`stop: true`) the stats. */
export interface InfillChunk {
  content?: string;
  stop?: boolean;
  stop_type?: string;
  tokens_predicted?: number;
  tokens_evaluated?: number;
  tokens_cached?: number;
  timings?: { prompt_n?: number; cache_n?: number; predicted_n?: number };
}

/** `/infill` sits at the server's root, beside `/v1`. */
export function infillUrl(baseUrl: string): string {
  return `${serverRoot(baseUrl)}/infill`;
}

/** The server root of an OpenAI-style base URL (`http://host:8080/v1` -> `http://host:8080`). */
export function serverRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
}

export function infillBody(request: InfillRequest, maxTokens: number): Record<string, unknown> {
  return {
    input_prefix: request.inputPrefix,
    input_suffix: request.inputSuffix,
    input_extra: request.extra.map((c) => ({ filename: c.filename, text: c.text })),
    prompt: request.prompt,
    n_predict: maxTokens,
    cache_prompt: true,
    stream: true,
    // The cache figures on every chunk, not only the last: the answer is usually cut before it.
    timings_per_token: true,
    ...(request.nIndent > 0 ? { n_indent: request.nIndent } : {}),
    ...(request.maxPredictMs > 0 ? { t_max_predict_ms: request.maxPredictMs } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.stop?.length ? { stop: request.stop } : {}),
    // Greedy and cheap, as llama.vscode asks: completions want the likeliest code, fast.
    samplers: ['top_k', 'top_p', 'infill'],
    top_k: 40,
    top_p: 0.99,
  };
}

/** The prompt's tokens when only the timings say: those read now plus those taken from the cache. */
export function infillPromptTokens(chunk: InfillChunk): number | undefined {
  const { prompt_n: read, cache_n: cached } = chunk.timings ?? {};
  return typeof read === 'number' && typeof cached === 'number' ? read + cached : undefined;
}

/** Prompt tokens the server took from its cache: `timings.cache_n`, else evaluated minus processed. */
export function infillCachedTokens(chunk: InfillChunk): number | undefined {
  if (typeof chunk.timings?.cache_n === 'number') return chunk.timings.cache_n;
  if (typeof chunk.tokens_evaluated === 'number' && typeof chunk.timings?.prompt_n === 'number') return Math.max(0, chunk.tokens_evaluated - chunk.timings.prompt_n);
  return undefined;
}
