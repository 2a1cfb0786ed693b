import type { ProviderConfig } from '../config';
import { parseContextOverflow } from './contextOverflow';
import { hostOf, LlmError } from './errors';
import type { TransportTrace } from './transport';

interface FailureFacts {
  provider: ProviderConfig;
  model: string | undefined;
  trace: TransportTrace;
  receivedChars: number;
}

/**
 * Failures whose cause the server or the socket states in words: an error object sent inside a
 * 200 stream, and connections that were made but never got an HTTP answer. Both used to be
 * reported as something else ("connection closed mid-answer", "no server answers").
 */

/** The error object of an in-stream error: the SDK throws an APIError with no status for it. */
export function errorInStream(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  const shape = error as { status?: unknown; error?: unknown };
  if (shape.status !== undefined || shape.error === undefined || shape.error === null) return undefined;
  return shape.error;
}

export function classifyStreamError(reported: unknown, ctx: FailureFacts, detail: string): LlmError {
  const host = hostOf(ctx.provider.baseUrl);
  const said = serverMessage(reported) ?? 'no message';
  const tokens = parseContextOverflow(`${said} ${safeJson(reported)}`);
  if (tokens || /context_length_exceeded|exceed_context_size|context (length|window|size)|maximum context/i.test(said)) {
    const model = ctx.model ?? 'the model';
    return new LlmError({
      kind: 'contextTooLong', detail, tokens,
      message: tokens ? `The prompt is ${tokens.requested} tokens, ${tokens.requested - tokens.limit} over ${model}'s ${tokens.limit}-token context window — remove some context or pick a model with a larger window.`
        : `${host} says the prompt is too long for ${model}: "${said}" — remove some context or pick a model with a larger window.`,
      actions: ['selectModel'],
    });
  }
  const after = ctx.receivedChars ? ` after ${ctx.receivedChars} characters` : '';
  return new LlmError({
    kind: 'streamError', detail,
    message: `${host} stopped the answer with an error${after}: "${said}" — this is the server's own message; try again, or check the server's log.`,
    actions: ['retry', 'showLog'],
  });
}

/** Connections that got no HTTP answer although something was listening; undefined otherwise. */
export function classifyNoResponse(ctx: FailureFacts, detail: string): LlmError | undefined {
  const { provider, trace } = ctx;
  const code = trace.errorCode ?? '';
  const setting = `tandem.providers.${provider.id}.baseUrl`;
  if (/^(EPROTO|ERR_SSL_|ERR_TLS_)/.test(code) || /wrong version number|packet length too long/i.test(detail)) {
    return new LlmError({
      kind: 'unreachable', detail: `${code} ${detail}`.trim(),
      message: `${provider.baseUrl} does not speak TLS: the server on that port answered a secure (https://) connection with plain data — use http:// in ${setting}, or the port where the server serves https.`,
      actions: ['openSettings'],
    });
  }
  if (/^HPE_/.test(code)) {
    return new LlmError({
      kind: 'unreachable', detail: `${code} ${detail}`.trim(),
      message: `Something at ${provider.baseUrl} answered, but not in HTTP — often a TLS (https) server reached with http://, or another service on that port. Check ${setting}.`,
      actions: ['openSettings'],
    });
  }
  if (!trace.connected) return undefined;
  return new LlmError({
    kind: 'unreachable', detail: `${code} ${detail}`.trim(),
    message: `${hostOf(provider.baseUrl)} accepted the connection and closed it without a reply — usually the wrong port or protocol (an https server reached with http://, or a service that is not the model server), a proxy in between, or a server that crashed on the request. Check ${setting} and the server's log.`,
    actions: ['retry', 'openSettings'],
  });
}

/** The server's own words from an error body: `{message}`, `{error: {message}}`, a string; trimmed, one line, no keys. */
export function serverMessage(value: unknown): string | undefined {
  let text: unknown = value;
  for (let depth = 0; depth < 3 && typeof text === 'object' && text !== null; depth++) {
    const object = text as { message?: unknown; error?: unknown; detail?: unknown };
    text = object.message ?? object.error ?? object.detail;
  }
  if (typeof text !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a terminal
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim()
    // A server may echo a key back ("Incorrect API key provided: sk-…"): never show one.
    .replace(/\b(sk|pk|rk|key|api|org|proj)[-_][A-Za-z0-9_*.-]{8,}/gi, '[key]')
    // Long runs of letters and digits (keys, tokens); model names have separators and stay.
    .replace(/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted]')
    .replace(/\b(?=[A-Za-z0-9_]*\d)(?=[A-Za-z0-9_]*[A-Za-z])[A-Za-z0-9_]{32,}\b/g, '[redacted]');
  if (!line) return undefined;
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** Old vLLM and some proxies send a flat `{object: 'error', message}` chunk the SDK passes on. */
export function throwIfErrorChunk(chunk: unknown): void {
  if (typeof chunk !== 'object' || chunk === null) return;
  const shape = chunk as { object?: unknown; error?: unknown; message?: unknown };
  if (shape.error !== undefined && shape.error !== null) throw Object.assign(new Error('error in stream'), { error: shape.error });
  if (shape.object === 'error') throw Object.assign(new Error('error in stream'), { error: chunk });
}
