import type { IgnoreMatcher } from '../context/ignoreRules';
import type { RelatedContextSource } from '../context/relatedFiles';
import type { LlmClient, LlmError } from '../llm';
import type { Logger } from '../logger';
import type { Clock } from './clock';
import { defaultDebounceTuning, type DebounceTuning } from './debouncePolicy';
import type { StopReason } from './earlyStop';
import type { AbortCause, FlightOutcome } from './flight';
import type { CompletionStats } from './stats';
import type { FimStrategy } from './strategy';

/** The parts of LlmClient the engine uses (a narrower type keeps it easy to reason about). */
export type CompletionModelClient = Pick<LlmClient, 'provider' | 'modelFor' | 'streamCompletion' | 'streamChat' | 'streamInfill'> & Partial<Pick<LlmClient, 'detectServer'>>;

export interface CompletionTuning {
  debounce: DebounceTuning;
  /** Prompt size cap: small local models answer fastest with a short prompt. */
  maxPromptTokens: number;
  maxTokensSingleLine: number;
  maxTokensMultiLine: number;
  /** Lines a multi-line suggestion may have. */
  maxLines: number;
  /** Related-context gathering ends by this long after the keystroke at the latest... */
  contextCapMs: number;
  /** ...and is given at least this long (an explicit request has no debounce to hide it in). */
  contextFloorMs: number;
  /** How long a request nobody waits for anymore may live, for the next keystroke to adopt it. */
  orphanGraceMs: number;
  temperature: number;
  /**
   * Prompts laid out for a caching server: context chunks in a stable ring, then a prefix window
   * whose start moves in steps (default). false: the old sliding layout, for comparison.
   */
  stableLayout: boolean;
  /** After a whole suggestion is accepted, ask for the next one at once (one request, cancelled by typing). */
  prefetch: boolean;
  /** llama.cpp /infill `t_max_predict_ms`: the answer ends at the first line break after this long. */
  infillMaxPredictMs: number;
}

export const defaultCompletionTuning: CompletionTuning = {
  debounce: defaultDebounceTuning,
  maxPromptTokens: 2_048,
  maxTokensSingleLine: 64,
  maxTokensMultiLine: 256,
  maxLines: 16,
  contextCapMs: 50,
  contextFloorMs: 5,
  orphanGraceMs: 250,
  temperature: 0,
  stableLayout: true,
  prefetch: true,
  infillMaxPredictMs: 1_500,
};

/** What happened, for the log, the status bar and the benchmark. Times are the engine clock's ms. */
export type CompletionEvent =
  | { type: 'hit'; kind: 'cache' | 'typedThrough'; latencyMs: number }
  | { type: 'requestStarted'; requestId: number; strategy: FimStrategy['kind']; promptChars: number; promptTokens: number; reusedPromptTokens: number; prefetch: boolean }
  | { type: 'streamReused'; requestId: number }
  | { type: 'requestAborted'; requestId: number; cause: AbortCause }
  | { type: 'requestFinished'; requestId: number; status: FlightOutcome['status']; stopReason?: StopReason; modelMs: number }
  | { type: 'completed'; requestId: number; debounceMs: number; modelMs: number; overheadMs: number }
  | { type: 'requestFailed'; requestId: number; error: LlmError }
  | { type: 'strategyChanged'; strategy: FimStrategy['kind']; reason: string };

export interface CompletionEngineOptions {
  client: CompletionModelClient;
  /** Defaults to the provider's completion model. */
  model?: string;
  /** Related files (imports, recent edits, open editors); none when omitted. */
  related?: RelatedContextSource;
  /** The user's ignore rules; the sensitive-file list (.env, keys) always applies on top. */
  ignore?: IgnoreMatcher;
  clock?: Clock;
  stats?: CompletionStats;
  logger?: Logger;
  tuning?: Partial<CompletionTuning>;
  onEvent?: (event: CompletionEvent) => void;
}
