// A model server's prompt (KV) cache, simulated: llama.cpp (`cache_prompt`), Ollama, vLLM and
// SGLang (prefix caching) keep what they computed for a slot's last prompt and reuse its longest
// common prefix with the next one, so only the tokens after it cost prompt-processing time. The
// fake counts 4 characters per token (tokens.ts), so a common prefix of N characters is N/4 tokens.
import { CHARS_PER_TOKEN, estimateTokens } from './tokens';

export interface PromptCacheOptions {
  /** Parallel slots per model (llama-server `--parallel`). Default 1. */
  slots?: number;
  /** Prompt-processing cost of each token not found in the cache. Default 4 ms (a CPU box). */
  msPerPromptToken?: number;
  /** Generation cost of each output token. Default 50 ms. */
  msPerGeneratedToken?: number;
  /**
   * Default false: the costs are only computed and reported (usage, timings, the recorded request),
   * so a benchmark replays quickly. true: the server also waits them out (time to first token and
   * token pacing), as the real server would.
   */
  realTime?: boolean;
}

export interface PromptCacheOutcome {
  /** Tokens of the prompt as the server tokenises it. */
  promptTokens: number;
  /** Tokens of its beginning the slot already held. */
  cachedTokens: number;
  /** The slot that served it (llama.cpp's `id_slot`). */
  slot: number;
  /** Simulated prompt-processing time: uncached tokens x msPerPromptToken. */
  promptMs: number;
}

interface Slot {
  text: string;
  usedAt: number;
}

export class PromptCacheSim {
  readonly msPerPromptToken: number;
  readonly msPerGeneratedToken: number;
  readonly realTime: boolean;
  readonly slotCount: number;
  private readonly slotsByModel = new Map<string, Slot[]>();
  private tick = 0;

  constructor(options: PromptCacheOptions) {
    this.slotCount = Math.max(1, Math.floor(options.slots ?? 1));
    this.msPerPromptToken = options.msPerPromptToken ?? 4;
    this.msPerGeneratedToken = options.msPerGeneratedToken ?? 50;
    this.realTime = options.realTime ?? false;
  }

  /**
   * Takes a prompt into a slot: the one whose cached prompt shares the longest prefix with it
   * (llama.cpp's slot similarity), else the least recently used. `reuse: false` is a request
   * with `cache_prompt: false`: nothing is reused, the slot still keeps the new prompt.
   */
  admit(model: string, text: string, reuse = true): PromptCacheOutcome {
    const slots = this.slotsFor(model);
    let best = 0;
    let bestShared = -1;
    slots.forEach((slot, index) => {
      const shared = commonPrefixLength(slot.text, text);
      const better = shared > bestShared || (shared === bestShared && slot.usedAt < (slots[best]?.usedAt ?? 0));
      if (better) [best, bestShared] = [index, shared];
    });
    const slot = slots[best] as Slot;
    const promptTokens = estimateTokens(text);
    const cachedTokens = reuse ? Math.min(promptTokens, Math.floor(Math.max(0, bestShared) / CHARS_PER_TOKEN)) : 0;
    slot.text = text;
    slot.usedAt = ++this.tick;
    return { promptTokens, cachedTokens, slot: best, promptMs: (promptTokens - cachedTokens) * this.msPerPromptToken };
  }

  clear(): void {
    this.slotsByModel.clear();
  }

  private slotsFor(model: string): Slot[] {
    let slots = this.slotsByModel.get(model);
    if (!slots) {
      slots = Array.from({ length: this.slotCount }, () => ({ text: '', usedAt: 0 }));
      this.slotsByModel.set(model, slots);
    }
    return slots;
  }
}

export function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
