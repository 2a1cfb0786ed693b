import { ChunkSearch, type ChunkHit } from './chunkSearch';
import { FileGraph } from './fileGraph';
import type { FileSymbols, SymbolDefinition } from './fileSymbols';
import { decodeFile, encodeFile, indexFormat, type SavedIndex } from './savedIndex';

export { indexFormat, type SavedIndex } from './savedIndex';

export interface DefinitionRef {
  path: string;
  definition: SymbolDefinition;
  index: number;
}

/** A ref with its position in its name's list (internal: removal in constant time). */
interface SlottedRef extends DefinitionRef {
  slot: number;
}

/**
 * The workspace index in memory: each file's definitions and references (never its text), who
 * defines each name, BM25 over definition chunks, and the file graph (rebuilt lazily after
 * changes). Updating one file touches only that file's entries.
 */
export class KnowledgeIndex {
  private readonly byPath = new Map<string, FileSymbols>();
  private readonly definers = new Map<string, DefinitionRef[]>();
  /** Each file's refs in `definers`, to remove them without searching. */
  private readonly refsByPath = new Map<string, SlottedRef[]>();
  private readonly chunks: ChunkSearch;
  private graph: FileGraph | undefined;
  /** Files changed since the graph was built: a few are ranked with the old graph until idle time rebuilds it. */
  private changesSinceGraph = 0;
  private useCounts = new Map<string, number>();
  private mostUses = 1;
  /** Changes with every update: lets callers cache what they derive. */
  version = 0;

  constructor(readonly root: string, saved?: SavedIndex) {
    this.chunks = new ChunkSearch(saved?.search, saved?.searchPending);
    for (const entry of saved?.files ?? []) {
      const file = decodeFile(entry);
      if (file) this.addDefinitions(file);
    }
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

  /** Every defined name (each once). */
  names(): IterableIterator<string> {
    return this.definers.keys();
  }

  definitionsOf(name: string): readonly DefinitionRef[] {
    return this.definers.get(name) ?? [];
  }

  /** Readies the full-text index (a saved one is parsed on first use): call in idle time so the first question does not wait. */
  loadSearch(): void {
    this.chunks.load();
  }

  searchChunks(question: string, limit: number): ChunkHit[] {
    return this.chunks.query(question, limit);
  }

  /** Whether a large index has every word of the question in many chunks (costly to score, saying little). */
  onlyCommonTerms(question: string): boolean {
    return this.chunks.onlyCommonTerms(question);
  }

  /**
   * File ranks around the focus files, best 1. The graph is rebuilt first when many files changed
   * since it was built; a few changed files are ranked with the old one (refreshGraph catches up).
   */
  ranks(focus: readonly string[]): (path: string) => number {
    if (!this.graph || this.changesSinceGraph > Math.max(20, this.byPath.size / 100)) this.refreshGraph();
    return this.graph!.ranks(focus);
  }

  /** Whether `ranks(focus)` would be a lookup, not a PageRank run (warmed ahead of the first completion in a file). */
  hasRanksFor(focus: readonly string[]): boolean {
    return this.graph?.hasRanks(focus) ?? false;
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
    const pending = this.chunks.pendingChanges();
    return { format: indexFormat, root: this.root, files: [...this.byPath.values()].map(encodeFile), search: this.chunks.toJSON(), ...(pending && pending.length > 0 ? { searchPending: pending } : {}) };
  }

  private changed(): void {
    this.version++;
    this.changesSinceGraph++;
  }

  private addDefinitions(file: FileSymbols): void {
    this.byPath.set(file.path, file);
    const own: SlottedRef[] = [];
    file.definitions.forEach((definition, index) => {
      let list = this.definers.get(definition.name) as SlottedRef[] | undefined;
      if (!list) this.definers.set(definition.name, (list = []));
      const ref: SlottedRef = { path: file.path, definition, index, slot: list.length };
      list.push(ref);
      own.push(ref);
    });
    this.refsByPath.set(file.path, own);
  }

  /**
   * Each ref knows its slot in its name's list, so removing a file's definitions costs O(its
   * definitions), not O(all definers of each name): \`load\` may be defined in 20,000 files.
   * The list's last ref takes the removed one's slot (the order of definers means nothing).
   */
  private removeDefinitions(file: FileSymbols): void {
    for (const ref of this.refsByPath.get(file.path) ?? []) {
      const list = this.definers.get(ref.definition.name) as SlottedRef[] | undefined;
      if (!list || list[ref.slot] !== ref) continue;
      const last = list.pop()!;
      if (last !== ref) {
        list[ref.slot] = last;
        last.slot = ref.slot;
      }
      if (list.length === 0) this.definers.delete(ref.definition.name);
    }
    this.refsByPath.delete(file.path);
  }
}
