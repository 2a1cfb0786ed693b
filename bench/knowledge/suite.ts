import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { nodeOutboundGate } from '../../src/core/context';
import { completionContext, IndexStore, indexWorkspaceFile, openIndex, searchSymbols, searchTerms, TreeSitterLoader } from '../../src/core/knowledge';
import { retrievalQuality } from './quality';

export interface IndexMetrics {
  files: number;
  fullIndexMs: number;
  filesPerSecond: number;
  heapMB: number;
  diskBytes: number;
  reopenMs: number;
  /** Parsing the saved full-text index, deferred from the reopening to the first question. */
  searchLoadMs: number;
  incrementalP50Ms: number;
  incrementalP95Ms: number;
  queryP50Ms: number;
  queryP95Ms: number;
  /** The first lookup in a file: its personalized PageRank is computed then (cached afterwards). */
  firstQueryInFileP95Ms: number;
  /** Lookups right after `receiver.` (the last three in each file): the receiver's type is read from the text before the cursor. */
  memberQueryP95Ms: number;
  /** The agent's search_symbols: names, name prefixes and words taken from the index's own definitions. */
  symbolSearchP50Ms: number;
  symbolSearchP95Ms: number;
  qualitySites?: number;
  qualityIndexShare?: number;
  qualityBaselineShare?: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A full collection before each heap reading, so heapMB is what the index keeps, not garbage awaiting collection. */
const gc = (() => {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

export async function measureWorkspace(root: string, options: { quality: boolean; log: (line: string) => void }): Promise<IndexMetrics> {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-knowledge-cache-'));
  try {
    const store = IndexStore.forWorkspace(root, { TANDEM_CACHE_DIR: cache });
    const gate = await nodeOutboundGate(root);
    const loader = new TreeSitterLoader();
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const { index } = await openIndex({ root, gate, store, loader, onProgress: (p) => { if (p.phase === 'parsing' && p.done % 2000 === 0) options.log(`  parsed ${p.done}/${p.total}`); } });
    const fullIndexMs = performance.now() - started;
    gc();
    const heapMB = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
    const diskBytes = statSync(store.file).size;
    options.log(`  indexed ${index.fileCount} files in ${Math.round(fullIndexMs)} ms`);

    // Completion lookups: 60 files, 6 positions each; the first in each file pays its PageRank.
    const random = prng(7);
    const files = [...index.files()];
    const warm: number[] = [];
    const first: number[] = [];
    const members: number[] = [];
    for (let f = 0; f < 60; f++) {
      const file = files[Math.floor(random() * files.length)]!;
      const text = readFileSync(path.join(root, file.path), 'utf8');
      const lines = text.split('\n');
      for (let q = 0; q < 6; q++) {
        const line = 1 + Math.floor(random() * lines.length);
        const col = 1 + Math.floor(random() * ((lines[line - 1]?.length ?? 0) + 1));
        const result = completionContext(index, { path: file.path, text, line, col, budget: 1500 });
        (q === 0 ? first : warm).push(result.queryMs);
      }
      // Right after `receiver.`, where the receiver's type is looked for in the text before the cursor.
      for (const match of [...text.matchAll(/[A-Za-z_$][\w$]*\.(?=[A-Za-z_$])/g)].slice(-3)) {
        const before = text.slice(0, match.index + match[0].length).split('\n');
        const result = completionContext(index, { path: file.path, text, line: before.length, col: before.at(-1)!.length + 1, budget: 1500 });
        members.push(result.queryMs);
      }
    }

    // search_symbols as an agent asks it: 20 names, 20 prefixes of names, 20 pairs of words from names.
    const names = [...index.names()];
    const pick = () => names[Math.floor(random() * names.length)]!;
    const searches: number[] = [];
    index.searchChunks('warm up', 1); // the full-text index is parsed on its first question: not a search's cost
    for (let k = 0; k < 60; k++) {
      const query = k < 20 ? pick() : k < 40 ? pick().slice(0, 4) : [searchTerms(pick())[1] ?? pick(), searchTerms(pick())[1] ?? pick()].join(' ');
      const t = performance.now();
      searchSymbols(index, query, { limit: 15 });
      searches.push(performance.now() - t);
    }

    // Incremental updates: one file changed at a time, re-read and re-parsed alone.
    const incremental: number[] = [];
    for (let k = 0; k < 40; k++) {
      const file = files[Math.floor(random() * files.length)]!;
      const absolute = path.join(root, file.path);
      appendFileSync(absolute, `\nexport function benchAdded${k}(value: number): number {\n  return value * ${k};\n}\n`);
      const stat = statSync(absolute);
      const t = performance.now();
      await indexWorkspaceFile(index, loader, gate, { path: file.path, size: stat.size, mtimeMs: stat.mtimeMs });
      incremental.push(performance.now() - t);
    }
    await store.save(index.toJSON());

    let quality: Pick<IndexMetrics, 'qualitySites' | 'qualityIndexShare' | 'qualityBaselineShare'> = {};
    if (options.quality) {
      const q = await retrievalQuality(index, loader, gate);
      quality = { qualitySites: q.sites, qualityIndexShare: q.indexHits / q.sites, qualityBaselineShare: q.baselineHits / q.sites };
      options.log(`  retrieval: ${q.indexHits}/${q.sites} with the index, ${q.baselineHits}/${q.sites} with open files and imports`);
    }

    const reopenStarted = performance.now();
    const reopened = await openIndex({ root, gate, store, loader: new TreeSitterLoader() });
    const reopenMs = performance.now() - reopenStarted;
    if (reopened.parsed !== 0 || !reopened.fromStore) throw new Error(`reopening parsed ${reopened.parsed} files (fromStore ${reopened.fromStore})`);
    // The saved full-text index is parsed on the first question (or in idle time), not at reopening: its cost apart.
    const searchStarted = performance.now();
    reopened.index.loadSearch();
    const searchLoadMs = performance.now() - searchStarted;

    return {
      files: index.fileCount, fullIndexMs, filesPerSecond: index.fileCount / (fullIndexMs / 1000), heapMB, diskBytes, reopenMs, searchLoadMs,
      incrementalP50Ms: percentile(incremental, 50), incrementalP95Ms: percentile(incremental, 95),
      queryP50Ms: percentile(warm, 50), queryP95Ms: percentile(warm, 95), firstQueryInFileP95Ms: percentile(first, 95),
      memberQueryP95Ms: percentile(members, 95),
      symbolSearchP50Ms: percentile(searches, 50), symbolSearchP95Ms: percentile(searches, 95),
      ...quality,
    };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

/** The retrieval-quality evaluation alone, on a workspace indexed from scratch. */
export async function measureQuality(root: string): Promise<Pick<IndexMetrics, 'qualitySites' | 'qualityIndexShare' | 'qualityBaselineShare'>> {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-knowledge-cache-'));
  try {
    const gate = await nodeOutboundGate(root);
    const loader = new TreeSitterLoader();
    const { index } = await openIndex({ root, gate, store: IndexStore.forWorkspace(root, { TANDEM_CACHE_DIR: cache }), loader });
    const q = await retrievalQuality(index, loader, gate);
    return { qualitySites: q.sites, qualityIndexShare: q.indexHits / q.sites, qualityBaselineShare: q.baselineHits / q.sites };
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
