import { estimateTokens } from '../llm/tokens';
import type { FileSymbols, SymbolDefinition } from './fileSymbols';
import { identifierOccurrences } from './identifiers';
import type { KnowledgeIndex } from './knowledgeIndex';
import { located } from './symbolSearch';

export interface RepoMapOptions {
  /** Paths (files or folders), symbol names or words the map should centre on. */
  focus?: string;
  /** Files already in play (read or edited): the ranking centres on them too. */
  filesInPlay?: readonly string[];
  /** The map's size bound. */
  maxTokens: number;
}

export interface RepoMap {
  text: string;
  tokens: number;
  /** Files shown, best-ranked first; the focus files resolved from `focus`. */
  files: string[];
  focusFiles: string[];
  /** Indexed files left out for the budget. */
  omitted: number;
}

const maxDefinitionsPerFile = 24;
const maxLineChars = 160;
const maxFocusFiles = 40;

/**
 * A compact outline of the workspace's most relevant files: each file's path, then the line of
 * each of its definitions (classes, functions, types, methods indented under their container),
 * files ordered by personalized PageRank around the focus and the files in play (global PageRank
 * without either), cut to the token budget. Built from the index alone: no file is read.
 */
export function repoMap(index: KnowledgeIndex, options: RepoMapOptions): RepoMap {
  const focusFiles = resolveFocus(index, options.focus ?? '');
  const centre = [...new Set([...focusFiles, ...(options.filesInPlay ?? [])])].filter((p) => index.file(p));
  const rank = index.ranks(centre);
  const first = new Set(focusFiles);
  const ordered = [...index.files()]
    .filter((f) => f.definitions.length > 0)
    .map((file) => ({ file, score: (first.has(file.path) ? 2 : 0) + rank(file.path) }))
    .sort((a, b) => b.score - a.score || a.file.path.localeCompare(b.file.path));

  const parts: string[] = [];
  const shown: string[] = [];
  let tokens = 0;
  for (const { file } of ordered) {
    const block = outline(file);
    const cost = estimateTokens(block) + 1;
    if (tokens + cost > options.maxTokens) {
      if (shown.length === 0 || tokens + 8 > options.maxTokens) break;
      continue; // a smaller file further down may still fit
    }
    parts.push(block);
    shown.push(file.path);
    tokens += cost;
  }
  const omitted = ordered.length - shown.length;
  if (omitted > 0) parts.push(`… ${omitted} more file${omitted === 1 ? '' : 's'} with definitions (name a path, a symbol or words as focus to see others)`);
  const text = parts.join('\n');
  return { text, tokens: estimateTokens(text), files: shown, focusFiles, omitted };
}

/** `path` then `  line│ signature line` per definition, members indented under their container. */
function outline(file: FileSymbols): string {
  const lines = [file.path];
  const definitions = file.definitions.slice(0, maxDefinitionsPerFile);
  for (const definition of definitions) lines.push(definitionLine(definition, file.path));
  if (file.definitions.length > definitions.length) lines.push(`  … ${file.definitions.length - definitions.length} more definitions`);
  return lines.join('\n');
}

function definitionLine(definition: SymbolDefinition, path: string): string {
  const where = located(path, definition);
  const first = where.signature.split('\n', 1)[0] ?? definition.name;
  const shown = first.length > maxLineChars ? `${first.slice(0, maxLineChars - 1)}…` : first;
  return `${definition.container !== undefined ? '    ' : '  '}${where.line}│ ${shown}`;
}

/**
 * The files a focus names: a path or a folder (its files), else the files defining a symbol it
 * names, else the files whose definitions its words match best (BM25).
 */
function resolveFocus(index: KnowledgeIndex, focus: string): string[] {
  const found = new Set<string>();
  const words = focus.split(/[\s,]+/).map((w) => w.replace(/^\.\//, '').replace(/\/$/, '')).filter(Boolean);
  const all = [...index.files()].map((f) => f.path);
  for (const word of words) {
    if (found.size >= maxFocusFiles) break;
    if (!word.includes('/') && !/\.\w+$/.test(word)) continue;
    for (const path of all) {
      if (path === word || path.startsWith(`${word}/`) || path.endsWith(`/${word}`)) found.add(path);
      if (found.size >= maxFocusFiles) break;
    }
  }
  for (const { name } of identifierOccurrences(focus)) {
    const refs = index.definitionsOf(name);
    if (refs.length === 0 || refs.length > 12) continue;
    for (const ref of refs) found.add(ref.path);
  }
  if (found.size === 0 && focus.trim() !== '') {
    for (const hit of index.searchChunks(focus, 8)) found.add(hit.path);
  }
  return [...found].slice(0, maxFocusFiles);
}
