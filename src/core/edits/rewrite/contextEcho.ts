import { indentWidth, isBlank, leadingWhitespace } from '../text/normalize';
import { scanBrackets, type CodeSyntax } from './codeScanner';
import { lessIndentedAbove } from './enclosingBlock';

/**
 * Models asked to rewrite a range often echo the code around it: the lines right before and after
 * it, or the headers of the blocks it sits in (`class Account {`, `def remove(...):`, `impl<'a> Stack<'a> {`)
 * with their closing braces, skipping what lies between. These find the lengths of such echoes at
 * the start and the end of an answer; fitToRange decides which to drop.
 */

/** Echoes mixing skipped-over block headers with adjacent lines are looked for only this long. */
const maxMixedEcho = 40;

/**
 * Every k such that the answer's first k lines echo the context before the range: block headers
 * that enclose the range (in order), then the lines right before it, all with one indentation shift.
 * When the range itself starts with the context's last lines, only longer echoes count.
 */
export function echoedPrefixes(reply: readonly string[], before: readonly string[], subject: readonly string[], syntax: CodeSyntax): number[] {
  const own = exactOverlap(subject, before, 'head');
  const headers = enclosingHeaders(before, subject, syntax);
  const found: number[] = [];
  for (let k = own + 1; k <= reply.length && k <= before.length; k++) {
    for (let t = Math.min(k, before.length); t >= 0; t--) {
      if (k - t > 0 && k > maxMixedEcho) break;
      const pairs: Array<[string, string]> = [];
      for (let i = 0; i < t; i++) pairs.push([reply[k - t + i]!, before[before.length - t + i]!]);
      if (!matchInOrder(reply.slice(0, k - t), before, headers.filter((h) => h < before.length - t), pairs)) continue;
      if (shiftedEqual(pairs)) {
        found.push(k);
        break;
      }
    }
  }
  return found;
}

/** The same at the end of the answer: the lines right after the range, then braces closing its enclosing blocks. */
export function echoedSuffixes(reply: readonly string[], after: readonly string[], subject: readonly string[], syntax: CodeSyntax): number[] {
  const own = exactOverlap(subject, after, 'tail');
  const closers = enclosingClosers(after, syntax);
  const found: number[] = [];
  for (let k = own + 1; k <= reply.length && k <= after.length; k++) {
    const tail = reply.slice(reply.length - k);
    for (let h = Math.min(k, after.length); h >= 0; h--) {
      if (k - h > 0 && k > maxMixedEcho) break;
      const pairs: Array<[string, string]> = [];
      for (let i = 0; i < h; i++) pairs.push([tail[i]!, after[i]!]);
      if (!matchInOrder(tail.slice(h), after, closers.filter((c) => c >= h), pairs)) continue;
      if (shiftedEqual(pairs)) {
        found.push(k);
        break;
      }
    }
  }
  return found;
}

/** Pairs `lines` with context lines at `allowed` indexes, in increasing order (same trimmed text); false if one finds none. */
function matchInOrder(lines: readonly string[], context: readonly string[], allowed: readonly number[], pairs: Array<[string, string]>): boolean {
  let next = 0;
  for (const line of lines) {
    if (isBlank(line)) return false;
    while (next < allowed.length && context[allowed[next]!]!.trim() !== line.trim()) next++;
    if (next === allowed.length) return false;
    pairs.push([line, context[allowed[next]!]!]);
    next++;
  }
  return true;
}

/** Same text apart from one constant indentation shift (blank lines pair with blank lines); at least one real line. */
export function shiftedEqual(pairs: ReadonlyArray<readonly [string, string]>): boolean {
  let shift: number | undefined;
  let nonBlank = 0;
  for (const [r, c] of pairs) {
    if (isBlank(r) || isBlank(c)) {
      if (isBlank(r) !== isBlank(c)) return false;
      continue;
    }
    if (r.trim() !== c.trim()) return false;
    const delta = indentWidth(leadingWhitespace(c)) - indentWidth(leadingWhitespace(r));
    if (shift === undefined) shift = delta;
    else if (shift !== delta) return false;
    nonBlank++;
  }
  return nonBlank > 0;
}

/** How many of the subject's first (last) lines equal the context's last (first) lines. */
function exactOverlap(subject: readonly string[], context: readonly string[], side: 'head' | 'tail'): number {
  let best = 0;
  for (let k = 1; k <= Math.min(subject.length, context.length); k++) {
    const ours = side === 'head' ? subject.slice(0, k) : subject.slice(subject.length - k);
    const theirs = side === 'head' ? context.slice(context.length - k) : context.slice(0, k);
    if (ours.every((line, i) => line.trimEnd() === theirs[i]!.trimEnd())) best = k;
  }
  return best;
}

/**
 * Indexes of the context lines that open a block the range sits in: lines with a `{` still open
 * at the range (and, for a brace alone on its line, the line above), and lines less indented
 * than everything after them (Python's `class`/`def` headers).
 */
function enclosingHeaders(before: readonly string[], subject: readonly string[], syntax: CodeSyntax): number[] {
  const headers = new Set<number>();
  const open: number[] = [];
  for (const bracket of scanBrackets(before, syntax)) {
    if (bracket.char === '{') open.push(bracket.line);
    else if (bracket.char === '}') open.pop();
  }
  for (const line of open) {
    headers.add(line);
    if (before[line]!.trim() === '{') {
      for (let j = line - 1; j >= 0; j--) {
        if (isBlank(before[j]!)) continue;
        headers.add(j);
        break;
      }
    }
  }
  const first = subject.find((line) => !isBlank(line));
  const width = first === undefined ? 0 : indentWidth(leadingWhitespace(first));
  for (const header of lessIndentedAbove(before, before.length, width)) headers.add(header);
  return [...headers].sort((a, b) => a - b);
}

/** Indexes of the context lines after the range that close a block opened before it. */
function enclosingClosers(after: readonly string[], syntax: CodeSyntax): number[] {
  const closers: number[] = [];
  let depth = 0;
  for (const bracket of scanBrackets(after, syntax)) {
    if (bracket.char === '{') depth++;
    else if (bracket.char === '}') {
      if (depth === 0) closers.push(bracket.line);
      else depth--;
    }
  }
  return [...new Set(closers)];
}
