import { estimateTokens } from '../llm/tokens';
import type { ContextItem, ContextResult } from './contextItems';
import { cursorWindow, defaultWindowChars, offsetAt } from './cursorWindow';
import type { SymbolDefinition } from './fileSymbols';
import { sameLanguageFamily, type SymbolKind } from './languages';
import { hasIdentifierAfter, identifierOccurrences } from './identifiers';
import type { DefinitionRef, KnowledgeIndex } from './knowledgeIndex';
import { memberAccessAt, receiverMembers } from './receiverMembers';

export interface ContextRequest {
  /** Workspace-relative path of the current file. */
  path: string;
  /** Its text as the editor has it (unsaved changes included). */
  text: string;
  /** 1-based; `col` counts UTF-16 code units. */
  line: number;
  col: number;
  /** Tokens for everything but the window. */
  budget: number;
  /** A chat question: its words and the symbols it names are looked up too. */
  question?: string;
  /** Other files in play (open editors, recent edits): the ranking centres on them too. */
  focus?: readonly string[];
  windowChars?: { prefix: number; suffix: number };
  /** Lines `start..end` (1-based) of a workspace file, redacted; needed for question snippets. */
  readLines?: (path: string, start: number, end: number) => Promise<string | undefined>;
}

interface Candidate {
  ref: DefinitionRef;
  score: number;
  why: string;
  /** A whole chunk (body) instead of the definition's summary, when it fits. */
  whole?: boolean;
  /** Only the signature, from the line naming it (one of many members offered: more of them fit). */
  compact?: boolean;
}

const kindWeight: Readonly<Record<SymbolKind, number>> = { function: 1, class: 1, interface: 1, type: 1, enum: 0.95, method: 0.85, constant: 0.9, variable: 0.7, macro: 0.8, module: 0.5 };
/** Lines around the cursor whose identifiers count most; beyond them weight falls off. */
const nearLines = 8;
const maxCandidatesPerName = 24;
/** A name on the cursor's line is what is being written: above everything merely near. */
const cursorLineWeight = 1.5;
/** A member whose type is also in play (`users: UserRepository` ... `users.findById`) is the one meant. */
const containerInPlay = 1.2;
const maxChunkLines = 80;

/**
 * What Tandem sends for a completion (or a chat question) at a position: the window around the
 * cursor, then, within `budget` tokens, the definitions from other files of the symbols used
 * near the cursor (signature and doc comment), ranked by how near the cursor each symbol is used,
 * how central its file is around the files in play (personalized PageRank), and how ambiguous
 * its name is; with a question, also the definitions it names and the chunks its words match (BM25).
 */
export async function assembleContext(index: KnowledgeIndex, request: ContextRequest): Promise<ContextResult> {
  const started = performance.now();
  const { candidates, window } = rankCandidates(index, request);
  if (request.question) await addQuestionCandidates(index, request, candidates);
  const items = await pack(index, candidates, request);
  const windowItem: ContextItem = { path: request.path, startLine: window.startLine, endLine: window.endLine, kind: 'window', tokens: estimateTokens(window.text), score: 1, why: 'the code around the cursor', text: window.text };
  return finish(windowItem, items, started);
}

/** The completion lookup: synchronous, on the index alone (no file is read). */
export function completionContext(index: KnowledgeIndex, request: Omit<ContextRequest, 'question' | 'readLines'>): ContextResult {
  const started = performance.now();
  const { candidates, window } = rankCandidates(index, request);
  const items = packSync(candidates, request.budget);
  const windowItem: ContextItem = { path: request.path, startLine: window.startLine, endLine: window.endLine, kind: 'window', tokens: estimateTokens(window.text), score: 1, why: 'the code around the cursor', text: window.text };
  return finish(windowItem, items, started);
}

function finish(windowItem: ContextItem, items: ContextItem[], started: number): ContextResult {
  const tokens = items.reduce((sum, i) => sum + i.tokens, 0);
  return { items: [windowItem, ...items], tokens, windowTokens: windowItem.tokens, queryMs: Math.round((performance.now() - started) * 100) / 100 };
}

function rankCandidates(index: KnowledgeIndex, request: Omit<ContextRequest, 'readLines'>): { candidates: Candidates; window: ReturnType<typeof cursorWindow> } {
  const lines = request.text.split('\n');
  const window = cursorWindow(lines, request.line, request.windowChars ?? defaultWindowChars);
  const cursorOffset = offsetAt(request.text, request.line, request.col);
  const windowStart = offsetAt(request.text, window.startLine, 1);
  const local = new Set(index.file(request.path)?.definitions.map((d) => d.name) ?? []);
  const rank = index.ranks([request.path, ...(request.focus ?? [])]);

  // How strongly each name is in play: by the line distance of its nearest use to the cursor.
  const weights = new Map<string, number>();
  let lineOfOffset = window.startLine;
  let scanned = windowStart;
  for (const { name, index: at } of identifierOccurrences(window.text)) {
    if (local.has(name)) continue;
    const absolute = windowStart + at;
    for (let k = request.text.indexOf('\n', scanned); k >= 0 && k < absolute; k = request.text.indexOf('\n', k + 1)) {
      lineOfOffset++;
      scanned = k + 1;
    }
    const distance = Math.abs(lineOfOffset - request.line) + (absolute > cursorOffset ? 2 : 0); // code after the cursor matters a little less
    const weight = distance === 0 ? cursorLineWeight : 1 / (1 + distance / nearLines);
    if (weight > (weights.get(name) ?? 0)) weights.set(name, weight);
  }
  // Names the file imports were chosen by its author: they are likely to be used anywhere in it,
  // and one imported but not used yet is likely what is being written.
  const imports = importedNames(lines);
  for (const name of imports.names) {
    if (local.has(name)) continue;
    const weight = hasIdentifierAfter(request.text, name, imports.endOffset) ? importWeight : unusedImportWeight;
    if ((weights.get(name) ?? 0) < weight) weights.set(name, weight);
  }
  // Names used elsewhere in the file: a weak signal, bounded so a huge file does not slow the lookup.
  let fileWide = 0;
  for (const name of index.file(request.path)?.references ?? []) {
    if (fileWide >= maxFileWideNames) break;
    if (weights.has(name) || local.has(name) || index.definitionsOf(name).length === 0) continue;
    weights.set(name, 0.12);
    fileWide++;
  }

  // After `new`, a class is being written: not a function, a type or a member.
  const constructing = /\bnew\s+[\w$]*$/.test(request.text.slice(request.text.lastIndexOf('\n', cursorOffset - 1) + 1, cursorOffset));
  const usable = usableFrom(request.path);
  const candidates: Candidates = new Map();
  for (const [name, weight] of weights) {
    const refs = index.definitionsOf(name).filter((r) => r.path !== request.path && usable(r.path));
    if (refs.length === 0) continue;
    const files = new Set(refs.map((r) => r.path)).size;
    const where = weight >= cursorLineWeight ? 'used at the cursor' : weight > 0.12 ? 'used near the cursor' : 'used in this file';
    const why = `defines \`${name}\` (${where})`;
    for (let r = 0; r < refs.length && r < maxCandidatesPerName; r++) {
      const ref = refs[r]!;
      const container = ref.definition.container;
      const ambiguity = container !== undefined && weights.has(container) ? containerInPlay : 1 / Math.sqrt(files);
      const syntax = constructing ? (ref.definition.kind === 'class' ? newClassWeight : 0.5) : 1;
      const score = weight * ambiguity * syntax * kindWeight[ref.definition.kind] * (0.3 + 0.7 * rank(ref.path));
      if (outranked(candidates, ref, score)) continue;
      offer(candidates, { ref, score, why });
    }
  }
  addReceiverMembers(index, request, cursorOffset, candidates, usable);
  return { candidates, window };
}

/** Whether the code in `path` can use definitions of another file, by language (memoized per file: a lookup asks thousands of times). */
function usableFrom(path: string): (other: string) => boolean {
  const known = new Map<string, boolean>();
  return (other) => {
    let usable = known.get(other);
    if (usable === undefined) known.set(other, (usable = sameLanguageFamily(path, other)));
    return usable;
  };
}

const importWeight = 0.45;
const unusedImportWeight = 0.8;
const newClassWeight = 2;
const maxFileWideNames = 300;
const importLine = /^\s*(?:import\b|from\s+\S+\s+import\b|export\s+(?:\{|\*).*\bfrom\b|use\s|using\s|#\s*include\b|require(?:_once)?\b|(?:const|let|var)\s.*\brequire\s*\()/;
const importScanLines = 200;

/**
 * Identifiers on the import lines at the head of a file (import, from ... import, use, using,
 * #include, require), and the offset where the last of those lines ends.
 */
function importedNames(lines: readonly string[]): { names: Set<string>; endOffset: number } {
  const names = new Set<string>();
  let inBlock = false;
  let offset = 0;
  let endOffset = 0;
  for (let i = 0; i < Math.min(lines.length, importScanLines); i++) {
    const line = lines[i]!;
    offset += line.length + 1;
    // A multi-line `import {\n a,\n b\n} from '...'` continues until its closing brace.
    if (!inBlock && !importLine.test(line)) continue;
    inBlock = /[{(]\s*$/.test(line) || (inBlock && !/[})]/.test(line));
    endOffset = offset;
    for (const { name } of identifierOccurrences(line.replace(/(['"]).*?\1/g, ''))) names.add(name);
  }
  return { names, endOffset };
}

/** Members per receiver worth offering: the best by how much of the name is typed and how widely each is used. */
const maxMembers = 60;
/** With more members than this on offer, each is sent as its signature alone (no doc comment). */
const compactAbove = 12;
const memberWeight = 1.1;

/**
 * After `receiver.` the member being written is not in the text yet: the definitions the
 * receiver offers (its module or its class) are candidates, those matching what is typed of the
 * name first, then the most used across the workspace.
 */
function addReceiverMembers(index: KnowledgeIndex, request: Omit<ContextRequest, 'readLines'>, cursorOffset: number, candidates: Candidates, usable: (path: string) => boolean): void {
  const lineStart = request.text.lastIndexOf('\n', cursorOffset - 1) + 1;
  const access = memberAccessAt(request.text.slice(lineStart, cursorOffset));
  if (!access) return;
  const found = receiverMembers(index, request.path, request.text, access, cursorOffset);
  if (!found) return;
  const partial = access.partial.toLowerCase();
  const scale = Math.log(1 + index.maxUses);
  const usedHere = new Set(index.file(request.path)?.references ?? []); // a member this file calls elsewhere is likely again
  const scored = found.members
    .filter((m) => m.definition.name.toLowerCase().startsWith(partial) && usable(m.path))
    .map((ref) => ({ ref, score: memberWeight * (partial ? 1.5 : 1) * (usedHere.has(ref.definition.name) ? 2 : 1) * kindWeight[ref.definition.kind] * (0.3 + 0.7 * Math.log(1 + index.usesOf(ref.definition.name)) / scale) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, maxMembers);
  const why = `member of \`${access.receiver}\` (${found.source})`;
  for (const { ref, score } of scored) offer(candidates, { ref, score, why, compact: scored.length > compactAbove });
}

async function addQuestionCandidates(index: KnowledgeIndex, request: ContextRequest, candidates: Candidates): Promise<void> {
  const question = request.question!;
  const named = new Set(identifierOccurrences(question).map((o) => o.name));
  const mentionedFiles = [...index.files()].filter((f) => question.includes(f.path)).map((f) => f.path);
  const rank = index.ranks([request.path, ...(request.focus ?? []), ...mentionedFiles]);
  // Symbols the question names outright rank above anything found by its words.
  for (const name of named) {
    const refs = index.definitionsOf(name);
    if (refs.length === 0) continue;
    const ambiguity = 1 / Math.sqrt(new Set(refs.map((r) => r.path)).size);
    for (const ref of refs.slice(0, maxCandidatesPerName)) {
      offer(candidates, { ref, score: 2 * ambiguity * (0.5 + 0.5 * rank(ref.path)), why: `defines \`${name}\` (named in the question)`, whole: true });
    }
  }
  const hits = index.searchChunks(question, 40);
  const best = hits[0]?.score ?? 0;
  for (const hit of hits) {
    const file = index.file(hit.path);
    if (!file || hit.definition < 0) continue;
    const definition = file.definitions[hit.definition];
    if (!definition) continue;
    const score = 1.2 * (hit.score / best) * (0.5 + 0.5 * rank(hit.path));
    offer(candidates, { ref: { path: hit.path, definition, index: hit.definition }, score, why: `matches '${hit.matched.join(' ')}'`, whole: true });
  }
}

/**
 * Candidates are keyed by their definition object (one per definition in the index): a lookup
 * offers thousands, and a string key for each was most of the garbage it made.
 */
type Candidates = Map<SymbolDefinition, Candidate>;

/** Already offered with at least this score: the caller need not build the candidate. */
function outranked(candidates: Candidates, ref: DefinitionRef, score: number): boolean {
  const known = candidates.get(ref.definition);
  return known !== undefined && known.score >= score;
}

function offer(candidates: Candidates, candidate: Candidate): void {
  const key = candidate.ref.definition;
  const known = candidates.get(key);
  if (!known) candidates.set(key, candidate);
  else if (known.score < candidate.score) candidates.set(key, known.whole ? { ...candidate, whole: true } : { ...candidate, compact: candidate.compact === true && known.compact === true });
}

function ordered(candidates: Candidates): Candidate[] {
  return [...candidates.values()].sort((a, b) => b.score - a.score || (a.ref.path < b.ref.path ? -1 : a.ref.path > b.ref.path ? 1 : a.ref.index - b.ref.index));
}

function packSync(candidates: Candidates, budget: number): ContextItem[] {
  const sorted = ordered(candidates);
  const top = sorted[0]?.score ?? 1;
  const chosen: ContextItem[] = [];
  let used = 0;
  for (const c of sorted) {
    if (used >= budget) break;
    const item = summaryItem(c, top);
    if (used + item.tokens > budget || overlaps(chosen, item)) continue;
    chosen.push(item);
    used += item.tokens;
  }
  return chosen;
}

async function pack(_index: KnowledgeIndex, candidates: Candidates, request: ContextRequest): Promise<ContextItem[]> {
  const sorted = ordered(candidates);
  const top = sorted[0]?.score ?? 1;
  const chosen: ContextItem[] = [];
  let used = 0;
  for (const c of sorted) {
    if (used >= request.budget) break;
    let item = summaryItem(c, top);
    const { range } = c.ref.definition;
    if (c.whole && request.readLines && range.end > item.endLine) {
      const end = Math.min(range.end, range.start + maxChunkLines - 1);
      const text = await request.readLines(c.ref.path, range.start, end);
      const tokens = text === undefined ? Infinity : estimateTokens(text);
      if (text !== undefined && used + tokens <= request.budget) item = { ...item, kind: 'snippet', startLine: range.start, endLine: end, text, tokens };
    }
    if (used + item.tokens > request.budget || overlaps(chosen, item)) continue;
    chosen.push(item);
    used += item.tokens;
  }
  return chosen;
}

function summaryItem(c: Candidate, top: number): ContextItem {
  const d = c.ref.definition;
  let start = d.summary.start;
  let text = d.text;
  if (c.compact) {
    const lines = d.text.split('\n');
    const named = lines.findIndex((l) => l.includes(d.name));
    if (named > 0) {
      start += named;
      text = lines.slice(named).join('\n');
    }
  }
  return {
    path: c.ref.path, startLine: start, endLine: d.summary.end, kind: 'definition', symbol: d.container ? `${d.container}.${d.name}` : d.name,
    tokens: estimateTokens(text), score: Math.round((c.score / top) * 1000) / 1000, why: c.why, text,
  };
}

function overlaps(chosen: readonly ContextItem[], item: ContextItem): boolean {
  return chosen.some((c) => c.path === item.path && c.startLine <= item.endLine && item.startLine <= c.endLine);
}
