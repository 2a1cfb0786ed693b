import type { CursorContext } from '../cursorContext';
import { isClosersOnly, leadingWhitespace } from '../text';

export interface Insertion {
  insertText: string;
  /** Characters after the cursor (on its line) the text replaces. */
  replaceLength: number;
}

/**
 * Fits a completion to the text after the cursor on the same line, typically what the editor
 * auto-closed (`)`, `"]`, `}`):
 * - the completion ends with that text (or its start: `a + b }` before `};`): the duplicate is dropped;
 * - it re-types those closers among its own characters (`a, b);` before `)`): the item replaces
 *   them, so the line reads `f(a, b);` and VS Code shows the existing `)` in place;
 * - a multi-line completion before a closer (`{|}`): the closer moves to its own line at the
 *   cursor line's indentation.
 * Applied last, and again on every cache hit (the text after the cursor may have changed).
 */
export function fitToLineSuffix(text: string, cursor: Pick<CursorContext, 'linePrefix' | 'lineSuffix'>): Insertion {
  const existing = cursor.lineSuffix.trimEnd();
  if (existing.trim() === '') return { insertText: text, replaceLength: 0 };

  const newline = text.lastIndexOf('\n');
  if (newline >= 0) {
    const lastLine = text.slice(newline + 1);
    if (lastLine.trim() === existing.trim()) return { insertText: text.slice(0, newline + 1) + leadingWhitespace(lastLine), replaceLength: 0 };
    if (isClosersOnly(existing) && lastLine.trim() !== '') return { insertText: `${text}\n${leadingWhitespace(cursor.linePrefix)}`, replaceLength: 0 };
    return { insertText: text, replaceLength: 0 };
  }

  if (text.endsWith(existing)) return { insertText: text.slice(0, text.length - existing.length), replaceLength: 0 };
  if (!isClosersOnly(existing)) return { insertText: text, replaceLength: 0 };
  // `a + b }` before `};`: the completion ends with the start of what is there.
  for (let k = existing.length - 1; k >= 1; k--) {
    if (text.endsWith(existing.slice(0, k))) return { insertText: text.slice(0, text.length - k), replaceLength: 0 };
  }
  if (isSubsequence(existing.replace(/\s+/g, ''), text)) return { insertText: text, replaceLength: existing.length };
  return { insertText: text, replaceLength: 0 };
}

function isSubsequence(needle: string, haystack: string): boolean {
  let found = 0;
  for (let i = 0; i < haystack.length && found < needle.length; i++) if (haystack[i] === needle[found]) found++;
  return found === needle.length;
}
