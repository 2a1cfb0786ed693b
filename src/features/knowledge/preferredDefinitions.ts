import type { ContextItem, KnowledgeIndex } from '../../core/knowledge';
import { estimateTokens } from '../../core/llm/tokens';

/** Plain TypeScript (no `vscode`): where a language server's answer meets the index's. */

const identifierPattern = /[A-Za-z_$][A-Za-z0-9_$]*/g;
const keywords = new Set(['const', 'let', 'var', 'new', 'return', 'await', 'async', 'function', 'class', 'this', 'self', 'if', 'else', 'for', 'while', 'import', 'from', 'export', 'def', 'fn', 'pub', 'true', 'false', 'null', 'undefined', 'None', 'typeof', 'in', 'of']);

/**
 * The symbols at the cursor worth asking a language server about: the last identifiers on the
 * cursor's line before it (the call being written, its receiver), nearest first.
 */
export function cursorSymbols(linePrefix: string, max = 2): Array<{ name: string; character: number }> {
  const found: Array<{ name: string; character: number }> = [];
  for (const match of linePrefix.matchAll(identifierPattern)) {
    if (keywords.has(match[0]) || /^\d/.test(match[0])) continue;
    found.push({ name: match[0], character: match.index });
  }
  const seen = new Set<string>();
  return found.reverse().filter((s) => (seen.has(s.name) ? false : (seen.add(s.name), true))).slice(0, max);
}

/**
 * The index's definition at a location a language server gave (1-based line): the innermost one
 * whose range holds the line, as an item with its signature and doc comment. Undefined when the
 * file is not indexed (outside the workspace, ignored, a library).
 */
export function definitionAt(index: KnowledgeIndex, path: string, line: number, name?: string): ContextItem | undefined {
  const file = index.file(path);
  if (!file) return undefined;
  let best: (typeof file.definitions)[number] | undefined;
  for (const d of file.definitions) {
    if (d.range.start > line || d.range.end < line) continue;
    if (!best || d.range.end - d.range.start < best.range.end - best.range.start) best = d;
  }
  if (!best) return undefined;
  return {
    path, startLine: best.summary.start, endLine: best.summary.end, kind: 'definition',
    symbol: best.container ? `${best.container}.${best.name}` : best.name,
    tokens: estimateTokens(best.text), score: 1, why: `defines \`${name ?? best.name}\` (language server)`, text: best.text,
  };
}

/**
 * The language server's definitions first (it knows the types: `users.findById` is the one on
 * `UserRepository`), then the index's ranked items not already there, within `budget` tokens.
 */
export function preferServerDefinitions(server: readonly ContextItem[], fromIndex: readonly ContextItem[], budget: number): ContextItem[] {
  const chosen: ContextItem[] = [];
  let used = 0;
  const overlaps = (item: ContextItem) => chosen.some((c) => c.path === item.path && c.startLine <= item.endLine && item.startLine <= c.endLine);
  for (const item of [...server, ...fromIndex]) {
    if (item.kind === 'window' || used + item.tokens > budget || overlaps(item)) continue;
    chosen.push(item);
    used += item.tokens;
  }
  return chosen;
}
