/** Small text helpers shared by the completion filters. */

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** Visual width of a line's indentation (a tab advances to the next tab stop). */
export function indentWidth(line: string, tabSize: number): number {
  let width = 0;
  for (const ch of leadingWhitespace(line)) width = ch === '\t' ? width + tabSize - (width % tabSize) : width + 1;
  return width;
}

export const isBlank = (line: string): boolean => line.trim() === '';

export const openers = '([{';
export const closers = ')]}';
export const closerFor: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

/** The line starts (after indentation) with a closing bracket: `}`, `});`, `] as const`. */
export const startsWithCloser = (line: string): boolean => closers.includes(line.trimStart()[0] ?? '');

/** Only closing brackets, quotes and statement punctuation: what editors auto-insert after the cursor. */
export const isClosersOnly = (text: string): boolean => /^[\s)\]}'"`;,]*$/.test(text);

/** Non-whitespace characters: how much a line says (a lone `}` says little). */
export function significantLength(text: string): number {
  let count = 0;
  for (const ch of text) if (ch !== ' ' && ch !== '\t' && ch !== '\n' && !closers.includes(ch)) count++;
  return count;
}

export function lineBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
