import type { SymbolDefinition } from './fileSymbols';
import { searchTerms } from './identifiers';
import type { KnowledgeIndex } from './knowledgeIndex';
import type { SymbolKind } from './languages';

/** One definition found for a query, as the agent's `search_symbols` lists it. */
export interface SymbolMatch {
  path: string;
  /** 1-based line that names the definition (after its doc comment). */
  line: number;
  name: string;
  kind: SymbolKind;
  container?: string;
  /** The signature: the summary's lines from the one naming it (secrets already redacted at indexing). */
  signature: string;
  score: number;
  why: string;
}

export interface SymbolSearchOptions {
  limit?: number;
  /** Files in play: definitions in and around them rank higher (personalized PageRank). */
  focus?: readonly string[];
}

const kindWeight: Readonly<Record<SymbolKind, number>> = { class: 1, interface: 1, type: 1, function: 1, enum: 0.95, constant: 0.9, method: 0.85, macro: 0.8, variable: 0.7, module: 0.6 };
const signatureLines = 3;
/** A query name matching more definitions than this by substring is too vague to list them all. */
const maxNameMatches = 400;

/**
 * Definitions for a query: the name itself (`UserRepository`, `UserRepository.findById`, any
 * case), names that start with or contain it, then the definitions whose chunks match the query's
 * words (BM25, identifiers split); ranked by match quality, kind and the file's PageRank around
 * the focus files.
 */
export function searchSymbols(index: KnowledgeIndex, query: string, options: SymbolSearchOptions = {}): SymbolMatch[] {
  const limit = options.limit ?? 20;
  const trimmed = query.trim();
  if (trimmed === '') return [];
  const rank = index.ranks(options.focus ?? []);
  const found = new Map<string, SymbolMatch>();
  const offer = (path: string, definition: SymbolDefinition, quality: number, why: string) => {
    const score = quality * kindWeight[definition.kind] * (0.6 + 0.4 * rank(path));
    const key = `${path}#${definition.range.start}#${definition.name}`;
    const known = found.get(key);
    if (known && known.score >= score) return;
    found.set(key, { ...located(path, definition), score, why });
  };

  const qualified = /^([A-Za-z_$][\w$]*)(?:\.|::|#)([A-Za-z_$][\w$]*)$/.exec(trimmed);
  const name = qualified ? qualified[2]! : /^[A-Za-z_$][\w$]*$/.test(trimmed) ? trimmed : undefined;
  if (name) {
    const container = qualified?.[1];
    const lower = name.toLowerCase();
    // `Container.name`: the container's own member first, however many other files define `name`.
    if (container !== undefined) for (const ref of index.definitionsOf(name)) if (ref.definition.container === container) offer(ref.path, ref.definition, 5, 'name');
    let matches = 0;
    for (const candidate of index.names()) {
      const candidateLower = candidate.toLowerCase();
      const quality = candidate === name ? 4 : candidateLower === lower ? 3.5 : candidateLower.startsWith(lower) ? 2 : lower.length >= 3 && candidateLower.includes(lower) ? 1.5 : 0;
      if (quality === 0) continue;
      for (const ref of index.definitionsOf(candidate)) {
        const inContainer = container === undefined || ref.definition.container === container;
        if (!inContainer && quality < 3.5) continue;
        offer(ref.path, ref.definition, inContainer ? quality : quality / 2, quality >= 3.5 ? 'name' : 'name contains the query');
        if (++matches >= maxNameMatches) break;
      }
      if (matches >= maxNameMatches) break;
    }
  }
  // A full-text hit scores at most 1.2, an exact name at least 4 × 0.6 × 0.6: when exact names fill the list, the
  // full-text query (the costly part on a large index, where words like "load" match most chunks) cannot change it.
  // Likewise when names containing a query made only of common words ("options" on 20,000 files) fill it: scoring
  // such words means visiting most chunks (half a second), and their BM25 weight is the lowest there is.
  const exactNames = [...found.values()].filter((m) => m.why === 'name').length;
  const namesSuffice = exactNames >= limit || (found.size >= limit && index.onlyCommonTerms(trimmed));
  if (!namesSuffice && searchTerms(trimmed).length > 0) {
    const hits = index.searchChunks(trimmed, limit * 2);
    const best = hits[0]?.score ?? 1;
    for (const hit of hits) {
      const definition = hit.definition >= 0 ? index.file(hit.path)?.definitions[hit.definition] : undefined;
      if (definition) offer(hit.path, definition, 1.2 * (hit.score / best), `matches '${hit.matched.join(' ')}'`);
    }
  }
  return [...found.values()]
    .sort((a, b) => b.score - a.score || a.path.localeCompare(b.path) || a.line - b.line)
    .slice(0, limit);
}

/** Where a definition is named and its signature: the summary from the line naming it (the doc comment above left out). */
export function located(path: string, definition: SymbolDefinition): Omit<SymbolMatch, 'score' | 'why'> {
  const lines = definition.text.split('\n');
  const at = Math.max(0, lines.findIndex((l) => l.includes(definition.name)));
  const signature = lines.slice(at, at + signatureLines).map((l) => l.trimEnd()).join('\n').trim();
  return {
    path, line: definition.summary.start + at, name: definition.name, kind: definition.kind, signature,
    ...(definition.container !== undefined ? { container: definition.container } : {}),
  };
}
