import type { ProviderConfig } from '../config';
import { hostOf, LlmError, startHint } from './errors';
import { parseRetryAfter } from './retry';
import type { TransportTrace } from './transport';
import { parseContextOverflow } from './contextOverflow';
import { classifyNoResponse, classifyStreamError, errorInStream, serverMessage } from './classifyServerWords';

/** Why Tandem itself aborted a request (as opposed to the connection failing). */
export type AbortReason = 'cancelled' | 'firstTokenTimeout' | 'idleTimeout' | 'totalTimeout';

export interface FailureContext {
  provider: ProviderConfig;
  /** undefined for requests that name no model (the model list). */
  model: string | undefined;
  timeouts: { connectMs: number; firstTokenMs: number; idleMs: number; totalMs?: number };
  trace: TransportTrace;
  abortReason: AbortReason | undefined;
  /** Characters of answer already received: > 0 means the failure cut a stream short. */
  receivedChars: number;
}

interface StatusErrorShape {
  status: number;
  message: string;
  headers?: Headers;
  error?: unknown;
  code?: unknown;
}

function isStatusError(error: unknown): error is StatusErrorShape {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';
}

/** Maps whatever the SDK or the socket threw to an LlmError with a message a user can act on. */
export { parseContextOverflow };

export function classifyFailure(error: unknown, ctx: FailureContext): LlmError {
  if (error instanceof LlmError) return error;
  const { provider, model } = ctx;
  const host = hostOf(provider.baseUrl);
  const detail = describeRaw(error);

  switch (ctx.abortReason) {
    case 'cancelled':
      return new LlmError({ kind: 'cancelled', message: 'Request cancelled.', detail });
    case 'firstTokenTimeout':
      return new LlmError({
        kind: 'firstTokenTimeout',
        message: model === undefined
          ? `${host} did not answer within ${seconds(ctx.timeouts.firstTokenMs)} — check that the server is not overloaded, then try again.`
          : `${model} at ${host} sent nothing for ${seconds(ctx.timeouts.firstTokenMs)} — a local model may still be loading; try again, or raise tandem.timeouts.firstTokenMs.`,
        actions: ['retry', 'openSettings'], detail,
      });
    case 'idleTimeout':
      return new LlmError({
        kind: 'idleTimeout',
        message: `${model} at ${host} stopped sending for ${seconds(ctx.timeouts.idleMs)} in the middle of its answer — try again, or raise tandem.timeouts.idleMs.`,
        actions: ['retry', 'openSettings'], detail,
      });
    case 'totalTimeout':
      return new LlmError({
        kind: 'totalTimeout',
        message: `${model ?? host} at ${host} was still answering after ${seconds(ctx.timeouts.totalMs ?? 0)}${ctx.receivedChars ? ` (${ctx.receivedChars} characters so far)` : ''}, the limit for one answer; it was stopped — ask for a shorter answer, or raise tandem.timeouts.totalSeconds.`,
        actions: ['retry', 'openSettings'], detail,
      });
    default:
      break;
  }

  if (isStatusError(error)) return classifyStatus(error, ctx, detail);
  const reported = errorInStream(error);
  if (reported !== undefined) return classifyStreamError(reported, ctx, detail);

  if (ctx.trace.connectTimedOut) {
    return new LlmError({
      kind: 'connectTimeout',
      message: `Connecting to ${provider.baseUrl} timed out after ${seconds(ctx.timeouts.connectMs)} — check the address and your network, or raise tandem.timeouts.connectMs.`,
      actions: ['retry', 'openSettings'], detail,
    });
  }
  if (!ctx.trace.responseStarted) {
    const refused = classifyNoResponse(ctx, detail);
    if (refused) return refused;
    return new LlmError({
      kind: 'unreachable',
      message: `No model server answers at ${provider.baseUrl} — ${startHint(provider)}, or change tandem.provider.`,
      actions: ['retry', 'openSettings'], detail: `${ctx.trace.errorCode ?? ''} ${detail}`.trim(),
    });
  }
  if (error instanceof SyntaxError || /JSON|Unexpected token|malformed/i.test(detail)) {
    return malformed(ctx, detail);
  }
  return new LlmError({
    kind: 'streamCut',
    message: `The connection to ${host} closed in the middle of the answer${ctx.receivedChars ? ` (after ${ctx.receivedChars} characters)` : ''} — try again.`,
    actions: ['retry', 'showLog'], detail,
  });
}

export function wrongEndpoint(provider: ProviderConfig, status: number | undefined, detail: string | undefined): LlmError {
  return new LlmError({
    kind: 'wrongEndpoint', status, detail,
    message: `Nothing OpenAI-compatible answers at ${provider.baseUrl} (HTTP 404) — check tandem.providers.${provider.id}.baseUrl (it usually ends in /v1).`,
    actions: ['openSettings'],
  });
}

export function malformed(ctx: Pick<FailureContext, 'provider'>, detail: string): LlmError {
  return new LlmError({
    kind: 'malformed',
    message: `${hostOf(ctx.provider.baseUrl)} sent a response Tandem could not read (not OpenAI-compatible JSON) — check that tandem.providers.${ctx.provider.id}.baseUrl points at an OpenAI-compatible endpoint (usually ending in /v1). Details are in "Tandem: Show Log".`,
    actions: ['openSettings', 'showLog'], detail,
  });
}

function classifyStatus(error: StatusErrorShape, ctx: FailureContext, detail: string): LlmError {
  const { provider } = ctx;
  const model = ctx.model ?? 'the model';
  const host = hostOf(provider.baseUrl);
  const status = error.status;
  const text = `${error.message} ${safeJson(error.error)}`;

  if (status === 403) {
    const said = serverMessage(error.error) ?? serverMessage(error.message);
    return new LlmError({
      kind: 'auth', status, detail,
      message: `${host} refused access to ${model} (HTTP 403)${said ? `: "${said}"` : ''} — the key was accepted but lacks permission: the model may not be enabled for this key, project or organisation, or a policy (region, organisation, IP allow-list) blocks it. Check the account's settings on the provider's side, or pick another model.`,
      actions: ['selectModel', 'setApiKey', 'showLog'],
    });
  }
  if (status === 401) {
    return new LlmError({
      kind: 'auth', status, detail,
      message: `Authentication failed at ${host} (HTTP ${status}) — set the API key for provider '${provider.id}' with "Tandem: Set API Key"${provider.requiresApiKey ? '' : ', or remove it if this server needs none'}.`,
      actions: ['setApiKey', 'showLog'],
    });
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(error.headers);
    const when = retryAfterMs === undefined ? 'in a little while' : `in ${seconds(retryAfterMs)}`;
    return new LlmError({ kind: 'rateLimited', status, detail, retryAfterMs, message: `Rate limited by ${host} — retry ${when}.`, actions: ['retry'] });
  }
  const tokens = parseContextOverflow(text);
  if (tokens || /context_length_exceeded|exceed_context_size|context (length|window|size)|too many tokens|maximum context/i.test(text)) {
    const over = tokens?.requested !== undefined && tokens.limit !== undefined ? tokens.requested - tokens.limit : undefined;
    const message = tokens?.requested !== undefined && tokens.limit !== undefined
      ? `The prompt is ${tokens.requested} tokens, ${over} over ${model}'s ${tokens.limit}-token context window — remove some context or pick a model with a larger window.`
      : `The prompt is longer than ${model}'s context window (${provider.contextWindow} tokens configured for '${provider.id}') — remove some context or pick a model with a larger window.`;
    return new LlmError({ kind: 'contextTooLong', status, detail, tokens, message, actions: ['selectModel'] });
  }
  if (status === 404 && ctx.model === undefined) return wrongEndpoint(provider, status, detail);
  if (status === 404) {
    // Refined by the client with the server's model list (see describeModelNotFound).
    return new LlmError({ kind: 'modelNotFound', status, detail, message: `Model '${model}' not found at ${host}.`, actions: ['selectModel'] });
  }
  if (status >= 500) {
    return new LlmError({ kind: 'server', status, detail, retryAfterMs: parseRetryAfter(error.headers), message: `${host} failed with a server error (HTTP ${status}) — try again; details are in "Tandem: Show Log".`, actions: ['retry', 'showLog'] });
  }
  return new LlmError({ kind: 'badRequest', status, detail, message: `${host} rejected the request (HTTP ${status}) — details are in "Tandem: Show Log".`, actions: ['showLog'] });
}

function describeRaw(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : '';
    const body = isStatusError(error) ? ` body: ${safeJson(error.error)}` : '';
    return `${error.name}: ${error.message}${cause}${body}`;
  }
  return String(error);
}

function safeJson(value: unknown): string {
  try {
    return value === undefined ? '' : JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
