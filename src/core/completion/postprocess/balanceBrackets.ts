import type { CursorContext } from '../cursorContext';
import { closerFor, leadingWhitespace } from '../text';
import { scanBrackets } from './bracketScanner';

/**
 * Closes what the completion opened and left open (it was cut by a stop rule or the token limit).
 * Brackets closed by the completion but opened before the cursor are the prefix's business and
 * stay as they are.
 *
 * - single line: the missing closers are appended, unless the line ends with an opener or a
 *   comma (the statement continues on the next line, as the user will see after Enter);
 * - multi-line: the completion is cut back to the last line after which nothing was open; if no
 *   such line exists, the closers are added, a block closer on its own line at the indentation of
 *   the line that opened it.
 */
export function balanceBrackets(text: string, cursor: CursorContext): string {
  const { unclosed, balancedLineEnds } = scanBrackets(text, cursor.linePrefix, cursor.languageId);
  if (unclosed.length === 0) return text;

  if (cursor.mode === 'singleLine') {
    if (/[([{,][ \t]*$/.test(text)) return text;
    return text.trimEnd() + unclosed.map((b) => closerFor[b.char] ?? '').reverse().join('');
  }

  const lastBalanced = balancedLineEnds.at(-1);
  if (lastBalanced !== undefined && text.slice(0, lastBalanced).trim() !== '') return text.slice(0, lastBalanced);

  let closed = text.trimEnd();
  for (const bracket of [...unclosed].reverse()) {
    const lineStart = text.lastIndexOf('\n', bracket.offset) + 1;
    const openerLine = lineStart === 0 ? cursor.linePrefix + text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length) : text.slice(lineStart, bracket.offset + 1);
    const endsLine = /^[ \t]*(?:\n|$)/.test(text.slice(bracket.offset + 1));
    closed += endsLine ? `\n${leadingWhitespace(openerLine)}${closerFor[bracket.char] ?? ''}` : (closerFor[bracket.char] ?? '');
  }
  return closed;
}
