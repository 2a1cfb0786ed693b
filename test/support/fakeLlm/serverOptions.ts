// Option defaults and validation, so a typo in a test or a CLI flag fails loudly at the call that
// made it instead of as a strange response later.
import type { FakeServerOptions, QuirkProfile } from './types';
import type { PromptCacheOptions } from './promptCache';
import { isQuirkProfile } from './quirks';

export const DEFAULT_MODELS: readonly string[] = ['fake-chat', 'fake-coder'];
export const DEFAULT_CHUNK_SIZE = 4;

/** The knobs that may change between tests (host, port and rules are handled by the server). */
export interface Knobs {
  models: string[];
  ttftMs: number;
  tokensPerSecond: number | undefined;
  chunkSize: number;
  quirks: QuirkProfile;
  requireApiKey: string | undefined;
  promptCache: PromptCacheOptions | undefined;
}

export function knobsFrom(options: FakeServerOptions): Knobs {
  return applyKnobPatch(
    { models: [...DEFAULT_MODELS], ttftMs: 0, tokensPerSecond: undefined, chunkSize: DEFAULT_CHUNK_SIZE, quirks: 'openai', requireApiKey: undefined, promptCache: undefined },
    options,
  );
}

/** A key present in `patch` (even as undefined) replaces the knob; undefined means its default. */
export function applyKnobPatch(current: Knobs, patch: Partial<FakeServerOptions>): Knobs {
  const next = { ...current };
  if ('models' in patch) next.models = patch.models === undefined ? [...DEFAULT_MODELS] : [...patch.models];
  if ('ttftMs' in patch) next.ttftMs = patch.ttftMs ?? 0;
  if ('tokensPerSecond' in patch) next.tokensPerSecond = patch.tokensPerSecond === 0 ? undefined : patch.tokensPerSecond;
  if ('chunkSize' in patch) next.chunkSize = patch.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if ('quirks' in patch) next.quirks = patch.quirks ?? 'openai';
  if ('requireApiKey' in patch) next.requireApiKey = patch.requireApiKey;
  if ('promptCache' in patch) next.promptCache = patch.promptCache === undefined ? undefined : { ...patch.promptCache };
  validate(next);
  return next;
}

function validate(knobs: Knobs): void {
  if (knobs.models.length === 0) throw new RangeError('fake-llm: models must name at least one model');
  if (!Number.isFinite(knobs.ttftMs) || knobs.ttftMs < 0) throw new RangeError(`fake-llm: ttftMs must be >= 0, got ${knobs.ttftMs}`);
  if (knobs.tokensPerSecond !== undefined && !(knobs.tokensPerSecond > 0)) {
    throw new RangeError(`fake-llm: tokensPerSecond must be > 0 (or 0/undefined for no pacing), got ${knobs.tokensPerSecond}`);
  }
  if (!Number.isInteger(knobs.chunkSize) || knobs.chunkSize < 1) throw new RangeError(`fake-llm: chunkSize must be an integer >= 1, got ${knobs.chunkSize}`);
  const cache = knobs.promptCache;
  for (const key of ['slots', 'msPerPromptToken', 'msPerGeneratedToken'] as const) {
    const value = cache?.[key];
    if (value !== undefined && !(Number.isFinite(value) && value >= (key === 'slots' ? 1 : 0))) throw new RangeError(`fake-llm: promptCache.${key} must be a number >= ${key === 'slots' ? 1 : 0}, got ${value}`);
  }
  if (!isQuirkProfile(knobs.quirks)) throw new RangeError(`fake-llm: unknown quirk profile "${String(knobs.quirks)}"`);
}
