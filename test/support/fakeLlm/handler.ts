// Decides how to answer one request, in the order a real server checks things: route, API key,
// body, required fields, model, `suffix` support; then the first matching rule (or the default
// reply) produces the answer or the fault.
import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Exchange } from './exchange';
import type { ParsedBody } from './httpBody';
import type { QuirkSpec } from './quirks';
import type { RuleBook } from './rules';
import type { RequestView, ViewResult } from './requestView';
import type { AzureContext, ResolvedRoute } from './routes';
import { resolveStreamUsage } from './quirks';
import { openAiQuirks } from './quirkOpenai';
import { azureErrors } from './azure';
import { isJsonObject, viewChatRequest, viewCompletionRequest, viewInfillRequest } from './requestView';
import { noRuleMatchedReply, planAnswer } from './answerPlan';
import { runFault } from './faults';
import type { AnswerFormat, AnswerJob } from './respond';
import { sendAnswer, sendError, sendJson } from './respond';
import type { PromptCacheSim } from './promptCache';
import { applyInfillLimits } from './infillLimits';
import { llamaProps } from './quirkLlamacppProps';

export interface HandlerSettings {
  models: readonly string[];
  /** The prompt-cache simulation, when the server was started with `promptCache`. */
  promptCache: PromptCacheSim | undefined;
  ttftMs: number;
  tokensPerSecond: number | undefined;
  chunkSize: number;
  quirks: QuirkSpec;
  requireApiKey: string | undefined;
  rules: RuleBook;
}

/** Server start, reported as every model's `created`. */
const MODELS_CREATED = Math.floor(Date.now() / 1000);

export async function handleExchange(exchange: Exchange, resolved: ResolvedRoute, body: ParsedBody, settings: HandlerSettings): Promise<void> {
  const { route, pathname, azure } = resolved;
  // Azure is OpenAI's format whatever profile the server imitates.
  const quirks = azure !== undefined ? openAiQuirks : settings.quirks;
  const headers = quirks.responseHeaders();
  const method = exchange.record.method;

  if (settings.requireApiKey !== undefined) {
    const presented = presentedApiKeys(exchange.request.headers);
    if (!presented.includes(settings.requireApiKey)) {
      sendError(exchange, azure?.style === 'deployments' ? azureErrors.unauthorized() : quirks.errors.unauthorized(presented[0]), headers);
      return;
    }
  }
  if (azure?.style === 'deployments' && azure.apiVersion === undefined && route.kind !== 'unknown') {
    sendError(exchange, azureErrors.missingApiVersion(), headers);
    return;
  }

  switch (route.kind) {
    case 'unknown':
      sendError(exchange, quirks.errors.unknownRoute(method, pathname), headers);
      return;
    case 'listModels':
      sendJson(exchange, 200, { object: 'list', data: settings.models.map((id) => quirks.modelEntry(id, MODELS_CREATED)) }, headers);
      return;
    case 'getModel':
      if (settings.models.includes(route.id)) sendJson(exchange, 200, quirks.modelEntry(route.id, MODELS_CREATED), headers);
      else sendError(exchange, quirks.errors.modelNotFound(route.id, settings.models), headers);
      return;
    case 'props':
      if (quirks.name !== 'llamacpp') sendError(exchange, quirks.errors.unknownRoute(method, pathname), headers);
      else sendJson(exchange, 200, llamaProps(settings.models[0] ?? 'fake-model', settings.promptCache), headers);
      return;
    case 'infill':
      // llama.cpp's native endpoint exists only on llama.cpp.
      if (quirks.name !== 'llamacpp') {
        sendError(exchange, quirks.errors.unknownRoute(method, pathname), headers);
        return;
      }
      await handleGeneration(exchange, 'infill', body, azure, quirks, headers, settings);
      return;
    case 'chat':
    case 'completions':
      await handleGeneration(exchange, route.kind, body, azure, quirks, headers, settings);
      return;
  }
}

async function handleGeneration(
  exchange: Exchange,
  format: AnswerFormat,
  body: ParsedBody,
  azure: AzureContext | undefined,
  quirks: QuirkSpec,
  headers: Record<string, string>,
  settings: HandlerSettings,
): Promise<void> {
  if (body.kind !== 'json' || !isJsonObject(body.value)) {
    sendError(exchange, quirks.errors.invalidJson(body.kind === 'notJson' ? body.text : ''), headers);
    return;
  }
  const viewed = viewRequest(format, body.value, azure?.deployment);
  if (!viewed.ok) {
    sendError(exchange, quirks.errors.missingParameter(viewed.missingParameter), headers);
    return;
  }
  let view: RequestView = viewed.view;

  if (azure?.deployment !== undefined) {
    if (!settings.models.includes(azure.deployment)) {
      sendError(exchange, azureErrors.deploymentNotFound(), headers);
      return;
    }
  } else if (view.model !== undefined && !modelAccepted(quirks, view.model, settings.models)) {
    sendError(exchange, quirks.errors.modelNotFound(view.model, settings.models), headers);
    return;
  }

  if (format === 'completions' && view.suffix !== undefined) {
    if (quirks.suffix.mode === 'rejected') {
      sendError(exchange, quirks.suffix.error(), headers);
      return;
    }
    if (quirks.suffix.mode === 'ignored') view = withoutSuffix(view);
  }

  const rule = settings.rules.take(view);
  const sim = settings.promptCache;
  const cache = sim?.admit(view.model ?? settings.models[0] ?? '', view.cacheText, view.infill?.cachePrompt ?? true);
  if (cache) exchange.record.promptCache = cache;
  let plan = planAnswer(rule?.reply ?? noRuleMatchedReply(view), view, quirks.toolCallId);
  if (cache) plan = { ...plan, usage: { ...plan.usage, cached_tokens: Math.min(cache.cachedTokens, plan.usage.prompt_tokens) } };
  const generationMsPerToken = sim ? sim.msPerGeneratedToken : settings.tokensPerSecond ? 1000 / settings.tokensPerSecond : undefined;
  if (view.infill) plan = applyInfillLimits(plan, view.infill, generationMsPerToken);
  const realTime = sim?.realTime === true;
  const ttftMs = (rule?.ttftMs ?? settings.ttftMs) + (realTime && cache ? cache.promptMs : 0);
  const job: AnswerJob = {
    exchange,
    format,
    plan,
    ctx: {
      quirks,
      id: format === 'chat' ? quirks.chatId() : quirks.completionId(),
      created: Math.floor(Date.now() / 1000),
      model: servedModel(quirks, view.model, settings.models),
      azure: azure !== undefined && format === 'chat',
      elapsedMs: () => performance.now() - exchange.record.receivedAt,
      ...(cache ? { slot: cache.slot, promptMs: cache.promptMs } : {}),
    },
    stream: view.stream,
    shape: { chunkSize: settings.chunkSize, usageMode: resolveStreamUsage(quirks, view.includeUsage, view.streamOptionsPresent), ...(view.infill?.timingsPerToken ? { timingsPerToken: true } : {}) },
    ttftMs,
    tokensPerSecond: realTime && sim ? 1000 / sim.msPerGeneratedToken : settings.tokensPerSecond,
    headers,
  };
  if (rule?.fault !== undefined) await runFault(rule.fault, job, view);
  else await sendAnswer(job);
}

function viewRequest(format: AnswerFormat, body: Record<string, unknown>, deployment: string | undefined): ViewResult {
  switch (format) {
    case 'chat':
      return viewChatRequest(body, deployment);
    case 'completions':
      return viewCompletionRequest(body, deployment);
    case 'infill':
      return { ok: true, view: viewInfillRequest(body) };
  }
}

function modelAccepted(quirks: QuirkSpec, model: string, models: readonly string[]): boolean {
  if (models.includes(model)) return true;
  if (quirks.unknownModel === 'acceptAny') return true;
  return quirks.unknownModel === 'acceptWhenSingleModel' && models.length === 1;
}

/** The model named in the response: the one asked for, or the one loaded when the server ignored the name. */
function servedModel(quirks: QuirkSpec, requested: string | undefined, models: readonly string[]): string {
  const loaded = models[0] ?? 'fake-model';
  if (requested === undefined) return loaded;
  if (!models.includes(requested) && quirks.unknownModel === 'acceptWhenSingleModel') return loaded;
  return requested;
}

function withoutSuffix(view: RequestView): RequestView {
  const { suffix: _ignored, ...rest } = view;
  return { ...rest, cacheText: rest.prompt ?? '' };
}

/** Keys the request presents: `Authorization: Bearer <key>` (OpenAI and most servers), `api-key: <key>` (Azure). */
export function presentedApiKeys(headers: IncomingHttpHeaders): string[] {
  const keys: string[] = [];
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const bearer = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    keys.push(bearer?.[1] ?? authorization);
  }
  const apiKey = headers['api-key'];
  const apiKeyValue = Array.isArray(apiKey) ? apiKey[0] : apiKey;
  if (apiKeyValue !== undefined) keys.push(apiKeyValue);
  return keys;
}
