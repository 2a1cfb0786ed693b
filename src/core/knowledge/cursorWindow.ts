import { completionBudget } from '../context/promptBudget';

/** 1-based line/column (UTF-16 code units, as VS Code counts) to an offset in `text`. */
export function offsetAt(text: string, line: number, col: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + Math.max(0, col - 1), end);
}

export interface CursorWindow {
  /** 1-based, inclusive: whole lines around the cursor. */
  startLine: number;
  endLine: number;
  text: string;
}

/** The completion prompt's default split (2,048 prompt tokens): the window takes the prefix and suffix shares. */
export const defaultWindowChars = (() => {
  const budget = completionBudget({ promptTokens: 2_048 });
  return { prefix: budget.prefixChars, suffix: budget.suffixChars };
})();

/**
 * The lines of the current file sent around the cursor: whole lines upwards from the cursor's
 * while they fit `prefixChars`, downwards while they fit `suffixChars` (the cursor's line always).
 */
export function cursorWindow(lines: readonly string[], cursorLine: number, chars = defaultWindowChars): CursorWindow {
  const at = Math.min(Math.max(1, cursorLine), Math.max(1, lines.length));
  let start = at;
  let used = (lines[at - 1] ?? '').length + 1;
  while (start > 1 && used + lines[start - 2]!.length + 1 <= chars.prefix) used += lines[--start - 1]!.length + 1;
  let end = at;
  let below = 0;
  while (end < lines.length && below + lines[end]!.length + 1 <= chars.suffix) below += lines[end++]!.length + 1;
  return { startLine: start, endLine: end, text: lines.slice(start - 1, end).join('\n') };
}
