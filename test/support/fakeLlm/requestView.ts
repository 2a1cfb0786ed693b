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
    },
  };
}

export function viewCompletionRequest(body: JsonObject, modelFromPath?: string): ViewResult {
  if (modelFromPath === undefined && typeof body['model'] !== 'string') return { ok: false, missingParameter: 'model' };
  if (!('prompt' in body)) return { ok: false, missingParameter: 'prompt' };
  const suffix = body['suffix'];
  return {
    ok: true,
    view: {
      ...commonFields(body, modelFromPath),
      endpoint: 'completions',
      messages: [],
      prompt: promptText(body['prompt']),
      ...(typeof suffix === 'string' ? { suffix } : {}),
    },
  };
}

/** llama.cpp's native `/infill`: `input_prefix` / `input_suffix`, length in `n_predict`. */
export function viewInfillRequest(body: JsonObject): RequestView {
  const prefix = typeof body['input_prefix'] === 'string' ? body['input_prefix'] : '';
  const suffix = body['input_suffix'];
  const nPredict = body['n_predict'];
  return {
    ...commonFields(body, undefined),
    endpoint: 'completions',
    messages: [],
    prompt: prefix + (typeof body['prompt'] === 'string' ? body['prompt'] : ''),
    ...(typeof suffix === 'string' ? { suffix } : {}),
    ...(typeof nPredict === 'number' && nPredict >= 0 ? { maxTokens: nPredict } : {}),
  };
}

function commonFields(body: JsonObject, modelFromPath: string | undefined): Omit<RequestView, 'endpoint' | 'messages'> {
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
