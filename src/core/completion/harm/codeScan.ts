import { lineCommentFor } from '../../context/commentSyntax';
import { closerFor, closers, openers } from '../text';

/** What is wrong with a stretch of code, as far as brackets and quotes go. */
export interface CodeFaults {
  /** A closer whose opener is another kind (`(]`), or that has no opener at all. */
  strayClosers: number;
  /** Openers still open at the end. */
  unclosed: number;
  /** Lines that end inside a string that cannot span lines (`'it's`). */
  openStringLines: number;
  /** The text ends inside a string or block comment (a template literal left open). */
  openAtEnd: boolean;
}

type State = 'code' | 'lineComment' | 'blockComment' | { quote: string; multiLine: boolean };

/** Languages where counting brackets and quotes says something (prose has apostrophes). */
export function isCodeLanguage(languageId: string): boolean {
  return lineCommentFor(languageId) !== undefined && !['markdown', 'plaintext', 'latex', 'tex', 'yaml', 'toml', 'ini', 'dotenv', 'bat', 'makefile', 'dockerfile', 'shellscript', 'powershell'].includes(languageId);
}

/**
 * Counts bracket and quote faults, skipping strings and comments. Used on the same window of the
 * document with and without a suggestion: the difference is what the suggestion adds.
 */
export function scanCode(text: string, languageId: string): CodeFaults {
  const lineComment = lineCommentFor(languageId) ?? '//';
  const blockComments = lineComment === '//';
  const python = languageId === 'python';
  // Strings that may span lines: Rust's "…", Go's and JavaScript's `…`, Python's triple quotes.
  const multiLineDouble = languageId === 'rust';
  const faults: CodeFaults = { strayClosers: 0, unclosed: 0, openStringLines: 0, openAtEnd: false };
  const stack: string[] = [];
  let state: State = 'code';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '\n') {
      if (state === 'lineComment') state = 'code';
      else if (typeof state === 'object' && !state.multiLine) {
        faults.openStringLines++;
        state = 'code';
      }
      continue;
    }
    if (state === 'lineComment') continue;
    if (state === 'blockComment') {
      if (ch === '*' && text[i + 1] === '/') {
        state = 'code';
        i++;
      }
      continue;
    }
    if (typeof state === 'object') {
      if (ch === '\\') i++;
      else if (text.startsWith(state.quote, i)) {
        i += state.quote.length - 1;
        state = 'code';
      }
      continue;
    }
    if (text.startsWith(lineComment, i)) state = 'lineComment';
    else if (blockComments && ch === '/' && text[i + 1] === '*') state = 'blockComment';
    else if (ch === '"' || ch === '`' || (ch === "'" && !isApostropheInCode(text, i, languageId))) {
      const triple = python && text.startsWith(ch.repeat(3), i);
      state = { quote: triple ? ch.repeat(3) : ch, multiLine: triple || ch === '`' || (ch === '"' && multiLineDouble) };
      if (triple) i += 2;
    } else if (openers.includes(ch)) stack.push(ch);
    else if (closers.includes(ch)) {
      if (closerFor[stack[stack.length - 1] ?? ''] === ch) stack.pop();
      else {
        faults.strayClosers++;
        // Recover as a reader would: the closer ends the nearest block of its kind.
        const match = stack.map((b) => closerFor[b]).lastIndexOf(ch);
        if (match >= 0) stack.length = match;
      }
    }
  }
  faults.unclosed = stack.length;
  faults.openAtEnd = state === 'blockComment' || typeof state === 'object';
  return faults;
}

/** Rust lifetimes (`&'a str`) and labels are not quotes. */
function isApostropheInCode(text: string, i: number, languageId: string): boolean {
  if (languageId !== 'rust') return false;
  return /^'[A-Za-z_]\w*(?!')/.test(text.slice(i, i + 32)) && !/^'(?:\\.|[^\\'])'/.test(text.slice(i, i + 8));
}
