import { opensPythonBlock } from '../postprocess/pythonBody';
import { indentWidth, isBlank } from '../text';

/** A window of document lines with a suggestion in it: which lines it wrote. */
export interface LineWindow {
  lines: readonly string[];
  /** Index of the cursor line (the suggestion's first line is on it). */
  first: number;
  /** Index of the suggestion's last line. */
  last: number;
  /** The cursor line holds nothing but indentation before the suggestion: its first line is a fresh line too. */
  freshFirst: boolean;
  tabSize: number;
}

/**
 * Python indentation errors on the suggestion's lines and the code line after them: a block
 * header with nothing indented under it (counted on the header when the suggestion wrote it), an
 * indented line nothing opened, a dedent to a level that does not exist. Returns the offending
 * line indices.
 */
export function pythonIndentErrors(window: LineWindow): number[] {
  const errors: number[] = [];
  const { lines, tabSize } = window;
  let stack: number[] = [];
  let header: number | undefined;
  let depth = 0;
  let continued = false;
  let inTriple: string | undefined;
  const end = Math.min(lines.length - 1, nextCodeLine(window));
  for (let i = 0; i <= end; i++) {
    const line = lines[i] ?? '';
    const triples = line.match(/"""|'''/g) ?? [];
    const wasInTriple = inTriple !== undefined;
    for (const t of triples) inTriple = inTriple === undefined ? t : inTriple === t ? undefined : inTriple;
    if (wasInTriple || isBlank(line) || /^[ \t]*#/.test(line)) continue;
    const width = indentWidth(line, tabSize);
    const judged = i >= window.first && i <= end;
    if (depth > 0 || continued) {
      // a continuation line: any indentation is allowed
    } else if (stack.length === 0) {
      stack = [width];
    } else if (header !== undefined) {
      if (width <= (stack[stack.length - 1] ?? 0)) {
        if (judged || header >= window.first) errors.push(header >= window.first ? header : i);
        stack = popTo(stack, width);
      } else stack.push(width);
    } else if (width > (stack[stack.length - 1] ?? 0)) {
      if (judged) errors.push(i);
      stack.push(width);
    } else if (width < (stack[stack.length - 1] ?? 0)) {
      stack = popTo(stack, width);
      if ((stack[stack.length - 1] ?? width) !== width && judged) errors.push(i);
      if (stack.length === 0 || (stack[stack.length - 1] ?? 0) < width) stack.push(width);
    }
    const code = line.replace(/#[^'"]*$/, '');
    depth = Math.max(0, depth + bracketDelta(code));
    continued = /\\[ \t]*$/.test(code);
    header = depth === 0 && !continued && opensPythonBlock(line) ? i : undefined;
  }
  // The suggestion ends with a header and nothing follows it: nothing will be indented under it.
  if (header !== undefined && header >= window.first && header <= window.last && !errors.includes(header)) errors.push(header);
  return errors.filter((i) => i >= window.first && i <= end);
}

/**
 * Brace languages: a suggestion line indented deeper than the line before it allows (its level
 * after a finished statement or a closing brace, one level more after anything else), the way a
 * model indents when it did not see the indentation already typed. Lines inside an open
 * parenthesis (aligned arguments) and comment continuations are not judged.
 */
export function overIndentedLines(window: LineWindow): number[] {
  const found: number[] = [];
  const { lines, tabSize } = window;
  for (let i = window.freshFirst ? window.first : window.first + 1; i <= window.last; i++) {
    const line = lines[i] ?? '';
    if (isBlank(line) || /^[ \t]*\*/.test(line)) continue;
    const before = previousCodeLine(lines, i);
    if (before === undefined) continue;
    const previous = before.trimEnd();
    if (bracketDelta(previous.replace(/[{}]/g, '')) > 0) continue;
    const finished = /[;}]$/.test(previous) || /^[ \t]*\/\//.test(previous);
    const allowed = indentWidth(previous, tabSize) + (finished ? 0 : tabSize);
    if (indentWidth(line, tabSize) > allowed) found.push(i);
  }
  return found;
}

/** A file indented with tabs: suggestion lines whose indentation has spaces in it (gofmt would rewrite them). */
export function spaceIndentedLines(window: LineWindow, firstLineText: string): number[] {
  const found: number[] = [];
  if (window.freshFirst && /^[\t ]* /.test(firstLineText) && !/^[ \t]*\*/.test(firstLineText)) found.push(window.first);
  for (let i = window.first + 1; i <= window.last; i++) {
    const line = window.lines[i] ?? '';
    if (!isBlank(line) && /^[\t ]* /.test(line) && !/^[ \t]*\*/.test(line)) found.push(i);
  }
  return found;
}

function nextCodeLine(window: LineWindow): number {
  for (let i = window.last + 1; i < window.lines.length; i++) if (!isBlank(window.lines[i] ?? '')) return i;
  return window.last;
}

function previousCodeLine(lines: readonly string[], index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) if (!isBlank(lines[i] ?? '')) return lines[i];
  return undefined;
}

function popTo(stack: number[], width: number): number[] {
  const kept = [...stack];
  while (kept.length > 0 && (kept[kept.length - 1] ?? 0) > width) kept.pop();
  return kept;
}

/** Openers minus closers on a line, strings not counted (a rough count: enough to tell a continuation). */
function bracketDelta(line: string): number {
  let delta = 0;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') delta++;
    else if (ch === ')' || ch === ']' || ch === '}') delta--;
  }
  return delta;
}
