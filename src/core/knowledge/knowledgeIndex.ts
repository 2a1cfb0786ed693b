import type { AsPlainObject } from 'minisearch';
import { ChunkSearch, type ChunkHit } from './chunkSearch';
import { FileGraph } from './fileGraph';
import type { FileSymbols, SymbolDefinition } from './fileSymbols';

export interface DefinitionRef {
  path: string;
  definition: SymbolDefinition;
  index: number;
}

/** Persisted form: bump `indexFormat` whenever extraction or this shape changes (older files are rebuilt). */
export const indexFormat = 1;
export interface SavedIndex {
  format: number;
  root: string;
  files: FileSymbols[];
  search: AsPlainObject;
}

/**
 * The workspace index in memory: each file's definitions and references (never its text), who
 * defines each name, BM25 over definition chunks, and the file graph (rebuilt lazily after
 * changes). Updating one file touches only that file's entries.
 */
export class KnowledgeIndex {
  private readonly byPath = new Map<string, FileSymbols>();
  private readonly definers = new Map<string, DefinitionRef[]>();
  private readonly chunks: ChunkSearch;
  private graph: FileGraph | undefined;
  /** Files changed since the graph was built: a few are ranked with the old graph until idle time rebuilds it. */
  private changesSinceGraph = 0;
  private useCounts = new Map<string, number>();
  private mostUses = 1;
  /** Changes with every update: lets callers cache what they derive. */
  version = 0;

  constructor(readonly root: string, saved?: SavedIndex) {
    this.chunks = new ChunkSearch(saved?.search);
    for (const file of saved?.files ?? []) this.addDefinitions(file);
  }

  get fileCount(): number {
    return this.byPath.size;
  }

  file(path: string): FileSymbols | undefined {
    return this.byPath.get(path);
  }

  files(): IterableIterator<FileSymbols> {
    return this.byPath.values();
  }

  /** Adds or replaces a file; `bodies` are its definitions' texts for full-text search (not kept). */
  setFile(file: FileSymbols, bodies: readonly string[]): void {
    const previous = this.byPath.get(file.path);
    if (previous) this.removeDefinitions(previous);
    this.addDefinitions(file);
    this.chunks.setFile(file, bodies, previous);
    this.changed();
  }

  removeFile(path: string): boolean {
    const previous = this.byPath.get(path);
    if (!previous) return false;
    this.removeDefinitions(previous);
    this.byPath.delete(path);
    this.chunks.removeFile(previous);
    this.changed();
    return true;
  }

  definitionsOf(name: string): readonly DefinitionRef[] {
    return this.definers.get(name) ?? [];
  }

  searchChunks(question: string, limit: number): ChunkHit[] {
    return this.chunks.query(question, limit);
  }

  /**
   * File ranks around the focus files, best 1. The graph is rebuilt first when many files changed
   * since it was built; a few changed files are ranked with the old one (refreshGraph catches up).
   */
  ranks(focus: readonly string[]): (path: string) => number {
    if (!this.graph || this.changesSinceGraph > Math.max(20, this.byPath.size / 100)) this.refreshGraph();
    return this.graph!.ranks(focus);
  }

  /** How many files use `name` (as of the last graph build): how common a definition is in use. */
  usesOf(name: string): number {
    if (!this.graph) this.refreshGraph();
    return this.useCounts.get(name) ?? 0;
  }

  get maxUses(): number {
    if (!this.graph) this.refreshGraph();
    return this.mostUses;
  }

  /** Rebuilds the file graph if anything changed (idle time, after a burst of updates). */
  refreshGraph(): void {
    if (this.graph && this.changesSinceGraph === 0) return;
    this.useCounts = new Map();
    this.mostUses = 1;
    for (const file of this.byPath.values()) {
      for (const name of file.references) {
        if (!this.definers.has(name)) continue;
        const uses = (this.useCounts.get(name) ?? 0) + 1;
        this.useCounts.set(name, uses);
        if (uses > this.mostUses) this.mostUses = uses;
      }
    }
    const unique = new Map<string, readonly string[]>();
    this.graph = new FileGraph({
      files: () => this.byPath.values(),
      definersOf: (name) => {
        let paths = unique.get(name);
        if (!paths) {
          const refs = this.definers.get(name);
          if (!refs) return undefined;
          unique.set(name, (paths = [...new Set(refs.map((r) => r.path))]));
        }
        return paths;
      },
    });
    this.changesSinceGraph = 0;
  }

  toJSON(): SavedIndex {
    return { format: indexFormat, root: this.root, files: [...this.byPath.values()], search: this.chunks.toJSON() };
  }

  private changed(): void {
    this.version++;
    this.changesSinceGraph++;
  }

  private addDefinitions(file: FileSymbols): void {
    this.byPath.set(file.path, file);
    file.definitions.forEach((definition, index) => {
      let list = this.definers.get(definition.name);
      if (!list) this.definers.set(definition.name, (list = []));
      list.push({ path: file.path, definition, index });
    });
  }

  private removeDefinitions(file: FileSymbols): void {
    for (const definition of file.definitions) {
      const list = this.definers.get(definition.name);
      if (!list) continue;
      const kept = list.filter((r) => r.path !== file.path);
      if (kept.length > 0) this.definers.set(definition.name, kept);
      else this.definers.delete(definition.name);
    }
  }
}
