import type { AsPlainObject } from 'minisearch';
import type { PendingChunks } from './chunkSearch';
import type { FileSymbols, SymbolDefinition } from './fileSymbols';
import { languageForPath, type SymbolKind } from './languages';

/** Persisted form: bump whenever extraction or this shape changes (older files are rebuilt). */
export const indexFormat = 2;

/**
 * The index as saved: one tuple per file and per definition instead of objects with named keys
 * (key names were a third of the old JSON), nothing that can be recomputed (a file's language
 * comes from its path, a summary starts where its definition does), references space-joined.
 * The store compresses it on top, and keeps the full-text index as text until a question needs it.
 */
export interface SavedIndex {
  format: number;
  root: string;
  files: SavedFile[];
  /** The full-text index: as an object, or as its JSON text (parsed on first use). */
  search: AsPlainObject | string;
  /** Changes to apply to `search` when it is parsed: files changed while it was kept as text. */
  searchPending?: PendingChunks[];
}

/** [path, size, mtimeMs, lineCount, references joined by ' ', definitions]. */
export type SavedFile = [string, number, number, number, string, SavedDefinition[]];
/** [name, kind, start, lines in the definition - 1, lines in the summary - 1, summary text, container?]. */
export type SavedDefinition = [string, number, number, number, number, string] | [string, number, number, number, number, string, string];

const kinds: readonly SymbolKind[] = ['function', 'method', 'class', 'interface', 'type', 'enum', 'constant', 'variable', 'module', 'macro'];
const kindCodes = new Map(kinds.map((kind, i) => [kind, i]));

export function encodeFile(file: FileSymbols): SavedFile {
  return [file.path, file.size, file.mtimeMs, file.lineCount, file.references.join(' '), file.definitions.map(encodeDefinition)];
}

function encodeDefinition(d: SymbolDefinition): SavedDefinition {
  const head: [string, number, number, number, number, string] = [d.name, kindCodes.get(d.kind) ?? 0, d.range.start, d.range.end - d.range.start, d.summary.end - d.summary.start, d.text];
  return d.container !== undefined ? [...head, d.container] : head;
}

/** Undefined for an entry that does not decode (a damaged file: the caller rebuilds). */
export function decodeFile(saved: SavedFile): FileSymbols | undefined {
  const [path, size, mtimeMs, lineCount, references, definitions] = saved;
  const language = typeof path === 'string' ? languageForPath(path) : undefined;
  if (!language || !Array.isArray(definitions) || typeof references !== 'string') return undefined;
  return {
    path, language: language.id, size, mtimeMs, lineCount,
    references: references === '' ? [] : references.split(' '),
    definitions: definitions.map(([name, kind, start, length, summaryLength, text, container]) => ({
      name, kind: kinds[kind] ?? 'function', range: { start, end: start + length }, summary: { start, end: start + summaryLength }, text,
      ...(container !== undefined ? { container } : {}),
    })),
  };
}
