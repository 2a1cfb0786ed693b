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

interface ChunkDocument {
  id: string;
  path: string;
  definition: number;
  text: string;
}

/** Terms indexed per chunk: enough for a long function's names, bounded for memory. */
const maxTermsPerChunk = 400;

/**
 * BM25 over chunks (minisearch): one chunk per definition — its name, its container's and its
 * file's path parts weighted up, and the identifiers of its body — and one for the head of a
 * file that defines nothing. Terms are identifiers split into their parts.
 */
export class ChunkSearch {
  private search: MiniSearch<ChunkDocument>;

  constructor(saved?: AsPlainObject) {
    this.search = saved ? MiniSearch.loadJS(saved, searchOptions) : new MiniSearch(searchOptions);
  }

  /** Replaces the file's chunks. `bodies[i]` is the text of definition i (or the head when there are none). */
  setFile(file: FileSymbols, bodies: readonly string[], previous?: FileSymbols): void {
    if (previous) this.removeFile(previous);
    const pathTerms = searchTerms(file.path.replace(/\.[^./]+$/, '')).join(' ');
    const documents: ChunkDocument[] = [];
    if (file.definitions.length === 0) {
      if (bodies[0]) documents.push({ id: chunkId(file.path, -1), path: file.path, definition: -1, text: `${pathTerms} ${bounded(bodies[0])}` });
    } else {
      file.definitions.forEach((def, i) => {
        const names = searchTerms(`${def.name} ${def.name} ${def.container ?? ''}`).join(' ');
        documents.push({ id: chunkId(file.path, i), path: file.path, definition: i, text: `${names} ${pathTerms} ${bounded(bodies[i] ?? def.text)}` });
      });
    }
    this.search.addAll(documents);
  }

  removeFile(file: FileSymbols): void {
    const ids = file.definitions.length === 0 ? [chunkId(file.path, -1)] : file.definitions.map((_, i) => chunkId(file.path, i));
    for (const id of ids) if (this.search.has(id)) this.search.discard(id);
  }

  query(question: string, limit: number): ChunkHit[] {
    const terms = [...new Set(searchTerms(question))];
    if (terms.length === 0) return [];
    return this.search.search(terms.join(' '), { combineWith: 'OR' }).slice(0, limit).map((r) => ({
      path: r['path'] as string, definition: r['definition'] as number, score: r.score, matched: r.queryTerms,
    }));
  }

  toJSON(): AsPlainObject {
    return this.search.toJSON();
  }
}

const searchOptions = {
  fields: ['text'],
  storeFields: ['path', 'definition'],
  // The text is already terms: identifiers split and lower-cased by searchTerms.
  tokenize: (text: string) => text.split(' '),
  processTerm: (term: string) => (term === '' ? null : term),
  searchOptions: { tokenize: (text: string) => text.split(' '), processTerm: (term: string) => term },
};

function chunkId(path: string, definition: number): string {
  return `${path}#${definition}`;
}

function bounded(body: string): string {
  return searchTerms(body).slice(0, maxTermsPerChunk).join(' ');
}
