/**
 * A text as lines plus everything needed to write it back byte for byte: the BOM, each line's own
 * terminator (files with mixed CRLF/LF keep theirs), and whether the last line ends in a newline.
 */
export interface LineText {
  bom: boolean;
  /** Lines without terminators. An empty text has no lines. */
  lines: string[];
  /** The terminator after each line; '' only after the last line of a text without final newline. */
  eols: string[];
  /** The terminator new lines get: the one most lines use. */
  eol: '\n' | '\r\n';
}

const BOM = '\uFEFF';

export function splitText(text: string): LineText {
  const bom = text.startsWith(BOM);
  const body = bom ? text.slice(1) : text;
  if (body === '') return { bom, lines: [], eols: [], eol: '\n' };
  const lines = body.split('\n');
  const eols = new Array<string>(lines.length);
  let crlf = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i]!;
    if (line.charCodeAt(line.length - 1) === 13) {
      lines[i] = line.slice(0, -1);
      eols[i] = '\r\n';
      crlf++;
    } else eols[i] = '\n';
  }
  // A text ending in a newline has no line after it; otherwise the last line has no terminator.
  if (lines[lines.length - 1] === '') {
    lines.pop();
    eols.pop();
  } else eols[lines.length - 1] = '';
  return { bom, lines, eols, eol: crlf * 2 > eols.length ? '\r\n' : '\n' };
}

export function hasFinalNewline(text: LineText): boolean {
  return text.lines.length > 0 && text.eols[text.eols.length - 1] !== '';
}

/** Model output is LF text; this splits it into plain lines (a trailing newline adds no empty line). */
export function toLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Lines each ending in its terminator: the unit hunks are made of, so accepting hunks reproduces exact text. */
export function splitKeepingEols(text: string): string[] {
  const tokens: string[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline + 1;
    tokens.push(text.slice(start, end));
    start = end;
  }
  return tokens;
}

export function stripEol(line: string): string {
  return line.endsWith('\r\n') ? line.slice(0, -2) : line.endsWith('\n') ? line.slice(0, -1) : line;
}
