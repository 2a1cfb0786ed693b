/**
 * Turns raw runner output into the plain lines a person would see on screen.
 *
 * Captured task output is a terminal stream: colours, CRLF line ends, progress lines redrawn
 * with '\r', and live summaries that Vitest erases with cursor-up + erase-line before printing
 * the final report. Stripping escapes alone would leave every redrawn frame in the text (and
 * parsers would read stale totals), so this replays the few cursor movements runners use on a
 * line buffer and drops every other escape sequence.
 */
export function screenLines(raw: string): string[] {
  const lines: string[] = [''];
  let row = 0;
  let col = 0;

  const write = (text: string): void => {
    const current = lines[row] ?? '';
    const padded = current.length < col ? current + ' '.repeat(col - current.length) : current;
    lines[row] = padded.slice(0, col) + text + padded.slice(col + text.length);
    col += text.length;
  };

  // One token per step: an escape sequence, a line break, a control character, or a run of text
  // (tabs included).
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  const token = /\x1b\[([0-?]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]|\r\n?|\n|[\x00-\x08\x0a-\x1f\x7f]|([^\x00-\x08\x0a-\x1f\x7f]+)/g;
  for (const match of raw.matchAll(token)) {
    const [text, params, final, printable] = match;
    if (final !== undefined) {
      const n = params && /^\d+$/.test(params) ? Number(params) : Number.NaN;
      if (final === 'A') {
        row = Math.max(0, row - (Number.isNaN(n) ? 1 : Math.max(1, n)));
        col = Math.min(col, (lines[row] ?? '').length);
      } else if (final === 'K') {
        const current = lines[row] ?? '';
        // 0 (default): to the end of the line; 1: to the start; 2: the whole line.
        if (Number.isNaN(n) || n === 0) lines[row] = current.slice(0, col);
        else if (n === 1) lines[row] = ' '.repeat(Math.min(col, current.length)) + current.slice(col);
        else lines[row] = '';
      } else if (final === 'B') {
        row += Number.isNaN(n) ? 1 : Math.max(1, n);
        while (lines.length <= row) lines.push('');
      } else if (final === 'C') {
        col += Number.isNaN(n) ? 1 : Math.max(1, n);
      } else if (final === 'D') {
        col = Math.max(0, col - (Number.isNaN(n) ? 1 : Math.max(1, n)));
      } else if (final === 'G') {
        col = Math.max(0, (Number.isNaN(n) ? 1 : n) - 1);
      }
      // Colours (m), cursor visibility (h/l) and the rest do not change the text.
    } else if (text === '\n' || text === '\r\n') {
      row++;
      col = 0;
      if (row === lines.length) lines.push('');
    } else if (text === '\r') {
      col = 0;
    } else if (printable !== undefined) {
      write(printable);
    }
    // Anything else (other escapes, bell, backspace, ...) leaves no text.
  }
  const screen = lines.map((line) => line.trimEnd());
  while (screen.length > 1 && screen[screen.length - 1] === '') screen.pop();
  return screen;
}

/**
 * Removes the first non-blank line's indentation from the lines that have at least as much, and
 * trims blank lines at both ends. Runners indent a message block but often print the further
 * lines of a multi-line message (diffs) as they are, so those keep their own indentation.
 */
export function dedent(lines: readonly string[]): string {
  const body = [...lines];
  while (body.length && !body[0]?.trim()) body.shift();
  while (body.length && !body[body.length - 1]?.trim()) body.pop();
  const indent = /^[ \t]*/.exec(body[0] ?? '')?.[0] ?? '';
  return body.map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line)).join('\n');
}
