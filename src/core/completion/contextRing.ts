/** A piece of another file for the prompt, from any source (related files, the codebase index...). */
export interface ContextChunk {
  /** Workspace-relative path, '/'-separated. */
  path: string;
  text: string;
}

interface Held<T extends ContextChunk> {
  key: string;
  chunk: T;
  cost: number;
  usedAt: number;
}

/** What a chunk costs in the prompt: its text, its path and the separators around them. */
export const chunkCost = (chunk: ContextChunk): number => chunk.text.length + chunk.path.length + 16;

/**
 * The context chunks of completion prompts, kept in a stable order so that a model server's prompt
 * cache (llama.cpp `cache_prompt`, vLLM/SGLang/Ollama prefix caching) can reuse them: a chunk keeps
 * its place for as long as it stays, new chunks are appended at the end, and when the budget is
 * full the least recently selected chunks leave. Requests send the whole ring, not only the
 * chunks chosen for this keystroke: re-ranking per keystroke would reshuffle the start of every
 * prompt and make the server read it all again.
 *
 * Any change to the ring costs the server a re-read of everything after it (the whole file prefix),
 * so new chunks wait in a queue and join at most once per `refreshMs` (at once while the ring is
 * empty), the way llama.vscode moves its queued chunks into its ring on a timer.
 */
export class ContextRing<T extends ContextChunk = ContextChunk> {
  private held: Array<Held<T>> = [];
  private queued: Array<Held<T>> = [];
  private tick = 0;
  private refreshedAt = -Infinity;

  constructor(private readonly refreshMs = 60_000, private readonly maxChunks = 16) {}

  /**
   * Takes this request's chunks (any order, any source) and returns the ring's chunks in their
   * stable order within `maxChars`, leaving out those of `currentPath` (its text is in the prefix).
   * `now`: the engine clock's ms.
   */
  arrange(selected: readonly T[], maxChars: number, currentPath: string | undefined, now: number): T[] {
    const tick = ++this.tick;
    for (const chunk of selected) {
      const key = `${chunk.path}\u0000${chunk.text}`;
      const existing = this.held.find((h) => h.key === key) ?? this.queued.find((h) => h.key === key);
      if (existing) existing.usedAt = tick;
      else this.queued.push({ key, chunk, cost: chunkCost(chunk), usedAt: tick });
    }
    if (this.queued.length > 0 && (this.held.length === 0 || now - this.refreshedAt >= this.refreshMs)) {
      this.held.push(...this.queued.sort((a, b) => a.usedAt - b.usedAt)); // the latest selected last
      this.queued = [];
      this.refreshedAt = now;
      this.evictBeyond(maxChars);
    }
    if (this.queued.length > this.maxChunks) this.queued.splice(0, this.queued.length - this.maxChunks);
    return this.held.filter((h) => h.chunk.path !== currentPath).map((h) => h.chunk);
  }

  get size(): number {
    return this.held.length;
  }

  clear(): void {
    this.held = [];
    this.queued = [];
    this.refreshedAt = -Infinity;
  }

  /** Least recently selected first; the chunks selected just now only when nothing else is left. */
  private evictBeyond(maxChars: number): void {
    let total = this.held.reduce((sum, h) => sum + h.cost, 0);
    while (this.held.length > 0 && (total > maxChars || this.held.length > this.maxChunks)) {
      let victim = 0;
      this.held.forEach((h, i) => {
        if (h.usedAt < (this.held[victim]?.usedAt ?? Infinity)) victim = i;
      });
      total -= this.held[victim]?.cost ?? 0;
      this.held.splice(victim, 1);
    }
  }
}
