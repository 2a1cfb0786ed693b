import { sameLineSuffix, typedSince, type Anchor } from './anchor';
import { lineBreaks } from './text';
import type { CompletionDocument, Position } from './types';

export interface CacheEntry {
  /** The suggestion's id: stays the same for every item served from it. */
  id: string;
  anchor: Anchor;
  /** The finished completion at the anchor (before fitting to the text after the cursor). */
  text: string;
  /** Asked for right after an accept, before any keystroke did. */
  prefetched?: boolean;
}

export interface CacheHit {
  entry: CacheEntry;
  /** 'cache': same place as the entry; 'typedThrough': the user typed the start of the suggestion. */
  kind: 'cache' | 'typedThrough';
  /** What is left of the suggestion at the cursor. */
  remaining: string;
}

/**
 * Finished suggestions, looked up before anything else on every keystroke:
 * - exact: the same text before the cursor (up to 1,000 characters) and an equivalent rest of
 *   line — e.g. after backspacing to a place seen before;
 * - typed-through: the user typed characters that match the start of a suggestion made a little
 *   earlier in this document; the rest of it is served at once.
 * Both are a map lookup plus a few short string comparisons, independent of the file size.
 */
export class CompletionCache {
  private readonly exact = new Map<string, CacheEntry>();
  private readonly recent = new Map<string, CacheEntry[]>();

  constructor(private readonly maxEntries = 200, private readonly recentPerDocument = 8) {}

  store(entry: CacheEntry): void {
    const key = exactKey(entry.anchor.uri, entry.anchor.before, entry.anchor.lineSuffix);
    this.exact.delete(key);
    this.exact.set(key, entry);
    if (this.exact.size > this.maxEntries) {
      const oldest = this.exact.keys().next();
      if (!oldest.done) this.exact.delete(oldest.value);
    }
    const list = this.recent.get(entry.anchor.uri) ?? [];
    list.unshift(entry);
    if (list.length > this.recentPerDocument) list.length = this.recentPerDocument;
    this.recent.set(entry.anchor.uri, list);
  }

  lookup(doc: CompletionDocument, position: Position, before: string, lineSuffix: string): CacheHit | undefined {
    const exact = this.exact.get(exactKey(doc.uri, before, lineSuffix));
    if (exact && exact.text.trim() !== '') return { entry: exact, kind: 'cache', remaining: exact.text };
    for (const entry of this.recent.get(doc.uri) ?? []) {
      const hit = typedThrough(entry, doc, position, lineSuffix);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Forget a document's suggestions (closed, or its text replaced wholesale). */
  forget(uri: string): void {
    this.recent.delete(uri);
    for (const [key, entry] of this.exact) if (entry.anchor.uri === uri) this.exact.delete(key);
  }

  clear(): void {
    this.exact.clear();
    this.recent.clear();
  }
}

/** The rest of `entry` when the user typed its beginning (or nothing yet) at `position`. */
export function typedThrough(entry: CacheEntry, doc: CompletionDocument, position: Position, lineSuffix: string): CacheHit | undefined {
  if (!sameLineSuffix(entry.anchor.lineSuffix, lineSuffix)) return undefined;
  const typed = typedSince(entry.anchor, doc, position, lineBreaks(entry.text));
  if (typed === undefined || !entry.text.startsWith(typed)) return undefined;
  const remaining = entry.text.slice(typed.length);
  if (remaining.trim() === '') return undefined;
  return { entry, kind: typed === '' ? 'cache' : 'typedThrough', remaining };
}

function exactKey(uri: string, before: string, lineSuffix: string): string {
  // Closers-only rests of line (auto-inserted `)`) are interchangeable; anything else must match.
  const suffix = sameLineSuffix(lineSuffix, '') ? '' : lineSuffix;
  return `${uri}\u0000${before}\u0000${suffix}`;
}

