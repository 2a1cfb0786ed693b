/**
 * Files ranked by personalized PageRank over the "uses a symbol defined in" graph: a file that
 * the files in play use, or that files they use use, ranks high. Built as compressed arrays
 * (CSR) from the symbol table; a rank vector is cached per focus set until the graph changes.
 */
export interface GraphSource {
  /** Every indexed file with the names it references. */
  files(): Iterable<{ path: string; references: readonly string[] }>;
  /** Files defining `name`. */
  definersOf(name: string): readonly string[] | undefined;
}

/** A name defined in more files than this says nothing about which one is meant (`get`, `init`). */
const maxDefiners = 12;
const damping = 0.85;
const maxIterations = 25;
const tolerance = 1e-6;
const cachedFocusSets = 16;

export class FileGraph {
  private readonly paths: string[] = [];
  private readonly ids = new Map<string, number>();
  /** Outgoing edges of node i: targets[offsets[i]..offsets[i+1]], weights alike (row-normalised). */
  private offsets = new Int32Array(1);
  private targets = new Int32Array(0);
  private weights = new Float64Array(0);
  private readonly cache = new Map<string, Float64Array>();

  constructor(source: GraphSource) {
    const rows: Array<Map<number, number>> = [];
    for (const file of source.files()) {
      this.ids.set(file.path, this.paths.length);
      this.paths.push(file.path);
    }
    for (const file of source.files()) {
      const from = this.ids.get(file.path)!;
      const row = new Map<number, number>();
      for (const name of file.references) {
        const definers = source.definersOf(name);
        if (!definers || definers.length > maxDefiners) continue;
        const share = 1 / definers.length;
        for (const path of definers) {
          const to = this.ids.get(path);
          if (to !== undefined && to !== from) row.set(to, (row.get(to) ?? 0) + share);
        }
      }
      rows[from] = row;
    }
    let edges = 0;
    for (const row of rows) edges += row?.size ?? 0;
    this.offsets = new Int32Array(this.paths.length + 1);
    this.targets = new Int32Array(edges);
    this.weights = new Float64Array(edges);
    let at = 0;
    for (let i = 0; i < this.paths.length; i++) {
      this.offsets[i] = at;
      const row = rows[i];
      let total = 0;
      for (const w of row?.values() ?? []) total += w;
      for (const [to, w] of row ?? []) {
        this.targets[at] = to;
        this.weights[at] = w / total;
        at++;
      }
    }
    this.offsets[this.paths.length] = at;
  }

  get size(): number {
    return this.paths.length;
  }

  get edgeCount(): number {
    return this.targets.length;
  }

  /** Whether the ranks around `focus` are computed already (the next `ranks` call is a lookup). */
  hasRanks(focus: readonly string[]): boolean {
    return this.cache.has(this.focusKey(focus).key);
  }

  private focusKey(focus: readonly string[]): { ids: number[]; key: string } {
    const ids = [...new Set(focus.map((p) => this.ids.get(p)).filter((i): i is number => i !== undefined))].sort((a, b) => a - b);
    return { ids, key: ids.join(',') };
  }

  /** Rank of every file around `focus` (paths; unknown ones ignored), scaled so the best is 1. */
  ranks(focus: readonly string[]): (path: string) => number {
    const { ids, key } = this.focusKey(focus);
    let vector = this.cache.get(key);
    if (!vector) {
      vector = this.pageRank(ids);
      if (this.cache.size >= cachedFocusSets) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, vector);
    }
    const ranks = vector;
    return (path) => {
      const id = this.ids.get(path);
      return id === undefined ? 0 : ranks[id]!;
    };
  }

  private pageRank(focus: readonly number[]): Float64Array {
    const n = this.paths.length;
    const rank = new Float64Array(n);
    if (n === 0) return rank;
    const teleport = new Float64Array(n);
    if (focus.length > 0) for (const i of focus) teleport[i] = 1 / focus.length;
    else teleport.fill(1 / n);
    rank.set(teleport);
    const next = new Float64Array(n);
    for (let iteration = 0; iteration < maxIterations; iteration++) {
      next.fill(0);
      let dangling = 0;
      for (let i = 0; i < n; i++) {
        const start = this.offsets[i]!;
        const end = this.offsets[i + 1]!;
        const r = rank[i]!;
        if (start === end) {
          dangling += r;
          continue;
        }
        const share = damping * r;
        for (let e = start; e < end; e++) next[this.targets[e]!]! += share * this.weights[e]!;
      }
      const rest = 1 - damping + damping * dangling;
      let change = 0;
      for (let i = 0; i < n; i++) {
        const value = next[i]! + rest * teleport[i]!;
        change += Math.abs(value - rank[i]!);
        rank[i] = value;
      }
      if (change < tolerance) break;
    }
    let max = 0;
    for (let i = 0; i < n; i++) if (rank[i]! > max) max = rank[i]!;
    if (max > 0) for (let i = 0; i < n; i++) rank[i] = rank[i]! / max;
    return rank;
  }
}
