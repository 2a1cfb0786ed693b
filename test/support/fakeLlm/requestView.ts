// Reads the parts of a chat / completion request body that the fake acts on, tolerating the
// loose shapes clients really send (content parts arrays, prompt arrays, stop as string or list).

export type Endpoint = 'chat' | 'completions';
export type JsonObject = Record<string, unknown>;

export interface RequestView {
  endpoint: Endpoint;
  model: string | undefined;
  stream: boolean;
  /** `stream_options.include_usage` when it is a boolean. */
  includeUsage?: boolean;
  /** vLLM defaults include_usage to true once `stream_options` is present at all. */
  streamOptionsPresent: boolean;
  /** Chat: text of the last user message. */
  lastUser?: string;
  /** Completions: the prompt (first one when a list was sent). */
  prompt?: string;
  /** Completions: the `suffix` parameter as sent. */
  suffix?: string;
  messages: readonly unknown[];
  /** Chat: assistant messages already in the conversation (0 on an agent's first turn). */
  assistantTurns?: number;
  /** Chat: the request offers tools (a non-empty `tools` array). */
  hasTools?: boolean;
  maxTokens?: number;
  stop: string[];
  /** The prompt as the server lays it out before tokenising (what its prompt cache compares). */
  cacheText: string;
  /** `/infill` only: llama.cpp's extra fields. */
  infill?: InfillFields;
}

export interface InfillFields {
  /** `input_extra`: context chunks from other files, placed before the prefix. */
  extra: Array<{ filename: string; text: string }>;
  /** `n_indent`: generated lines indented less than this end the answer. */
  nIndent: number;
  /** `t_max_predict_ms`: generation stops at the first line break after this long (0: no limit). */
  tMaxPredictMs: number;
  /** `cache_prompt` (llama.cpp's default: true). */
  cachePrompt: boolean;
  /** `timings_per_token` (default false): the timings on every streamed result. */
  timingsPerToken: boolean;
}

export type ViewResult = { ok: true; view: RequestView } | { ok: false; missingParameter: string };

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function viewChatRequest(body: JsonObject, modelFromPath?: string): ViewResult {
  if (modelFromPath === undefined && typeof body['model'] !== 'string') return { ok: false, missingParameter: 'model' };
  const messages = body['messages'];
  if (!Array.isArray(messages)) return { ok: false, missingParameter: 'messages' };
  return {
    ok: true,
    view: {
      ...commonFields(body, modelFromPath),
      endpoint: 'chat',
      messages,
      lastUser: lastUserText(messages),
      assistantTurns: messages.filter((m) => isJsonObject(m) && m['role'] === 'assistant').length,
      hasTools: Array.isArray(body['tools']) && body['tools'].length > 0,
      cacheText: messages.map((m) => (isJsonObject(m) ? `<|${String(m['role'])}|>${contentText(m['content'])}` : '')).join('\n'),
    },
  };
}

export function viewCompletionRequest(body: JsonObject, modelFromPath?: string): ViewResult {
  if (modelFromPath === undefined && typeof body['model'] !== 'string') return { ok: false, missingParameter: 'model' };
  if (!('prompt' in body)) return { ok: false, missingParameter: 'prompt' };
  const suffix = body['suffix'];
  const prompt = promptText(body['prompt']);
  return {
    ok: true,
    view: {
      ...commonFields(body, modelFromPath),
      endpoint: 'completions',
      messages: [],
      prompt,
      ...(typeof suffix === 'string' ? { suffix } : {}),
      // With `suffix` the server renders its FIM template: prefix first, then the suffix.
      cacheText: prompt + (typeof suffix === 'string' ? suffix : ''),
    },
  };
}

/**
 * llama.cpp's native `/infill` (tools/server/README.md): `input_prefix` / `input_suffix`, `prompt`
 * (text after the FIM middle token: llama.vscode sends the cursor line there), `input_extra`
 * chunks, length in `n_predict`. The server lays the prompt out as extra chunks, then
 * `<FIM_PRE>` prefix `<FIM_SUF>` suffix `<FIM_MID>` prompt (format_infill in the server source).
 */
export function viewInfillRequest(body: JsonObject): RequestView {
  const prefix = typeof body['input_prefix'] === 'string' ? body['input_prefix'] : '';
  const suffix = body['input_suffix'];
  const prompt = typeof body['prompt'] === 'string' ? body['prompt'] : '';
  const nPredict = body['n_predict'];
  const extra = (Array.isArray(body['input_extra']) ? body['input_extra'] : []).flatMap((chunk) =>
    isJsonObject(chunk) && typeof chunk['text'] === 'string' ? [{ filename: typeof chunk['filename'] === 'string' ? chunk['filename'] : '', text: chunk['text'] }] : []);
  const number = (value: unknown): number => (typeof value === 'number' && value > 0 ? value : 0);
  const extraText = extra.map((c) => `<|file_sep|>${c.filename}\n${c.text}`).join('');
  return {
    ...commonFields(body, undefined),
    endpoint: 'completions',
    messages: [],
    prompt: prefix + prompt,
    ...(typeof suffix === 'string' ? { suffix } : {}),
    ...(typeof nPredict === 'number' && nPredict >= 0 ? { maxTokens: nPredict } : {}),
    cacheText: `${extraText}<|fim_prefix|>${prefix}<|fim_suffix|>${typeof suffix === 'string' ? suffix : ''}<|fim_middle|>${prompt}`,
    infill: { extra, nIndent: number(body['n_indent']), tMaxPredictMs: number(body['t_max_predict_ms']), cachePrompt: body['cache_prompt'] !== false, timingsPerToken: body['timings_per_token'] === true },
  };
}

function commonFields(body: JsonObject, modelFromPath: string | undefined): Omit<RequestView, 'endpoint' | 'messages' | 'cacheText'> {
  const streamOptions = body['stream_options'];
  const maxTokens = body['max_completion_tokens'] ?? body['max_tokens'];
  return {
    model: modelFromPath ?? (typeof body['model'] === 'string' ? body['model'] : undefined),
    stream: body['stream'] === true,
    streamOptionsPresent: isJsonObject(streamOptions),
    ...(isJsonObject(streamOptions) && typeof streamOptions['include_usage'] === 'boolean'
      ? { includeUsage: streamOptions['include_usage'] }
      : {}),
    stop: stopSequences(body['stop']),
    // Some servers (LM Studio) document -1 as "no limit"; only a positive number limits.
    ...(typeof maxTokens === 'number' && maxTokens >= 0 ? { maxTokens } : {}),
  };
}

function stopSequences(stop: unknown): string[] {
  if (typeof stop === 'string') return stop === '' ? [] : [stop];
  if (Array.isArray(stop)) return stop.filter((s): s is string => typeof s === 'string' && s !== '');
  return [];
}

function promptText(prompt: unknown): string {
  if (typeof prompt === 'string') return prompt;
  if (Array.isArray(prompt) && typeof prompt[0] === 'string') return prompt[0];
  return '';
}

function lastUserText(messages: readonly unknown[]): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (isJsonObject(message) && message['role'] === 'user') return contentText(message['content']);
  }
  return undefined;
}

/** Message content is a string or a list of parts; only text parts carry words to match on. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (isJsonObject(part) && typeof part['text'] === 'string' ? part['text'] : ''))
    .filter((text) => text !== '')
    .join('\n');
}
