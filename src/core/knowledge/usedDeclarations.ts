import type { DefinitionRef, KnowledgeIndex } from './knowledgeIndex';
import { identifierOccurrences } from './identifiers';
import { sameLanguageFamily, type SymbolKind } from './languages';

/** A declaration from another workspace file that the code under edit uses (the shape of core/testing's UsedSymbol). */
export interface UsedDeclaration {
  name: string;
  /** Workspace-relative. */
  path: string;
  /** 1-based first line of `text`. */
  startLine: number;
  text: string;
}

export interface DeclarationsRequest {
  /** Workspace-relative path of the file under edit. */
  path: string;
  /** The code under edit (a range, a function, or the whole file). */
  text: string;
  /** Names already covered (e.g. by the import walk): left out. */
  exclude?: ReadonlySet<string>;
  /** Whether a file's declarations may be sent (the privacy gate as it is now; the index may predate a change of the rules). */
  mayRead?: (path: string) => boolean;
  maxSymbols?: number;
  /** Longer declarations are cut to this many lines. */
  maxLines?: number;
  /**
   * Lines `start..end` (1-based) of a workspace file, secrets redacted: a declaration is sent
   * whole (up to `maxLines`). Without it, its signature and doc comment from the index.
   */
  readLines?: (path: string, start: number, end: number) => Promise<string | undefined>;
}

const kindWeight: Readonly<Record<SymbolKind, number>> = { class: 1, interface: 1, type: 1, enum: 1, function: 0.95, constant: 0.9, method: 0.8, macro: 0.8, variable: 0.6, module: 0.4 };
/** A name defined in more files than this is too common to say which one is meant (`get`, `init`). */
const maxDefiningFiles = 4;

/**
 * The declarations of what a piece of code uses, from the workspace index: every name it uses
 * that another file defines — imported or not (a global, a type of the same package, a method
 * whose class the file uses) — the definition in the file best ranked around the file under
 * edit (personalized PageRank) when a name has several. Members count only when their class or
 * module is used too. Ignored and sensitive files are not in the index, so never in the answer.
 */
export async function declarationsUsedBy(index: KnowledgeIndex, request: DeclarationsRequest): Promise<UsedDeclaration[]> {
  const maxSymbols = request.maxSymbols ?? 8;
  const maxLines = request.maxLines ?? 40;
  const own = index.file(request.path);
  const local = new Set(own?.definitions.map((d) => d.name) ?? []);
  const counts = new Map<string, number>();
  for (const { name } of identifierOccurrences(request.text)) if (!local.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  const inPlay = new Set([...counts.keys(), ...(own?.references ?? [])]);
  const rank = index.ranks([request.path]);

  const chosen: Array<{ name: string; ref: DefinitionRef; score: number }> = [];
  for (const [name, count] of counts) {
    if (request.exclude?.has(name)) continue;
    const refs = index.definitionsOf(name).filter((r) => r.path !== request.path && sameLanguageFamily(request.path, r.path) && (r.definition.container === undefined || inPlay.has(r.definition.container)) && (request.mayRead?.(r.path) ?? true));
    const files = new Set(refs.map((r) => r.path)).size;
    if (files === 0 || files > maxDefiningFiles) continue;
    let best: { ref: DefinitionRef; score: number } | undefined;
    for (const ref of refs) {
      const score = (1 + Math.log(count)) * kindWeight[ref.definition.kind] * (0.3 + 0.7 * rank(ref.path)) / Math.sqrt(files);
      if (!best || score > best.score) best = { ref, score };
    }
    if (best) chosen.push({ name, ...best });
  }
  chosen.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));

  const found: UsedDeclaration[] = [];
  const taken: Array<{ path: string; start: number; end: number }> = [];
  for (const { name, ref } of chosen) {
    if (found.length >= maxSymbols) break;
    const { range, summary, text } = ref.definition;
    // A method inside a class already sent is sent with it.
    if (taken.some((t) => t.path === ref.path && t.start <= range.start && range.end <= t.end)) continue;
    let declaration: UsedDeclaration = { name, path: ref.path, startLine: summary.start, text };
    if (request.readLines && range.end > summary.end) {
      const end = Math.min(range.end, range.start + maxLines - 1);
      const whole = await request.readLines(ref.path, range.start, end);
      if (whole !== undefined) declaration = { name, path: ref.path, startLine: range.start, text: end < range.end ? `${whole}\n${cutNote(ref.path, range.end - end)}` : whole };
    }
    found.push(declaration);
    taken.push({ path: ref.path, start: range.start, end: range.end });
  }
  return found;
}

function cutNote(path: string, more: number): string {
  const comment = /\.(py|rb|sh)$/.test(path) ? '#' : '//';
  return `${comment} … (${more} more lines)`;
}
