import path from 'node:path';
import type { OutboundGate } from '../context/outboundGate';
import { extractSymbols } from './extractSymbols';
import type { FileSymbols } from './fileSymbols';
import { KnowledgeIndex } from './knowledgeIndex';
import type { IndexStore } from './indexStore';
import { languageForPath } from './languages';
import { TreeSitterLoader } from './treeSitter';
import { defaultWalkLimits, readSourceFile, walkWorkspace, type WalkLimits, type WorkspaceFile } from './workspaceFiles';

export interface IndexProgress {
  phase: 'loading' | 'scanning' | 'parsing' | 'saving' | 'ready';
  done: number;
  total: number;
}

export interface OpenIndexOptions {
  root: string;
  gate: OutboundGate;
  store?: IndexStore;
  loader?: TreeSitterLoader;
  limits?: WalkLimits;
  onProgress?: (progress: IndexProgress) => void;
  /** The build yields to the event loop after this much work (ms), so it never blocks the host. */
  sliceMs?: number;
  signal?: AbortSignal;
}

export interface OpenIndexResult {
  index: KnowledgeIndex;
  parsed: number;
  reused: number;
  removed: number;
  overLimit: number;
  fromStore: boolean;
  ms: number;
}

const maxBodyLines = 200;
const headLines = 40;

/**
 * The workspace's index, ready: the persisted copy when there is one, brought up to date (only
 * files whose size or modification time changed are parsed again, deleted ones dropped), else
 * built from scratch. Saved again when anything changed.
 */
export async function openIndex(options: OpenIndexOptions): Promise<OpenIndexResult> {
  const started = performance.now();
  const { root, gate, store, onProgress, signal } = options;
  const loader = options.loader ?? new TreeSitterLoader();
  onProgress?.({ phase: 'loading', done: 0, total: 0 });
  const saved = await store?.load(root);
  const index = new KnowledgeIndex(root, saved);
  onProgress?.({ phase: 'scanning', done: 0, total: 0 });
  const { files, overLimit } = await walkWorkspace(root, gate, options.limits ?? defaultWalkLimits, signal);
  const differences = indexDifferences(index, files);
  let removed = 0;
  for (const path of differences.removed) if (index.removeFile(path)) removed++;
  const stale = differences.changed;
  const slicer = new TimeSlicer(options.sliceMs ?? 15);
  let parsed = 0;
  for (const file of stale) {
    if (signal?.aborted) break;
    await indexWorkspaceFile(index, loader, gate, file);
    parsed++;
    if (parsed % 50 === 0) onProgress?.({ phase: 'parsing', done: parsed, total: stale.length });
    await slicer.maybeYield();
  }
  if (store && (parsed > 0 || removed > 0 || !saved) && !signal?.aborted) {
    onProgress?.({ phase: 'saving', done: parsed, total: stale.length });
    await store.save(index.toJSON());
  }
  onProgress?.({ phase: 'ready', done: index.fileCount, total: index.fileCount });
  return { index, parsed, reused: files.length - stale.length, removed, overLimit, fromStore: saved !== undefined, ms: performance.now() - started };
}

/**
 * What the index no longer matches on disk, given a fresh walk: files new or changed since they
 * were parsed (size or modification time), and indexed paths the walk no longer lists. Also how a
 * window whose file watcher missed changes catches up.
 */
export function indexDifferences(index: KnowledgeIndex, files: readonly WorkspaceFile[]): { changed: WorkspaceFile[]; removed: string[] } {
  const present = new Set(files.map((f) => f.path));
  const removed = [...index.files()].filter((f) => !present.has(f.path)).map((f) => f.path);
  const changed = files.filter((f) => {
    const known = index.file(f.path);
    return !known || known.size !== f.size || known.mtimeMs !== f.mtimeMs;
  });
  return { changed, removed };
}

/**
 * Parses one file into the index (or drops it when it is gone, refused by the gate, binary or no
 * longer a language the index parses). The incremental update: only this file is read.
 */
export async function indexWorkspaceFile(index: KnowledgeIndex, loader: TreeSitterLoader, gate: OutboundGate, file: WorkspaceFile): Promise<'indexed' | 'removed' | 'skipped'> {
  const spec = languageForPath(file.path);
  const drop = () => (index.removeFile(file.path) ? 'removed' : 'skipped');
  if (!spec || gate.refusalFor(file.path) !== undefined) return drop();
  const text = await readSourceFile(path.join(index.root, file.path));
  if (text === undefined) return drop();
  return (await indexDocument(index, loader, gate, file, text)) ? 'indexed' : drop();
}

/**
 * Indexes a file's text as the editor has it (unsaved changes included). False when the path is
 * refused by the gate or its language cannot be parsed; the index is then unchanged.
 */
export async function indexDocument(index: KnowledgeIndex, loader: TreeSitterLoader, gate: OutboundGate, file: WorkspaceFile, text: string): Promise<boolean> {
  const spec = languageForPath(file.path);
  if (!spec || gate.refusalFor(file.path) !== undefined) return false;
  const parser = await loader.parserFor(spec);
  if (!parser) return false;
  const { symbols, bodies } = symbolsOf(parser, spec, text, file, gate);
  index.setFile(symbols, bodies);
  return true;
}

function symbolsOf(parser: NonNullable<Awaited<ReturnType<TreeSitterLoader['parserFor']>>>, spec: NonNullable<ReturnType<typeof languageForPath>>, text: string, file: WorkspaceFile, gate: OutboundGate): { symbols: FileSymbols; bodies: string[] } {
  // Secrets are redacted once, on the whole file: neither summaries nor search terms keep them.
  const redacted = gate.redact(text, { path: file.path }).text;
  const lines = redacted.split('\n');
  const sameShape = lines.length === text.split('\n').length;
  const redactPiece = (piece: string) => (sameShape ? piece : gate.redact(piece, { path: file.path }).text);
  const source = sameShape ? redacted : text;
  const symbols = extractSymbols(parser, spec, source, { path: file.path, size: file.size, mtimeMs: file.mtimeMs }, redactPiece);
  const bodies = symbols.definitions.length === 0
    ? [sameShape ? lines.slice(0, headLines).join('\n') : '']
    : symbols.definitions.map((d) => (sameShape ? lines.slice(d.range.start - 1, Math.min(d.range.end, d.range.start - 1 + maxBodyLines)).join('\n') : d.text));
  return { symbols, bodies };
}

/** Yields to the event loop once `sliceMs` of work has passed since the last yield. */
export class TimeSlicer {
  private since = performance.now();
  constructor(private readonly sliceMs: number) {}

  async maybeYield(): Promise<void> {
    if (performance.now() - this.since < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}
