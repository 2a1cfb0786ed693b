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
 *   the line that opened it, unless the line after the cursor already closes that block.
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
  const suffixCloser = nextLineCloser(cursor);
  for (const bracket of [...unclosed].reverse()) {
    const lineStart = text.lastIndexOf('\n', bracket.offset) + 1;
    const openerLine = lineStart === 0 ? cursor.linePrefix + text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length) : text.slice(lineStart, bracket.offset + 1);
    const endsLine = /^[ \t]*(?:\n|$)/.test(text.slice(bracket.offset + 1));
    const closer = closerFor[bracket.char] ?? '';
    // `() => {` cut inside its body, and the next line is `});` at the opener's indentation: the
    // code already closes it; adding `}` would close it twice.
    if (endsLine && suffixCloser.consume(leadingWhitespace(openerLine), closer)) continue;
    closed += endsLine ? `\n${leadingWhitespace(openerLine)}${closer}` : closer;
  }
  return closed;
}

/**
 * The closers that start the first non-blank line after the cursor, taken one at a time in order,
 * each only by a block opened at that line's indentation (the same indentation is what says the
 * closer belongs to that block and not to an enclosing one).
 */
function nextLineCloser(cursor: CursorContext): { consume(indent: string, closer: string): boolean } {
  const line = cursor.lineSuffix.trim() === '' ? cursor.linesBelow.find((l) => l.trim() !== '') : undefined;
  const indent = line === undefined ? '' : leadingWhitespace(line);
  let rest = line === undefined ? '' : line.trim();
  return {
    consume(openerIndent: string, closer: string): boolean {
      if (openerIndent !== indent || !rest.startsWith(closer)) return false;
      rest = rest.slice(closer.length).trimStart();
      return true;
    },
  };
}
