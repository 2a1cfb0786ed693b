import { screenLines } from '../../../core/testing/parse/terminal';

// Terminal data as the panel and the model need it. The panel renders colours, so they stay in the
// stream it gets; the model gets the plain lines a person would have seen.

/** OSC sequences (shell integration marks, titles, hyperlinks): never meant for a reader. */
// eslint-disable-next-line no-control-regex -- escape sequences are made of control characters
const oscSequence = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/** A chunk for display: OSC marks dropped, CRLF as LF; colours kept. */
export function displayText(chunk: string): string {
  return chunk.replace(oscSequence, '').replace(/\r\n/g, '\n');
}

/** The captured terminal stream as plain text: escapes dropped, redrawn lines replayed. */
export function plainText(raw: string): string {
  return screenLines(raw).join('\n').replace(/\s+$/, '');
}

/** Text for a terminal (Pseudoterminal.write): every line break as CRLF. */
export function forTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
