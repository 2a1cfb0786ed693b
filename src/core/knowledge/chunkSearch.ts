import MiniSearch, { type AsPlainObject } from 'minisearch';
import type { FileSymbols } from './fileSymbols';
import { searchTerms } from './identifiers';

/** A symbol-bounded piece of a file that question words can find. */
export interface ChunkHit {
  path: string;
  /** The definition's index in its file's list; -1 for a file without definitions (its head). */
  definition: number;
  score: number;
  /** The question's terms it matched. */
  matched: string[];
}

/** A file's chunks waiting for the saved index, as saved: [path, [[id, text]...] or null for removed]. */
export type PendingChunks = [string, Array<[string, string]> | null];

interface ChunkDocument {
  /** `path#definition`. */
  id: string;
  text: string;
}

/** Terms indexed per chunk: enough for a long function's names, bounded for memory. */
const maxTermsPerChunk = 400;

/**
 * BM25 over chunks (minisearch): one chunk per definition — its name, its container's and its
 * file's path parts weighted up, and the identifiers of its body — and one for the head of a
 * file that defines nothing. Terms are identifiers split into their parts.
 *
 * A saved index given as JSON text is parsed on first use (a question, a save with changes, or
 * `load()` in idle time): completions never need it, and parsing it is most of a reopen's time.
 * Changes made before then wait, latest per file, and are applied when it is loaded.
 */
export class ChunkSearch {
  private search: MiniSearch<ChunkDocument> | undefined;
  private savedText: string | undefined;
  /** Per path, its new chunks (null: removed), while the saved index is not parsed yet. */
  private readonly pending = new Map<string, ChunkDocument[] | null>();

  /** `pending`: changes saved with a saved index that was never parsed (see pendingChanges). */
  constructor(saved?: AsPlainObject | string, pending?: readonly PendingChunks[]) {
    if (typeof saved === 'string') {
      this.savedText = saved;
      for (const [path, documents] of pending ?? []) this.pending.set(path, documents && documents.map(([id, text]) => ({ id, text })));
    } else this.search = saved ? MiniSearch.loadJS(saved, searchOptions) : new MiniSearch(searchOptions);
  }

  /**
   * The changes waiting for the saved index, to be saved beside its unchanged text: reopening a
   * workspace where a few files changed then saves without parsing the full-text index.
   */
  pendingChanges(): PendingChunks[] | undefined {
    if (this.search) return undefined;
    return [...this.pending].map(([path, documents]) => [path, documents && documents.map((d): [string, string] => [d.id, d.text])]);
  }

  get loaded(): boolean {
    return this.search !== undefined;
  }

  /** Replaces the file's chunks. `bodies[i]` is the text of definition i (or the head when there are none). */
  setFile(file: FileSymbols, bodies: readonly string[], _previous?: FileSymbols): void {
    const pathTerms = searchTerms(file.path.replace(/\.[^./]+$/, '')).join(' ');
    const documents: ChunkDocument[] = [];
    if (file.definitions.length === 0) {
      if (bodies[0]) documents.push({ id: chunkId(file.path, -1), text: `${pathTerms} ${bounded(bodies[0])}` });
    } else {
      file.definitions.forEach((def, i) => {
        const names = searchTerms(`${def.name} ${def.name} ${def.container ?? ''}`).join(' ');
        documents.push({ id: chunkId(file.path, i), text: `${names} ${pathTerms} ${bounded(bodies[i] ?? def.text)}` });
      });
    }
    if (!this.search) {
      this.pending.set(file.path, documents);
      return;
    }
    removeChunks(this.search, file.path);
    this.search.addAll(documents);
  }

  removeFile(file: FileSymbols): void {
    if (!this.search) this.pending.set(file.path, null);
    else removeChunks(this.search, file.path);
  }

  query(question: string, limit: number): ChunkHit[] {
    const asked = [...new Set(searchTerms(question))];
    if (asked.length === 0) return [];
    const search = this.load();
    const terms = distinctiveTerms(search, asked);
    return search.search(terms.join(' '), { combineWith: 'OR' }).slice(0, limit).map((r) => {
      const id = r.id as string;
      const at = id.lastIndexOf('#');
      return { path: id.slice(0, at), definition: Number(id.slice(at + 1)), score: r.score, matched: r.queryTerms };
    });
  }

  /** See distinctiveTerms: true when the index is large and every term of the question that it has is common. */
  onlyCommonTerms(question: string): boolean {
    const search = this.load();
    if (search.documentCount < commonTermFloor) return false;
    const counts = [...new Set(searchTerms(question))].map((term) => chunksWithTerm(search, term));
    const present = counts.filter((c) => c !== 0);
    return present.length > 0 && present.every((c) => c !== undefined && c > search.documentCount * commonTermShare);
  }

  /** Parses the saved index now (idle time), with the changes made meanwhile. A damaged one starts empty. */
  load(): MiniSearch<ChunkDocument> {
    if (this.search) return this.search;
    let search: MiniSearch<ChunkDocument>;
    try {
      search = MiniSearch.loadJSON(this.savedText ?? '', searchOptions);
    } catch {
      search = new MiniSearch(searchOptions);
    }
    this.savedText = undefined;
    for (const [path, documents] of this.pending) {
      removeChunks(search, path);
      if (documents) search.addAll(documents);
    }
    this.pending.clear();
    this.search = search;
    return search;
  }

  /** The saved form: the saved JSON text as it was while it is not parsed (with pendingChanges beside it). */
  toJSON(): AsPlainObject | string {
    if (!this.search && this.savedText !== undefined) return this.savedText;
    return this.load().toJSON();
  }
}

const searchOptions = {
  fields: ['text'],
  // No stored fields: the id says the path and the definition (a fifth of the saved index less).
  // The text is already terms: identifiers split and lower-cased by searchTerms.
  tokenize: (text: string) => text.split(' '),
  processTerm: (term: string) => (term === '' ? null : term),
  searchOptions: { tokenize: (text: string) => text.split(' '), processTerm: (term: string) => term },
};

/** Below this many chunks every term is searched: scoring them all is cheap. */
const commonTermFloor = 2_000;
/** A term in more than this share of the chunks says little about which to pick, and scoring it costs the most. */
const commonTermShare = 0.1;

/**
 * The question's terms without the ones most chunks have ("options", "get" in a large codebase):
 * scoring a term costs one step per chunk that has it, so a question over such words took seconds
 * on 20,000 files, while BM25 gives them the least weight. When every term is that common, the
 * rarest one is kept. Small indexes keep every term.
 */
export function distinctiveTerms(search: MiniSearch<ChunkDocument>, terms: readonly string[]): string[] {
  const chunks = search.documentCount;
  if (terms.length < 2 || chunks < commonTermFloor) return [...terms];
  const withCounts = terms.map((term) => ({ term, chunks: chunksWithTerm(search, term) }));
  if (withCounts.some((t) => t.chunks === undefined)) return [...terms]; // another minisearch layout: no pruning
  const present = withCounts.filter((t) => t.chunks! > 0); // a word no chunk has finds nothing: it is not "rare"
  if (present.length === 0) return [...terms];
  const distinctive = present.filter((t) => t.chunks! <= chunks * commonTermShare).map((t) => t.term);
  if (distinctive.length > 0) return distinctive;
  return [present.reduce((a, b) => (b.chunks! < a.chunks! ? b : a)).term];
}

/**
 * How many chunks hold the term, read from minisearch's inverted index (a protected field: its
 * public API has no document frequency). Undefined when the layout is not the one expected.
 */
function chunksWithTerm(search: MiniSearch<ChunkDocument>, term: string): number | undefined {
  const index = (search as unknown as { _index?: { get?: (term: string) => unknown } })._index;
  if (typeof index?.get !== 'function') return undefined;
  const fields = index.get(term);
  if (fields === undefined) return 0;
  if (!(fields instanceof Map)) return undefined;
  let most = 0;
  for (const documents of fields.values()) if (documents instanceof Map) most = Math.max(most, documents.size);
  return most;
}

function chunkId(path: string, definition: number): string {
  return `${path}#${definition}`;
}

/** A file's chunks are `path#-1` or `path#0..n-1`: removed without knowing n. */
function removeChunks(search: MiniSearch<ChunkDocument>, path: string): void {
  if (search.has(chunkId(path, -1))) search.discard(chunkId(path, -1));
  for (let i = 0; search.has(chunkId(path, i)); i++) search.discard(chunkId(path, i));
}

function bounded(body: string): string {
  return searchTerms(body).slice(0, maxTermsPerChunk).join(' ');
}
