import { redactSecrets } from './redact';
import type { FileRelation, RelatedFile } from './relatedFiles';

export interface SelectedSnippet {
  path: string;
  text: string;
  relation: FileRelation;
  /** Similarity to the code around the cursor, 0..1 (weighted by relation). */
  score: number;
}

interface Window {
  startLine: number;
  text: string;
  tokens: ReadonlySet<string>;
}

interface IndexedFile {
  version: number | undefined;
  text: string;
  windows: Window[];
}

const windowLines = 20;
const windowStep = 10;
const maxIndexedChars = 200_000; // a generated or minified giant adds nothing a window of it could
const maxWindowsPerFile = 2;
const minScore = 0.04;
const relationWeight: Readonly<Record<FileRelation, number>> = { import: 1.2, recentEdit: 1, open: 0.8, definition: 1.3 };

/**
 * Picks the parts of related files that look most like the code at the cursor: sliding windows
 * of 20 lines scored by identifier overlap (Jaccard) with the lines around the cursor, the way
 * editors' "neighbouring tabs" context works. Windows are indexed once per file version, so a
 * request costs one pass over the cached token sets.
 */
export class SnippetSelector {
  private readonly index = new Map<string, IndexedFile>();

  select(files: readonly RelatedFile[], cursorText: string, maxChars: number): SelectedSnippet[] {
    if (maxChars <= 0 || files.length === 0) return [];
    const query = identifiers(cursorText);
    if (query.size === 0) return [];
    const candidates: SelectedSnippet[] = [];
    for (const file of files) {
      const scored = this.windowsOf(file)
        .map((w) => ({ window: w, score: jaccard(query, w.tokens) * relationWeight[file.relation] }))
        .filter((s) => s.score >= minScore)
        .sort((a, b) => b.score - a.score);
      const taken: Window[] = [];
      for (const { window, score } of scored) {
        if (taken.length >= maxWindowsPerFile) break;
        if (taken.some((t) => Math.abs(t.startLine - window.startLine) < windowLines)) continue; // no overlapping windows
        taken.push(window);
        candidates.push({ path: file.path, text: window.text, relation: file.relation, score });
      }
    }
    candidates.sort((a, b) => b.score - a.score);
    const chosen: SelectedSnippet[] = [];
    let used = 0;
    for (const snippet of candidates) {
      const cost = snippet.text.length + snippet.path.length + 16;
      if (used + cost > maxChars) continue;
      chosen.push(snippet);
      used += cost;
    }
    return chosen.reverse(); // most relevant last: nearest to the cursor in the prompt
  }

  /** Forget files no longer offered (keeps the index from growing over a long session). */
  retainOnly(paths: Iterable<string>): void {
    const keep = new Set(paths);
    for (const path of this.index.keys()) if (!keep.has(path)) this.index.delete(path);
  }

  private windowsOf(file: RelatedFile): Window[] {
    const cached = this.index.get(file.path);
    const same = cached && (file.version !== undefined ? cached.version === file.version : cached.text === file.text);
    if (cached && same) return cached.windows;
    // Redacted once per version, on the whole file: a window cut inside a key block is still known as one.
    const windows = buildWindows(redactSecrets(file.text, { languageId: file.languageId, path: file.path }).text.slice(0, maxIndexedChars));
    this.index.set(file.path, { version: file.version, text: file.text, windows });
    return windows;
  }
}

function buildWindows(text: string): Window[] {
  const lines = text.split('\n');
  const windows: Window[] = [];
  for (let start = 0; start < lines.length; start += windowStep) {
    const body = lines.slice(start, start + windowLines).join('\n');
    if (body.trim() !== '') windows.push({ startLine: start, text: body, tokens: identifiers(body) });
    if (start + windowLines >= lines.length) break;
  }
  return windows;
}

const identifierPattern = /[A-Za-z_$][A-Za-z0-9_$]{2,}/g;
/** Keywords and common type names of the usual languages: shared by all code, they say nothing about relevance. */
const keywords = new Set((
  'abstract and any as async await bool boolean break case catch char class const continue def default defer del delete do elif else enum '
  + 'except export extends false final finally float for from func function get go impl implements import in int interface is lambda let '
  + 'match mod module mut new nil none not null number object of package pass private protected pub public raise readonly return self set '
  + 'static str string struct super switch this throw throws true try type typeof undefined use var void while with yield'
).split(' '));

/** The distinctive identifiers of a piece of code (keywords left out). */
export function identifiers(text: string): Set<string> {
  const found = new Set<string>();
  for (const match of text.matchAll(identifierPattern)) {
    if (!keywords.has(match[0].toLowerCase())) found.add(match[0]);
  }
  return found;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const token of small) if (large.has(token)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}
