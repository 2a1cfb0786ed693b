import type OpenAI from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { Completion } from 'openai/resources/completions';
import type { ProviderConfig, TandemConfig } from '../config';
import { silentLogger, type Logger } from '../logger';
import { classifyFailure, malformed, type AbortReason } from './classify';
import { throwIfErrorChunk } from './classifyServerWords';
import { hostOf, LlmError } from './errors';
import { formatMetrics, type MetricsSink, type RequestMetrics } from './metrics';
import { describeMissingModel } from './modelNotFound';
import { atOutputLimit, eventChars, outputCharLimit, outputTokenBound, OutputTokenParameter, type OutputBound } from './outputBudget';
import { RequestRun, sleep } from './requestRun';
import { defaultRetryPolicy, retryDelay, type RetryPolicy } from './retry';
import { createSdkClient } from './sdk';
import { startTally, tallyMetrics, type Tally } from './tally';
import { estimateMessagesTokens, estimateTokens } from './tokens';
import { preview, samplingParams, traced } from './requestParts';
import { probeServerFlavour, type ServerFlavour } from './serverProbe';
import { infillBody, infillCachedTokens, infillPromptTokens, infillUrl, type InfillChunk, type InfillRequest } from './infill';
import type { Stream } from 'openai/core/streaming';
import type {
  ChatRequest, ChatResult, ChatStreamEvent, CompletionRequest, CompletionResult, CompletionStreamEvent, ModelRole, ToolCall,
} from './types';

export interface LlmClientOptions {
  provider: ProviderConfig;
  apiKey?: string;
  /** `totalMs` (the whole request) defaults to tandem.timeouts.totalSeconds' default. */
  timeouts: Omit<TandemConfig['timeouts'], 'totalMs'> & { totalMs?: number };
  maxRetries: number;
  retryPolicy?: Partial<Omit<RetryPolicy, 'maxRetries'>>;
  logger?: Logger;
  onMetrics?: MetricsSink;
  userAgent?: string;
}


/** tandem.timeouts.totalSeconds' default, for clients built without it (tests, benchmarks). */
const defaultTotalMs = 600_000;

/**
 * The engine's one door to a model server: streamed and non-streamed chat (text and tool calls),
 * completions with `suffix` (FIM) and the model list, with Tandem's timeouts, retries, error
 * messages and metrics. Stateless per request; safe to share.
 */
export class LlmClient {
  readonly provider: ProviderConfig;
  private readonly logger: Logger;
  private readonly policy: RetryPolicy;
  private readonly outputParameter: OutputTokenParameter;
  private sdk: Promise<OpenAI> | undefined;

  constructor(private readonly options: LlmClientOptions) {
    this.provider = options.provider;
    this.logger = options.logger ?? silentLogger;
    this.policy = { ...defaultRetryPolicy, ...options.retryPolicy, maxRetries: options.maxRetries };
    this.outputParameter = new OutputTokenParameter(options.provider);
  }

  modelFor(role: ModelRole = 'chat'): string {
    return this.provider.models[role] || this.provider.models.chat;
  }

  /** Ids of the models the server offers (GET /models). */
  async listModels(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string[]> {
    const tally = startTally('models', '-', false, 0);
    const run = new RequestRun(options.signal);
    const timeoutMs = options.timeoutMs ?? this.options.timeouts.firstTokenMs;
    run.arm('firstTokenTimeout', timeoutMs);
    try {
      const sdk = await this.client();
      const page = await sdk.models.list({ signal: run.signal, fetchOptions: traced(run) });
      const ids = page.data.map((m) => m.id).filter((id): id is string => typeof id === 'string');
      this.finish(tally, 'ok');
      return ids;
    } catch (error) {
      const failure = classifyFailure(error, { ...this.failureContext(run, undefined, 0), timeouts: { ...this.options.timeouts, firstTokenMs: timeoutMs } });
      this.finish(tally, failure.kind === 'cancelled' ? 'cancelled' : 'error', failure);
      throw failure;
    } finally {
      run.dispose();
    }
  }

  /** What server software answers (see serverProbe.ts); undefined when it is none Tandem adapts to. */
  async detectServer(timeoutMs = 3_000): Promise<ServerFlavour | undefined> {
    const signal = AbortSignal.timeout(timeoutMs);
    return probeServerFlavour(await this.client(), this.provider.baseUrl, signal).catch(() => undefined);
  }

  async *streamChat(request: ChatRequest): AsyncGenerator<ChatStreamEvent, void, undefined> {
    const model = request.model ?? this.modelFor(request.role);
    const tally = startTally('chat', model, true, estimateMessagesTokens(request.messages), request.onMetrics);
    const bound: OutputBound = { endpoint: 'chat', maxTokens: outputTokenBound(request, tally.tokensIn, this.provider.contextWindow) };
    const toolCalls: Array<Partial<ToolCall> & { arguments: string }> = [];
    let finishReason: string | undefined;
    const body = () => ({
      model, messages: request.messages, stream: true as const,
      ...(this.provider.streamUsage ? { stream_options: { include_usage: true } } : {}),
      ...samplingParams(request), ...this.outputParameter.fields('chat', bound.maxTokens),
      ...(request.tools?.length ? { tools: request.tools, tool_choice: request.toolChoice } : {}),
    });
    const stream = this.openStream<ChatCompletionChunk, ChatStreamEvent>(tally, request.signal, bound, (sdk, run) =>
      sdk.chat.completions.create(body(), { signal: run.signal, fetchOptions: traced(run) }), (chunk) => {
      if (chunk.usage) tally.usage = chunk.usage;
      const events: ChatStreamEvent[] = [];
      for (const choice of chunk.choices ?? []) {
        if (choice.finish_reason) finishReason = choice.finish_reason;
        const delta = choice.delta;
        if (!delta) continue;
        if (typeof delta.content === 'string' && delta.content) events.push({ type: 'text', text: delta.content });
        for (const call of delta.tool_calls ?? []) {
          const slot = (toolCalls[call.index] ??= { arguments: '' });
          if (call.id) slot.id = call.id;
          if (call.function?.name) slot.name = (slot.name ?? '') + call.function.name;
          const argumentsDelta = call.function?.arguments ?? '';
          slot.arguments += argumentsDelta;
          events.push({ type: 'toolCall', index: call.index, id: call.id, name: call.function?.name, argumentsDelta });
        }
      }
      return { events, finished: finishReason !== undefined };
    });
    const text: string[] = [];
    for await (const event of stream) {
      if (event.type === 'text') text.push(event.text);
      tally.outputChars.push(event.type === 'text' ? event.text : event.argumentsDelta);
      yield event;
    }
    const calls = toolCalls.filter(Boolean).map((c, i) => ({ id: c.id ?? `call_${i}`, name: c.name ?? '', arguments: c.arguments }));
    if (tally.cutAtOutputLimit) finishReason = 'length';
    yield { type: 'done', result: { text: text.join(''), toolCalls: calls, finishReason: finishReason ?? 'stop', metrics: this.finish(tally, 'ok') } };
  }

  async chat(request: ChatRequest): Promise<ChatResult> {
    const model = request.model ?? this.modelFor(request.role);
    const tally = startTally('chat', model, false, estimateMessagesTokens(request.messages), request.onMetrics);
    const bound: OutputBound = { endpoint: 'chat', maxTokens: outputTokenBound(request, tally.tokensIn, this.provider.contextWindow) };
    const response = await this.request(tally, request.signal, bound, (sdk, run) => sdk.chat.completions.create({
      model, messages: request.messages, stream: false, ...samplingParams(request), ...this.outputParameter.fields('chat', bound.maxTokens),
      ...(request.tools?.length ? { tools: request.tools, tool_choice: request.toolChoice } : {}),
    }, { signal: run.signal, fetchOptions: traced(run) }));
    const choice = Array.isArray(response?.choices) ? response.choices[0] : undefined;
    if (!choice?.message) throw this.malformedResponse(tally, `no choices in ${preview(response)}`);
    tally.usage = response.usage;
    const text = atOutputLimit(choice.message.content ?? '', bound, tally);
    const toolCalls = (choice.message.tool_calls ?? []).flatMap((c, i) =>
      c.type === 'function' ? [{ id: c.id ?? `call_${i}`, name: c.function.name, arguments: c.function.arguments }] : []);
    tally.outputChars.push(text, ...toolCalls.map((c) => c.arguments));
    return { text, toolCalls, finishReason: tally.cutAtOutputLimit ? 'length' : choice.finish_reason ?? 'stop', metrics: this.finish(tally, 'ok') };
  }

  async *streamCompletion(request: CompletionRequest): AsyncGenerator<CompletionStreamEvent, void, undefined> {
    const model = request.model ?? this.modelFor(request.role ?? 'completion');
    const tally = startTally('completions', model, true, estimateTokens(request.prompt) + estimateTokens(request.suffix ?? ''), request.onMetrics);
    const bound: OutputBound = { endpoint: 'completions', maxTokens: outputTokenBound({ purpose: 'completion', ...request }, tally.tokensIn, this.provider.contextWindow) };
    let finishReason: string | undefined;
    const body = () => ({
      model, prompt: request.prompt, stream: true as const,
      ...(request.suffix !== undefined ? { suffix: request.suffix } : {}),
      ...(this.provider.streamUsage ? { stream_options: { include_usage: true } } : {}),
      ...samplingParams(request), ...this.outputParameter.fields('completions', bound.maxTokens),
    });
    const stream = this.openStream<Completion, CompletionStreamEvent>(tally, request.signal, bound, (sdk, run) =>
      sdk.completions.create(body(), { signal: run.signal, fetchOptions: traced(run) }), (chunk) => {
      if (chunk.usage) tally.usage = chunk.usage;
      tally.cachedTokens ??= infillCachedTokens(chunk as InfillChunk); // llama.cpp's timings on the last chunk
      const events: CompletionStreamEvent[] = [];
      for (const choice of chunk.choices ?? []) {
        if (choice.finish_reason) finishReason = choice.finish_reason;
        if (choice.text) events.push({ type: 'text', text: choice.text });
      }
      return { events, finished: finishReason !== undefined };
    });
    const text: string[] = [];
    for await (const event of stream) {
      if (event.type === 'text') text.push(event.text);
      tally.outputChars.push(event.type === 'text' ? event.text : '');
      yield event;
    }
    if (tally.cutAtOutputLimit) finishReason = 'length';
    yield { type: 'done', result: { text: text.join(''), finishReason: finishReason ?? 'stop', metrics: this.finish(tally, 'ok') } };
  }

  /** llama.cpp's native `POST /infill` (see infill.ts), streamed, with the same timeouts, retries and metrics. */
  async *streamInfill(request: InfillRequest): AsyncGenerator<CompletionStreamEvent, void, undefined> {
    const model = request.model ?? this.modelFor(request.role ?? 'completion');
    const tokensIn = estimateTokens(request.inputPrefix + request.prompt + request.inputSuffix + request.extra.map((c) => c.filename + c.text).join(''));
    const tally = startTally('infill', model, true, tokensIn, request.onMetrics);
    const bound: OutputBound = { endpoint: 'completions', maxTokens: outputTokenBound({ purpose: 'completion', ...request }, tokensIn, this.provider.contextWindow) };
    const stream = this.openStream<InfillChunk, CompletionStreamEvent>(tally, request.signal, bound, (sdk, run) =>
      sdk.post<Stream<InfillChunk>>(infillUrl(this.provider.baseUrl), { body: infillBody(request, bound.maxTokens), stream: true, signal: run.signal, fetchOptions: traced(run) }), (chunk) => {
      // The final chunk has the stats; with timings_per_token every chunk has them, so an answer
      // the caller stops early (the usual case) still counts what the server took from its cache.
      if (chunk.stop || chunk.timings) {
        tally.usage = { prompt_tokens: chunk.tokens_evaluated ?? infillPromptTokens(chunk) ?? tokensIn, completion_tokens: chunk.tokens_predicted ?? 0 };
        tally.cachedTokens = infillCachedTokens(chunk) ?? tally.cachedTokens;
      }
      return { events: chunk.content ? [{ type: 'text', text: chunk.content }] : [], finished: chunk.stop === true };
    });
    const text: string[] = [];
    for await (const event of stream) {
      if (event.type === 'text') text.push(event.text);
      tally.outputChars.push(event.type === 'text' ? event.text : '');
      yield event;
    }
    yield { type: 'done', result: { text: text.join(''), finishReason: tally.cutAtOutputLimit ? 'length' : 'stop', metrics: this.finish(tally, 'ok') } };
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    const model = request.model ?? this.modelFor(request.role ?? 'completion');
    const tally = startTally('completions', model, false, estimateTokens(request.prompt) + estimateTokens(request.suffix ?? ''), request.onMetrics);
    const bound: OutputBound = { endpoint: 'completions', maxTokens: outputTokenBound({ purpose: 'completion', ...request }, tally.tokensIn, this.provider.contextWindow) };
    const response = await this.request(tally, request.signal, bound, (sdk, run) => sdk.completions.create({
      model, prompt: request.prompt, stream: false,
      ...(request.suffix !== undefined ? { suffix: request.suffix } : {}), ...samplingParams(request), ...this.outputParameter.fields('completions', bound.maxTokens),
    }, { signal: run.signal, fetchOptions: traced(run) }));
    const choice = Array.isArray(response?.choices) ? response.choices[0] : undefined;
    if (!choice || typeof choice.text !== 'string') throw this.malformedResponse(tally, `no completion text in ${preview(response)}`);
    tally.usage = response.usage;
    const text = atOutputLimit(choice.text, bound, tally);
    tally.outputChars.push(text);
    return { text, finishReason: tally.cutAtOutputLimit ? 'length' : choice.finish_reason ?? 'stop', metrics: this.finish(tally, 'ok') };
  }

  // ---- machinery -------------------------------------------------------------------------

  private client(): Promise<OpenAI> {
    this.sdk ??= createSdkClient({
      provider: this.provider,
      apiKey: this.options.apiKey,
      connectTimeoutMs: this.options.timeouts.connectMs,
      requestTimeoutMs: this.options.timeouts.connectMs + this.options.timeouts.firstTokenMs + 1_000,
      userAgent: this.options.userAgent ?? 'Tandem',
    });
    return this.sdk;
  }

  /** A non-streamed request: retried on safe failures, bounded by the first-token timeout. */
  private async request<T>(tally: Tally, signal: AbortSignal | undefined, bound: OutputBound, send: (sdk: OpenAI, run: RequestRun) => PromiseLike<T>): Promise<T> {
    const sdk = await this.client();
    for (;;) {
      tally.attempts++;
      const run = new RequestRun(signal, this.deadlineOf(tally));
      run.arm('firstTokenTimeout', this.options.timeouts.firstTokenMs);
      try {
        const result = await send(sdk, run);
        tally.firstTokenAt = performance.now();
        return result;
      } catch (error) {
        const failure = await this.explain(error, run, tally.model, 0);
        if (!this.adjustOutputBound(failure, bound) && !(await this.backOff(failure, tally, signal))) {
          this.finish(tally, failure.kind === 'cancelled' ? 'cancelled' : 'error', failure);
          throw failure;
        }
      } finally {
        run.dispose();
      }
    }
  }

  /**
   * Opens a stream and yields its events. Failures before the first token are retried (nothing
   * has reached the user yet); after it, they end the stream with an error, never a replay.
   * Breaking out of the loop aborts the request and closes the socket. A server that sends far
   * more than the output bound it was given is cut off there (finish reason 'length').
   */
  private async *openStream<TChunk, TEvent extends { type: string }>(
    tally: Tally,
    signal: AbortSignal | undefined,
    bound: OutputBound,
    open: (sdk: OpenAI, run: RequestRun) => PromiseLike<AsyncIterable<TChunk>>,
    toEvents: (chunk: TChunk) => { events: TEvent[]; finished: boolean },
  ): AsyncGenerator<Exclude<TEvent, { type: 'done' }>, void, undefined> {
    const sdk = await this.client();
    const { firstTokenMs, idleMs } = this.options.timeouts;
    const charLimit = outputCharLimit(bound.maxTokens);
    let finished = false;
    let run: RequestRun | undefined;
    let completed = false;
    try {
      for (;;) {
        tally.attempts++;
        run = new RequestRun(signal, this.deadlineOf(tally));
        run.arm('firstTokenTimeout', firstTokenMs);
        try {
          const iterator = (await open(sdk, run))[Symbol.asyncIterator]();
          for (;;) {
            const next = await iterator.next();
            // The SDK ends a stream quietly when it is aborted; only our own reason tells why.
            if (run.abortReason) throw new Error(`aborted: ${run.abortReason}`);
            if (next.done) break;
            tally.chunks++;
            throwIfErrorChunk(next.value);
            const { events, finished: sawFinish } = toEvents(next.value);
            finished ||= sawFinish;
            if (events.length === 0) continue;
            if (tally.firstTokenAt === undefined) tally.firstTokenAt = performance.now();
            run.arm('idleTimeout', idleMs);
            for (const event of events) {
              tally.receivedChars += eventChars(event);
              yield event as Exclude<TEvent, { type: 'done' }>;
            }
            if (tally.receivedChars > charLimit) {
              this.logger.warn(`${hostOf(this.provider.baseUrl)} sent ${tally.receivedChars} characters for an answer bounded to ${bound.maxTokens} tokens; stopped reading (the server ignores the output limit)`);
              tally.cutAtOutputLimit = true;
              finished = true;
              run.abort('cancelled');
              break;
            }
          }
          if (tally.chunks === 0) throw malformed({ provider: this.provider }, 'the response held no stream chunks (not an SSE stream?)');
          if (!finished) {
            throw new LlmError({
              kind: 'streamCut',
              message: `The connection to ${hostOf(this.provider.baseUrl)} closed in the middle of the answer${tally.receivedChars ? ` (after ${tally.receivedChars} characters)` : ''} — try again.`,
              actions: ['retry', 'showLog'], detail: 'stream ended without a finish_reason',
            });
          }
          completed = true;
          this.logger.debug(`stream finished after ${tally.receivedChars} characters`);
          return;
        } catch (error) {
          const failure = await this.explain(error, run, tally.model, tally.receivedChars);
          const mayRetry = tally.firstTokenAt === undefined && tally.receivedChars === 0;
          if (!mayRetry || (!this.adjustOutputBound(failure, bound) && !(await this.backOff(failure, tally, signal)))) {
            this.finish(tally, failure.kind === 'cancelled' ? 'cancelled' : 'error', failure);
            throw failure;
          }
        } finally {
          run.dispose();
        }
      }
    } finally {
      // The consumer stopped early (break/return): close the connection now.
      if (!completed && run && !run.signal.aborted) run.abort('cancelled');
      if (!completed && !tally.finished) this.finish(tally, 'stopped');
    }
  }

  /** A refused output bound the server says how to fix: true when the request should go again. */
  private adjustOutputBound(failure: LlmError, bound: OutputBound): boolean {
    if ((bound.adjustments ?? 0) >= 2) return false;
    const adjusted = this.outputParameter.learn(failure, bound.endpoint, bound.maxTokens);
    if (adjusted) bound.adjustments = (bound.adjustments ?? 0) + 1;
    if (adjusted) this.logger.info(`${hostOf(this.provider.baseUrl)} refused the output token bound; retrying as it says (${failure.detail ?? failure.message})`);
    return adjusted;
  }

  private deadlineOf(tally: Tally): number {
    return tally.startedAt + (this.options.timeouts.totalMs ?? defaultTotalMs);
  }

  /** Waits before the next attempt if the failure allows one; false when it does not. */
  private async backOff(failure: LlmError, tally: Tally, signal: AbortSignal | undefined): Promise<boolean> {
    const delay = retryDelay(failure, tally.attempts, this.policy);
    if (delay === undefined || signal?.aborted) return false;
    this.logger.warn(`${failure.kind} from ${hostOf(this.provider.baseUrl)} (attempt ${tally.attempts}); retrying in ${delay} ms`);
    try {
      await sleep(delay, signal);
      return true;
    } catch {
      return false;
    }
  }

  private async explain(error: unknown, run: RequestRun, model: string, receivedChars: number): Promise<LlmError> {
    const failure = classifyFailure(error, this.failureContext(run, model, receivedChars));
    if (failure.detail) this.logger.debug(`${failure.kind}: ${failure.detail}`);
    if (failure.kind !== 'modelNotFound') return failure;
    return describeMissingModel(failure, { provider: this.provider, model, listModels: () => this.listModels({ timeoutMs: 3_000 }) });
  }

  private failureContext(run: RequestRun, model: string | undefined, receivedChars: number) {
    return { provider: this.provider, model, timeouts: { ...this.options.timeouts, totalMs: this.options.timeouts.totalMs ?? defaultTotalMs }, trace: run.trace, abortReason: run.abortReason as AbortReason | undefined, receivedChars };
  }

  private malformedResponse(tally: Tally, detail: string): LlmError {
    const failure = malformed({ provider: this.provider }, detail);
    this.finish(tally, 'error', failure);
    return failure;
  }

  private finish(tally: Tally, outcome: RequestMetrics['outcome'], failure?: LlmError): RequestMetrics {
    const metrics = tallyMetrics(tally, this.provider.id, outcome, failure);
    tally.onMetrics?.(metrics);
    if (tally.endpoint !== 'models') {
      const line = formatMetrics(metrics);
      if (outcome === 'error') this.logger.warn(`${line} — ${failure?.message ?? ''}`);
      else this.logger.info(line);
      this.options.onMetrics?.(metrics);
    }
    return metrics;
  }
}
