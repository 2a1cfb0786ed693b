// A small language-agnostic tokenizer: what a non-exact match compares, so it can forgive layout
// (whitespace, indentation, mangled quotes and entities) and never a word, number, string or operator.
import { unmangle } from '../text/normalize';

export type TokenKind = 'word' | 'number' | 'string' | 'comment' | 'op';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Whitespace came before it (to quote tokens as they were written). */
  space?: boolean;
}

/** Longest first, so `>>=` is one token, not `>` `>=`. */
const OPERATORS = [
  '>>>=', '...', '<<=', '>>=', '===', '!==', '**=', '<=>', '??=', '&&=', '||=',
  '=>', '->', '::', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=',
  '&=', '|=', '^=', '<<', '>>', '**', ':=', '..', '<-',
];
const WORD_START = /[\p{L}_$@]/u;
const WORD_PART = /[\p{L}\p{N}_$]/u;

/**
 * The tokens of one line, after undoing entities and smart quotes. Comments keep their words
 * with whitespace collapsed; an unterminated string or block comment runs to the end of the line.
 */
export function tokenize(line: string): Token[] {
  const text = unmangle(line);
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  let space = false;
  const push = (kind: TokenKind, value: string) => {
    tokens.push(space ? { kind, text: value, space } : { kind, text: value });
    space = false;
  };
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      space = true;
      continue;
    }
    const comment = commentAt(text, i);
    if (comment !== undefined) {
      push('comment', text.slice(i, comment).replace(/\s+/g, ' ').trim());
      i = comment;
      continue;
    }
    if (c === '"' || c === '`' || (c === "'" && text.indexOf("'", i + 1) > 0 && !isLifetime(text, i))) {
      const end = stringEnd(text, i);
      push('string', text.slice(i, end));
      i = end;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && (/[\w.]/.test(text[j]!) || ((text[j] === '+' || text[j] === '-') && /[eE]/.test(text[j - 1]!) && !/^0x/i.test(text.slice(i, j))))) {
        if (text[j] === '.' && text[j + 1] === '.') break; // a range `0..10`
        j++;
      }
      push('number', text.slice(i, j));
      i = j;
      continue;
    }
    if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < n && WORD_PART.test(text[j]!)) j++;
      push('word', text.slice(i, j));
      i = j;
      continue;
    }
    const op = OPERATORS.find((candidate) => text.startsWith(candidate, i)) ?? c;
    push('op', op);
    i += op.length;
  }
  return tokens;
}

/** Where a comment starting at `i` ends, or undefined when none starts there. */
function commentAt(text: string, i: number): number | undefined {
  const c = text[i];
  const next = text[i + 1];
  if (c === '/' && next === '/') return text.length;
  if (c === '/' && next === '*') {
    const close = text.indexOf('*/', i + 2);
    return close < 0 ? text.length : close + 2;
  }
  if (c === '<' && text.startsWith('<!--', i)) {
    const close = text.indexOf('-->', i + 4);
    return close < 0 ? text.length : close + 3;
  }
  // `#` starts a comment in Python, Ruby, shell, YAML... but not `#include`, `#[derive]` or `#{x}`.
  if (c === '#' && (next === undefined || next === ' ' || next === '\t' || next === '#' || next === '!')) return text.length;
  if (c === '-' && next === '-' && (text[i + 2] === ' ' || text[i + 2] === undefined) && (i === 0 || /\s/.test(text[i - 1]!))) return text.length;
  return undefined;
}

/** A Rust lifetime (`&'a str`, `<'a>`, `T + 'static`): a quote that opens no string. */
function isLifetime(text: string, i: number): boolean {
  const before = text.slice(0, i).trimEnd().slice(-1);
  const ident = /^[A-Za-z_]\w*/.exec(text.slice(i + 1))?.[0];
  return ident !== undefined && text[i + 1 + ident.length] !== "'" && (before === '&' || before === '<' || before === '+');
}

function stringEnd(text: string, start: number): number {
  const quote = text[start]!;
  for (let j = start + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === quote) return j + 1;
  }
  return text.length;
}

const CLOSERS = new Set([')', ']', '}']);

export function isCloser(token: Token | undefined): boolean {
  return token?.kind === 'op' && CLOSERS.has(token.text);
}

/** Languages (by file extension) whose grammar rejects a comma before a closing bracket. */
const NO_TRAILING_COMMA = new Set(['json', 'jsonc', 'sql', 'c', 'h', 'sh', 'bash']);

export function allowsTrailingComma(language: string): boolean {
  return !NO_TRAILING_COMMA.has(language.toLowerCase());
}

/** Languages where indentation is syntax: a non-exact match must keep lines' relative indentation. */
const INDENT_SIGNIFICANT = new Set(['py', 'pyi', 'yml', 'yaml', 'haml', 'pug', 'slim', 'coffee', 'nim', 'fs', 'mk', 'makefile', 'sass', 'styl']);

export function indentationMatters(language: string): boolean {
  return INDENT_SIGNIFICANT.has(language.toLowerCase());
}

/**
 * The key lines are compared by in the token rung: the code tokens (comments left out, so a line
 * of comment only is like a blank line), with a comma dropped where it may be a trailing comma (at
 * the end of the line, or before a closing bracket). Whether it really was one is checked on the
 * whole match (see sameTokens).
 */
export function tokenKey(line: string): string {
  const tokens = tokenize(line).filter((token) => token.kind !== 'comment');
  let key = '';
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (token.kind === 'op' && token.text === ',' && (k === tokens.length - 1 || isCloser(tokens[k + 1]))) continue;
    key += (key === '' ? '' : '\u0001') + token.kind[0] + token.text;
  }
  return key;
}

/** Tokens as the model or the file wrote them (spacing between them kept, collapsed). */
export function tokenText(tokens: readonly Token[]): string {
  return tokens.map((t, k) => (k > 0 && t.space ? ' ' : '') + t.text).join('');
}
