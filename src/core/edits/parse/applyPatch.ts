import type { SearchReplaceBlock } from '../types';
import { consume, type ParseContext, type ParsedBlock } from './context';
import { fenceAround } from './fences';
import { normalizePath } from './paths';

const BEGIN = /^\s*\*\*\* Begin Patch\s*$/;
const END = /^\s*\*\*\* End Patch\s*$/;
const UPDATE = /^\*\*\* Update File(?::\s*(.*?))?\s*$/;
const ADD = /^\*\*\* Add File:\s*(.+?)\s*$/;
const DELETE = /^\*\*\* Delete File:\s*(.+?)\s*$/;
const MOVE = /^\*\*\* Move to:\s*(.+?)\s*$/;
const END_OF_FILE = /^\*\*\* End of File\s*$/;
const SECTION = /^\*\*\* (?:Update File\b|(?:Add|Delete) File:)/;

interface Chunk {
  anchors: string[];
  search: string[];
  replace: string[];
  line: number;
  atEndOfFile: boolean;
  /** Context lines as written (with their first character): [search index, replace index, text]. */
  context?: Array<[number, number, string]>;
  /** Indentation widths of the added and removed lines. */
  changedIndents?: number[];
}

/** OpenAI's apply_patch envelopes: `*** Begin Patch` ... `*** End Patch`, any number of files each. */
export function parseApplyPatch(context: ParseContext): ParsedBlock[] {
  const { lines } = context;
  const parsed: ParsedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (context.consumed[i] || !BEGIN.test(lines[i]!)) continue;
    const fence = fenceAround(context.fences, i);
    const limit = fence ? fence.close : lines.length;
    let end = i + 1;
    while (end < limit && !END.test(lines[end]!)) end++;
    const complete = end < limit;
    const sections = splitSections(lines, i + 1, end);
    sections.forEach((section, k) => {
      const truncated = !complete && k === sections.length - 1;
      parsed.push(...parseSection(lines, section, truncated));
    });
    if (sections.length === 0) context.warnings.push(`The patch at line ${i + 1} changes no file.`);
    consume(context, i, Math.min(end, lines.length - 1));
    i = end;
  }
  return parsed;
}

function splitSections(lines: readonly string[], from: number, to: number): Array<[number, number]> {
  const starts: number[] = [];
  for (let i = from; i < to; i++) if (SECTION.test(lines[i]!.trim())) starts.push(i);
  return starts.map((start, k) => [start, starts[k + 1] ?? to]);
}

function parseSection(lines: readonly string[], [start, end]: [number, number], truncated: boolean): ParsedBlock[] {
  const header = lines[start]!.trim();
  const responseLine = start + 1;
  // An update that names no file (`*** Update File:` alone) is for the default file, if one is given.
  const named = (UPDATE.exec(header) ?? ADD.exec(header) ?? DELETE.exec(header))?.[1];
  const path = named ? normalizePath(named) : undefined;
  if (path === undefined && !UPDATE.test(header)) return [];
  if (truncated) {
    return [{ path, inheritsPath: path === undefined, block: { kind: 'malformed', format: 'apply-patch', responseLine, reason: 'The patch was cut off before "*** End Patch", so this file\'s changes may be incomplete; send the patch again.' } }];
  }
  if (DELETE.test(header)) return [{ path, inheritsPath: path === undefined, block: { kind: 'delete', format: 'apply-patch', responseLine } }];
  if (ADD.test(header)) {
    const content = lines.slice(start + 1, end).map((line) => (line.startsWith('+') ? line.slice(1) : line));
    while (content.length > 0 && content[content.length - 1] === '') content.pop();
    return [{ path, inheritsPath: path === undefined, block: { kind: 'create', format: 'apply-patch', responseLine, content } }];
  }
  let renameTo: string | undefined;
  const chunks: Chunk[] = [];
  let chunk: Chunk | undefined;
  const open = (line: number) => (chunk ??= pushChunk(chunks, line));
  for (let i = start + 1; i < end; i++) {
    const line = lines[i]!;
    const move = MOVE.exec(line.trim());
    if (move) {
      renameTo = normalizePath(move[1]!);
      continue;
    }
    if (END_OF_FILE.test(line.trim())) {
      open(i).atEndOfFile = true;
      continue;
    }
    if (line.startsWith('@@')) {
      if (chunk && (chunk.search.length > 0 || chunk.replace.length > 0)) chunk = undefined;
      const anchor = line.replace(/^@@\s?/, '').replace(/\s*@@\s*$/, '');
      if (anchor.trim() !== '') open(i).anchors.push(anchor);
      else open(i);
      continue;
    }
    const current = open(i);
    if (line.startsWith('+') || line.startsWith('-')) {
      (line.startsWith('+') ? current.replace : current.search).push(line.slice(1));
      if (line.trim().length > 1) (current.changedIndents ??= []).push(/^ */.exec(line.slice(1))![0].length);
    } else {
      // Context: ' ' prefixed, or an empty line, or (leniently) a line whose space the model dropped.
      const text = line.startsWith(' ') ? line.slice(1) : line;
      if (line.startsWith(' ') && line.trim() !== '') (current.context ??= []).push([current.search.length, current.replace.length, line]);
      current.search.push(text);
      current.replace.push(text);
    }
  }
  for (const c of chunks) {
    restoreUnmarkedContext(c);
    trimTrailingBlankContext(c);
  }
  const blocks: ParsedBlock[] = chunks
    .filter((c) => c.search.length > 0 || c.replace.length > 0)
    .map((c): ParsedBlock => {
      const block: Omit<SearchReplaceBlock, 'index'> = {
        kind: 'search-replace', format: 'apply-patch', responseLine: c.line + 1, search: c.search, replace: c.replace,
        anchors: c.anchors, ordered: true, ...(c.atEndOfFile ? { atEndOfFile: true } : {}),
      };
      return { path, inheritsPath: path === undefined, block, ...(renameTo ? { renameTo } : {}) };
    });
  if (blocks.length === 0 && renameTo) {
    // A pure rename: an update with nothing to change.
    blocks.push({ path, inheritsPath: path === undefined, renameTo, block: { kind: 'search-replace', format: 'apply-patch', responseLine, search: [], replace: [], anchors: [], ordered: true } });
  }
  return blocks;
}

function pushChunk(chunks: Chunk[], line: number): Chunk {
  const chunk: Chunk = { anchors: [], search: [], replace: [], line, atEndOfFile: false };
  chunks.push(chunk);
  return chunk;
}

/**
 * A model that dropped the space before context lines leaves them one column short of the changed
 * lines: every context line has an odd indentation once its "marker" is taken off, every changed
 * line an even one. Then the space was indentation, not a marker.
 */
function restoreUnmarkedContext(chunk: Chunk): void {
  const context = chunk.context ?? [];
  const changed = chunk.changedIndents ?? [];
  if (context.length === 0 || changed.length === 0 || changed.some((width) => width % 2 !== 0)) return;
  if (!context.every(([, , raw]) => /^ +/.exec(raw)![0].length % 2 === 0)) return;
  for (const [s, r, raw] of context) {
    chunk.search[s] = raw;
    chunk.replace[r] = raw;
  }
}

/** Blank lines ending a chunk are usually the gap before the next `@@` or `***`, not file context. */
function trimTrailingBlankContext(chunk: Chunk): void {
  while (chunk.search.length > 0 && chunk.replace.length > 0 && chunk.search[chunk.search.length - 1] === '' && chunk.replace[chunk.replace.length - 1] === '') {
    chunk.search.pop();
    chunk.replace.pop();
  }
}
