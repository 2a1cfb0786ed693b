import { createIgnoreMatcher, eitherIgnores, type IgnoreMatcher } from '../context/ignoreRules';
import { completionBudget } from '../context/promptBudget';
import { isLlmError } from '../llm';
import { silentLogger, type Logger } from '../logger';
import { captureAnchor, sameLineSuffix, typedSince, type Anchor } from './anchor';
import { systemClock, wait, type Clock } from './clock';
import { CompletionCache, typedThrough, type CacheHit } from './completionCache';
import { ContextGatherer } from './contextGatherer';
import { captureCursorContext, type CursorContext } from './cursorContext';
import { DebouncePolicy } from './debouncePolicy';
import type { StopReason } from './earlyStop';
import { FailureBackoff } from './failureBackoff';
import { Flight, type AbortCause, type FlightOutcome } from './flight';
import { defaultCompletionTuning, type CompletionEngineOptions, type CompletionEvent, type CompletionModelClient, type CompletionTuning } from './engineOptions';
import { finishCompletionGuarded, toInsertion } from './postprocess/pipeline';
import { ContextRing } from './contextRing';
import { textBefore } from './documentText';
import { buildModelCall, type ModelCall } from './promptBuilder';
import { promptLayoutText, PromptReuseMeter, type PromptReuse } from './promptReuse';
import { ServerCacheReport } from './cacheReport';
import { CompletionStats } from './stats';
import { chooseFimStrategy, type FimStrategy } from './strategy';
import { streamAnswer, type StreamedAnswer } from './streamAnswer';
import { lineBreaks } from './text';
import type { CompletionItem, CompletionRequest, CompletionSource, Position } from './types';

/** Timing of one complete() call, for its overhead sample. */
interface CallTiming {
  calledAt: number;
  /** The debounce it was given (not the timer's lateness, which counts as overhead). */
  debounceMs: number;
}

/**
 * The inline-completion pipeline behind VS Code's InlineCompletionItemProvider: called on every
 * keystroke, it answers from the cache when it can (exact or typed-through: no debounce, no
 * network), otherwise debounces while it gathers context, sends one FIM request, streams it with
 * early stop, post-processes the result and caches it. At most one request is in flight: a
 * keystroke that does not extend along the streaming answer aborts it at once.
 */
export class CompletionEngine {
  readonly stats: CompletionStats;
  private readonly client: CompletionModelClient;
  private readonly model: string;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly tuning: CompletionTuning;
  private readonly ignore: IgnoreMatcher;
  private readonly cache = new CompletionCache();
  private readonly debounce: DebouncePolicy;
  private readonly gatherer: ContextGatherer;
  private readonly backoff = new FailureBackoff();
  private readonly ring = new ContextRing();
  private readonly reuse = new PromptReuseMeter();
  private readonly cacheReport: ServerCacheReport;
  /** The request each recent suggestion was served for: an accept continues from there. */
  private readonly servedFor = new Map<string, CompletionRequest>();
  private readonly emit: (event: CompletionEvent) => void;
  private strategy: FimStrategy;
  private flight: Flight | undefined;
  private nextRequestId = 1;
  /** complete() calls so far, and where the last one was: a prefetch gives way to a keystroke elsewhere. */
  private keystrokes = 0;
  private lastCall: { uri: string; position: Position } | undefined;
  private disposed = false;

  constructor(options: CompletionEngineOptions) {
    this.client = options.client;
    this.model = options.model ?? options.client.modelFor('completion');
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.stats = options.stats ?? new CompletionStats();
    this.cacheReport = new ServerCacheReport(this.stats);
    this.tuning = { ...defaultCompletionTuning, ...options.tuning };
    this.ignore = eitherIgnores(createIgnoreMatcher(), options.ignore);
    this.debounce = new DebouncePolicy(this.tuning.debounce);
    this.gatherer = new ContextGatherer(options.related, this.ignore, this.clock);
    this.emit = options.onEvent ?? (() => undefined);
    const choice = chooseFimStrategy(this.client.provider, this.model);
    this.strategy = choice.strategy;
    this.logger.info(`completions: ${choice.reason}`);
  }

  private setStrategy(strategy: FimStrategy, reason: string): void {
    this.strategy = strategy;
    this.logger.warn(`completions: ${reason}`);
    this.emit({ type: 'strategyChanged', strategy: strategy.kind, reason });
  }

  /** Requests in flight right now: 0 or 1. */
  get requestsInFlight(): number {
    return this.flight && !this.flight.finished ? 1 : 0;
  }

  get strategyKind(): FimStrategy['kind'] {
    return this.strategy.kind;
  }

  /**
   * Suggestions for the cursor, or undefined. `signal` is the provider's cancellation token: when
   * it aborts, this call returns undefined, but the request it started keeps streaming briefly in
   * case the next keystroke can use it.
   */
  async complete(request: CompletionRequest, signal?: AbortSignal): Promise<CompletionItem[] | undefined> {
    try {
      return await this.completeOrThrow(request, signal);
    } catch (error) {
      // A throwing provider makes VS Code log an error on every keystroke: log it here once, show nothing.
      this.logger.error(`completion failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    }
  }

  private async completeOrThrow(request: CompletionRequest, signal?: AbortSignal): Promise<CompletionItem[] | undefined> {
    const calledAt = this.clock.now();
    this.keystrokes++;
    this.lastCall = { uri: request.document.uri, position: request.position };
    this.debounce.recordKeystroke(calledAt);
    if (this.disposed || signal?.aborted || this.isIgnored(request)) return undefined;
    const anchor = captureAnchor(request.document, request.position);

    const hit = this.cache.lookup(request.document, request.position, anchor.before, anchor.lineSuffix);
    const served = hit && this.itemsFromHit(hit, request, anchor);
    if (served) {
      if (this.flight && !this.isAlong(this.flight, request, anchor)) this.abortFlight(this.flight, 'superseded');
      const latencyMs = this.clock.now() - calledAt;
      this.stats.hit(hit.kind, latencyMs);
      this.emit({ type: 'hit', kind: hit.kind, latencyMs });
      return served;
    }

    const current = this.flight;
    if (current && this.isAlong(current, request, anchor)) {
      this.stats.streamReused();
      this.emit({ type: 'streamReused', requestId: current.id });
      const items = await this.awaitFlight(current, request, anchor, signal, { calledAt, debounceMs: 0 }, 'reusedStream');
      if (items || signal?.aborted) return items;
      return this.request(request, anchor, signal, calledAt, 0); // the finished answer diverged from what was typed
    }
    if (current) this.abortFlight(current, 'superseded');
    if (this.backoff.isPaused(calledAt)) return undefined;

    const cursor = captureCursorContext(request);
    const debounceMs = this.debounce.delayFor({ atLineStart: cursor.linePrefix.trim() === '', explicit: request.triggerKind === 'explicit' });
    return this.request(request, anchor, signal, calledAt, debounceMs, cursor);
  }

  /** VS Code showed the item (handleDidShowCompletionItem). */
  shown(item: CompletionItem): void {
    this.stats.shown(item.suggestionId);
  }

  /**
   * The user accepted the whole item (the command attached to it ran, after the editor inserted
   * it). With prefetch on, the next suggestion is asked for at once at the new cursor position:
   * one request, which the next keystroke adopts or, if it goes elsewhere, aborts like any other.
   */
  accepted(item: CompletionItem): void {
    this.stats.accepted(item.suggestionId);
    if (this.tuning.prefetch) void this.prefetchAfter(item).catch((error: unknown) => this.logger.warn(`completion prefetch failed: ${String(error)}`));
  }

  /** The document closed: its cached suggestions go. */
  forgetDocument(uri: string): void {
    this.cache.forget(uri);
  }

  dispose(): void {
    this.disposed = true;
    if (this.flight) this.abortFlight(this.flight, 'disposed');
    this.cache.clear();
  }

  // ---- the request path ------------------------------------------------------------------

  private async request(
    request: CompletionRequest, anchor: Anchor, signal: AbortSignal | undefined,
    calledAt: number, debounceMs: number, cursor: CursorContext = captureCursorContext(request),
  ): Promise<CompletionItem[] | undefined> {
    // Context is gathered during the debounce, never after it (beyond a small floor).
    const contextWindowMs = Math.min(this.tuning.contextCapMs, Math.max(debounceMs, this.tuning.contextFloorMs));
    const prepared = this.prepareCall(request, cursor, calledAt + contextWindowMs, signal);
    if (!(await wait(this.clock, debounceMs, signal)) || this.disposed) return undefined;

    // A request that finished during the debounce may answer this keystroke after all...
    const late = this.cache.lookup(request.document, request.position, anchor.before, anchor.lineSuffix);
    const lateItems = late && this.itemsFromHit(late, request, anchor);
    if (lateItems) return lateItems;
    // ...or one started meanwhile (a prefetch after an accept) is already on its way here.
    const timing = { calledAt, debounceMs };
    if (this.flight && this.isAlong(this.flight, request, anchor)) return this.awaitFlight(this.flight, request, anchor, signal, timing, 'reusedStream');

    const call = await prepared;
    if (signal?.aborted || this.disposed) return undefined;
    if (this.flight) this.abortFlight(this.flight, 'superseded'); // another call started one meanwhile
    const flight = this.startFlight(call, anchor, cursor);
    return this.awaitFlight(flight, request, anchor, signal, timing, 'network');
  }

  /** Context within its deadline, then the request laid out for the strategy. */
  private async prepareCall(request: CompletionRequest, cursor: CursorContext, contextDeadline: number, signal: AbortSignal | undefined): Promise<ModelCall> {
    // A caching server re-reads the suffix at every new line (it follows the prefix): a smaller share keeps that cheap.
    const budget = completionBudget({ promptTokens: this.promptTokens(cursor), ...(this.tuning.stableLayout ? { suffixShare: 0.1 } : {}) });
    const gathered = await this.gatherer.gather(request.document, cursor, budget.relatedChars, contextDeadline, signal, request.position);
    const snippets = this.tuning.stableLayout ? this.ring.arrange(gathered, budget.relatedChars, request.document.relativePath, this.clock.now()) : gathered;
    return buildModelCall({
      request, cursor, strategy: this.strategy, snippets, budget, stableLayout: this.tuning.stableLayout, infillMaxPredictMs: this.tuning.infillMaxPredictMs,
      maxTokens: cursor.mode === 'singleLine' ? this.tuning.maxTokensSingleLine : this.tuning.maxTokensMultiLine,
    });
  }

  /** See accepted(). Nothing is sent when the editor has not inserted the text, or something already answers there. */
  private async prefetchAfter(item: CompletionItem): Promise<void> {
    const served = this.servedFor.get(item.suggestionId);
    if (!served || this.disposed) return;
    const position = endOfInsertion(item);
    const { document } = served;
    if (position.line >= document.lineCount || textBefore(document, position, item.insertText.length) !== item.insertText) return;
    const request: CompletionRequest = { ...served, position, triggerKind: 'automatic' };
    const anchor = captureAnchor(document, position);
    if (this.cache.lookup(document, position, anchor.before, anchor.lineSuffix)) return;
    if (this.flight && this.isAlong(this.flight, request, anchor)) return;
    if (this.backoff.isPaused(this.clock.now())) return;
    const cursor = captureCursorContext(request);
    const keystrokes = this.keystrokes;
    const call = await this.prepareCall(request, cursor, this.clock.now(), undefined); // only context already at hand
    // A keystroke elsewhere since the accept asks for what it needs itself; the editor's own call
    // at the new position (it asks again after every accept) will adopt this request instead.
    const movedOn = keystrokes !== this.keystrokes && (this.lastCall?.uri !== document.uri || this.lastCall.position.line !== position.line || this.lastCall.position.character !== position.character);
    if (this.disposed || movedOn) return;
    if (this.flight && this.isAlong(this.flight, request, anchor)) return;
    if (this.flight) this.abortFlight(this.flight, 'superseded');
    this.startFlight(call, anchor, cursor, true);
  }

  private promptTokens(cursor: CursorContext): number {
    const answer = cursor.mode === 'singleLine' ? this.tuning.maxTokensSingleLine : this.tuning.maxTokensMultiLine;
    return Math.max(256, Math.min(this.tuning.maxPromptTokens, this.client.provider.contextWindow - answer - 64));
  }

  private startFlight(call: ModelCall, anchor: Anchor, cursor: CursorContext, prefetch = false): Flight {
    const flight = new Flight(this.nextRequestId++, anchor, cursor, this.clock);
    flight.prefetch = prefetch;
    this.flight = flight;
    const layout = promptLayoutText(call);
    const reuse = this.reuse.measure(this.model, layout);
    this.stats.requestSent(reuse, prefetch);
    this.emit({ type: 'requestStarted', requestId: flight.id, strategy: this.strategy.kind, promptChars: layout.length, promptTokens: reuse.promptTokens, reusedPromptTokens: reuse.reusedTokens, prefetch });
    flight.done = this.run(flight, call, reuse);
    return flight;
  }

  /** Streams the answer (stopped as soon as the stop rules say), post-processes and caches it. */
  private async run(flight: Flight, call: ModelCall, reuse: PromptReuse): Promise<FlightOutcome> {
    const strategy = this.strategy;
    const startedAt = this.clock.now();
    const finish = (status: FlightOutcome['status'], endedAt: number, extra: { entry?: FlightOutcome['entry']; stopReason?: StopReason } = {}): FlightOutcome => {
      flight.finished = true;
      flight.cancelOrphanTimer();
      this.debounce.recordRequest(flight.abortCause === 'superseded');
      if (this.flight === flight) this.flight = undefined;
      this.emit({ type: 'requestFinished', requestId: flight.id, status, stopReason: extra.stopReason, modelMs: endedAt - startedAt });
      return { status, entry: extra.entry, modelStartedAt: startedAt, modelEndedAt: endedAt };
    };

    let answer: StreamedAnswer;
    try {
      answer = await streamAnswer(call, flight.cursor, {
        client: this.client, model: this.model, temperature: this.tuning.temperature, maxLines: this.tuning.maxLines,
        clock: this.clock, signal: flight.controller.signal, onText: (text) => (flight.streamed = text),
        onMetrics: (metrics) => this.cacheReport.ended(metrics, reuse),
      });
    } catch (error) {
      if (flight.abortCause !== undefined || (isLlmError(error, 'cancelled') && flight.controller.signal.aborted)) return finish('aborted', this.clock.now());
      this.failed(flight, strategy, error);
      return finish('failed', this.clock.now());
    }
    this.backoff.succeeded();
    const { text, guard } = finishCompletionGuarded(answer.text, flight.cursor, this.tuning.maxLines);
    if (guard === 'trimmed' || guard === 'dropped') this.stats.guarded(guard);
    if (text === undefined) {
      this.stats.emptyResult();
      return finish('empty', answer.endedAt, answer);
    }
    const entry = { id: this.stats.newSuggestionId(), anchor: flight.anchor, text, ...(flight.prefetch ? { prefetched: true } : {}) };
    this.cache.store(entry);
    return finish('completed', answer.endedAt, { ...answer, entry });
  }

  private failed(flight: Flight, strategy: FimStrategy, error: unknown): void {
    this.stats.error();
    if (!isLlmError(error)) {
      this.logger.warn(`completion request failed: ${String(error)}`);
      return;
    }
    this.emit({ type: 'requestFailed', requestId: flight.id, error });
    this.backoff.failed(error, this.clock.now());
    // vLLM and llama.cpp reject the `suffix` parameter: chat fallback for this model, unless the
    // server turns out to be llama.cpp, whose own /infill is far better than a chat prompt.
    if (strategy.kind === 'suffix' && error.kind === 'badRequest' && /suffix/i.test(`${error.message} ${error.detail ?? ''}`)) {
      this.setStrategy({ kind: 'chat' }, `${this.client.provider.label} rejected the suffix parameter: chat fallback from now on`);
      if (this.client.provider.fimMode === 'auto') void this.client.detectServer?.().then((flavour) => {
        if (flavour === 'llamacpp' && this.strategy.kind === 'chat' && !this.disposed) this.setStrategy({ kind: 'infill' }, `${this.client.provider.label} is a llama.cpp server: its native /infill from now on`);
      });
    }
  }

  // ---- waiting, reuse, abort -------------------------------------------------------------

  private async awaitFlight(
    flight: Flight, request: CompletionRequest, anchor: Anchor, signal: AbortSignal | undefined,
    timing: CallTiming, source: CompletionSource,
  ): Promise<CompletionItem[] | undefined> {
    flight.waiters++;
    flight.cancelOrphanTimer();
    const outcome = await untilAborted(flight.done, signal);
    flight.waiters--;
    if (outcome === undefined) {
      if (flight.waiters === 0 && !flight.finished) flight.orphan(this.tuning.orphanGraceMs, () => this.abortFlight(flight, 'abandoned'));
      return undefined;
    }
    if (outcome.status !== 'completed' || !outcome.entry) return undefined;
    const hit = typedThrough(outcome.entry, request.document, request.position, anchor.lineSuffix);
    const items = hit && this.itemsFor(hit.remaining, request, hit.entry.id, source, hit.entry.prefetched);
    if (items) {
      const now = this.clock.now();
      const modelMs = outcome.modelEndedAt - Math.max(outcome.modelStartedAt, timing.calledAt);
      const overheadMs = Math.max(0, now - timing.calledAt - timing.debounceMs - modelMs);
      this.stats.completed(modelMs, overheadMs);
      this.emit({ type: 'completed', requestId: flight.id, debounceMs: timing.debounceMs, modelMs, overheadMs });
    }
    return items;
  }

  /** The keystroke extends along what the flight has streamed (or is at the same place). */
  private isAlong(flight: Flight, request: CompletionRequest, anchor: Anchor): boolean {
    if (flight.finished || flight.controller.signal.aborted) return false;
    if (!sameLineSuffix(flight.anchor.lineSuffix, anchor.lineSuffix)) return false;
    const typed = typedSince(flight.anchor, request.document, request.position, lineBreaks(flight.streamed));
    return typed !== undefined && flight.streamed.startsWith(typed);
  }

  private abortFlight(flight: Flight, cause: AbortCause): void {
    if (!flight.abort(cause)) return;
    if (this.flight === flight) this.flight = undefined;
    this.stats.requestAborted();
    this.emit({ type: 'requestAborted', requestId: flight.id, cause });
  }

  private itemsFromHit(hit: CacheHit, request: CompletionRequest, anchor: Anchor): CompletionItem[] | undefined {
    if (!sameLineSuffix(hit.entry.anchor.lineSuffix, anchor.lineSuffix)) return undefined;
    return this.itemsFor(hit.remaining, request, hit.entry.id, hit.kind, hit.entry.prefetched);
  }

  private itemsFor(text: string, request: CompletionRequest, suggestionId: string, source: CompletionSource, prefetched = false): CompletionItem[] | undefined {
    const { position, document } = request;
    const line = document.lineText(position.line);
    const insertion = toInsertion(text, { linePrefix: line.slice(0, position.character), lineSuffix: line.slice(position.character) });
    if (!insertion) return undefined;
    const end: Position = { line: position.line, character: position.character + insertion.replaceLength };
    this.servedFor.delete(suggestionId);
    this.servedFor.set(suggestionId, request);
    if (this.servedFor.size > 16) this.servedFor.delete(this.servedFor.keys().next().value as string);
    if (prefetched) this.stats.prefetchServed(suggestionId);
    return [{ insertText: insertion.insertText, range: { start: position, end }, suggestionId, source, ...(prefetched ? { prefetched } : {}) }];
  }

  private isIgnored(request: CompletionRequest): boolean {
    const path = request.document.relativePath ?? request.document.uri.slice(request.document.uri.lastIndexOf('/') + 1);
    return this.ignore.isIgnored(path);
  }
}

/** Where the cursor is once the editor has inserted the item (it replaced `range`). */
function endOfInsertion(item: CompletionItem): Position {
  const lines = item.insertText.split('\n');
  const last = lines[lines.length - 1] ?? '';
  const { start } = item.range;
  return lines.length === 1 ? { line: start.line, character: start.character + last.length } : { line: start.line + lines.length - 1, character: last.length };
}

/** The promise's value, or undefined as soon as the signal aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then((value) => {
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    }, () => resolve(undefined));
  });
}
