import type { CursorContext } from '../cursorContext';
import { indentWidth, isBlank } from '../text';

/**
 * Python, cursor on a fresh line under a block header (`def area(self):`), and the model writes
 * the body at the header's level or less (it did not count the indentation already typed, or the
 * cursor sits at column 0): accepted as is, that is an IndentationError. The body moves right to
 * one level under the header, every line by the same amount so its own structure stays.
 */
export function reindentPythonBody(text: string, cursor: CursorContext): string {
  if (cursor.languageId !== 'python' || cursor.linePrefix.trim() !== '' || text.trim() === '') return text;
  const header = [...cursor.linesAbove].reverse().find((l) => !isBlank(l) && !/^[ \t]*#/.test(l));
  if (header === undefined || !opensPythonBlock(header)) return text;
  const { tabSize } = cursor.indentation;
  const lines = text.split('\n');
  const firstWidth = indentWidth(cursor.linePrefix, tabSize) + indentWidth(lines[0] ?? '', tabSize);
  const headerWidth = indentWidth(header, tabSize);
  if (firstWidth > headerWidth) return text;
  const shift = ' '.repeat(headerWidth + tabSize - firstWidth);
  return lines.map((line) => (isBlank(line) ? line : shift + line)).join('\n');
}

/** `def f(x):`, `if ready:  # comment`, `else:`: the line ends with the colon that opens a block (not one inside brackets). */
export function opensPythonBlock(line: string): boolean {
  const code = line.replace(/#[^'"]*$/, '').trimEnd();
  if (!code.endsWith(':') || code.trim() === '') return false;
  let depth = 0;
  for (const ch of code) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return depth <= 0;
}
