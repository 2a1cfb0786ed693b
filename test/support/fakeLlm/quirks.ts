// What differs between OpenAI-compatible servers, as data. The renderers and the request handler
// read a QuirkSpec and never ask which server they are imitating. Each profile lives in its own
// file with the source of every behaviour (see README.md for the summary table).
import type { QuirkProfile } from './types';
import type { HttpErrorResponse } from './errorShapes';
import type { AnswerPlan, Usage } from './answerPlan';
import type { JsonObject } from './requestView';
import { openAiQuirks } from './quirkOpenai';
import { ollamaQuirks } from './quirkOllama';
import { vllmQuirks } from './quirkVllm';
import { llamaCppQuirks } from './quirkLlamacpp';
import { lmStudioQuirks } from './quirkLmstudio';

export interface ErrorVocabulary {
  /** The body of a scripted status fault that has none. `model` names the requested model. */
  forStatus(status: number, model: string | undefined): unknown;
  modelNotFound(model: string, available: readonly string[]): HttpErrorResponse;
  /** `presentedKey` is undefined when the request carried no key at all. */
  unauthorized(presentedKey: string | undefined): HttpErrorResponse;
  invalidJson(rawBody: string): HttpErrorResponse;
  missingParameter(name: string): HttpErrorResponse;
  unknownRoute(method: string, path: string): HttpErrorResponse;
}

export type SuffixSupport =
  | { mode: 'supported' }
  /** The request succeeds but the suffix plays no part in the answer (rules see no suffix). */
  | { mode: 'ignored' }
  | { mode: 'rejected'; error: () => HttpErrorResponse };

export interface QuirkSpec {
  readonly name: QuirkProfile;
  readonly sseContentType: string;
  /**
   * When a stream reports usage:
   * - whenRequested: a final `choices: []` chunk, only with `stream_options.include_usage: true`;
   * - whenStreamOptionsPresent: the same, but include_usage defaults to true once stream_options is sent;
   * - never.
   */
  readonly streamUsage: 'whenRequested' | 'whenStreamOptionsPresent' | 'never';
  /** OpenAI writes `usage: null` on every other chunk when the usage chunk is coming. */
  readonly usageNullOnOtherChunks: boolean;
  /**
   * Where `role: 'assistant'` goes: a chunk of its own first (with `firstChunkDelta`), merged into
   * the first content delta, or repeated on every delta.
   */
  readonly roleDelta: 'ownFirstChunk' | 'withFirstContent' | 'everyChunk';
  readonly firstChunkDelta: JsonObject;
  /** The delta of the chunk that carries finish_reason. */
  readonly finishDelta: JsonObject;
  /** Tool calls as id+name then argument fragments, or each call whole in one delta. */
  readonly toolCallStreaming: 'fragments' | 'whole';
  readonly suffix: SuffixSupport;
  /** An unknown `model`: an error, served anyway, or served anyway while only one model is loaded. */
  readonly unknownModel: 'reject' | 'acceptAny' | 'acceptWhenSingleModel';
  chatId(): string;
  completionId(): string;
  toolCallId(): string;
  /** Fields every response object and chunk carries besides id/object/created/model/choices. */
  responseExtras(model: string): JsonObject;
  /** Extra fields of a non-streamed chat `message`. */
  readonly messageExtras: JsonObject;
  /** Extra fields of the choice that finishes (e.g. vLLM's `stop_reason`). */
  finishChoiceExtras(plan: AnswerPlan): JsonObject;
  /** Extra fields on the last chunk before [DONE] / the non-streamed response (e.g. llama.cpp's `timings`). */
  finalExtras(plan: AnswerPlan, elapsedMs: number, simulatedPromptMs?: number): JsonObject;
  usage(usage: Usage): JsonObject;
  modelEntry(id: string, created: number): JsonObject;
  responseHeaders(): Record<string, string>;
  readonly errors: ErrorVocabulary;
}

const PROFILES: Record<QuirkProfile, QuirkSpec> = {
  openai: openAiQuirks,
  ollama: ollamaQuirks,
  vllm: vllmQuirks,
  llamacpp: llamaCppQuirks,
  lmstudio: lmStudioQuirks,
};

export const QUIRK_PROFILES = Object.keys(PROFILES) as QuirkProfile[];

export function quirksFor(profile: QuirkProfile): QuirkSpec {
  return PROFILES[profile];
}

export function isQuirkProfile(name: string): name is QuirkProfile {
  return Object.prototype.hasOwnProperty.call(PROFILES, name);
}

/** How this stream reports usage, given the profile and what the request asked for. */
export type StreamUsageMode = 'none' | 'separateChunk';

export function resolveStreamUsage(quirks: QuirkSpec, includeUsage: boolean | undefined, streamOptionsPresent: boolean): StreamUsageMode {
  switch (quirks.streamUsage) {
    case 'whenRequested':
      return includeUsage === true ? 'separateChunk' : 'none';
    case 'whenStreamOptionsPresent':
      return streamOptionsPresent && includeUsage !== false ? 'separateChunk' : 'none';
    case 'never':
      return 'none';
  }
}
