import { lineCommentFor } from '../../context/commentSyntax';

/** How a language writes comments and strings, as far as finding its brackets needs. */
export interface CodeSyntax {
  lineComment?: string;
  /** `/* ... *\/` comments. */
  blockComments: boolean;
  /** Python's `'''` / `"""` strings, which span lines. */
  tripleQuotes: boolean;
  /** Backtick strings span lines (JavaScript template literals, Go raw strings). */
  backtickStrings: boolean;
  /** Rust's `'a` lifetimes and labels are not character literals. */
  lifetimes: boolean;
}

const noBlockComments = new Set(['python', 'ruby', 'perl', 'r', 'shellscript', 'powershell', 'yaml', 'toml', 'dockerfile', 'makefile', 'elixir', 'nim', 'coffeescript', 'cmake', 'dotenv', 'ini', 'lua', 'haskell', 'elm']);

export function syntaxFor(languageId: string): CodeSyntax {
  return {
    lineComment: lineCommentFor(languageId),
    blockComments: !noBlockComments.has(languageId),
    tripleQuotes: languageId === 'python',
    backtickStrings: !['python', 'yaml', 'toml', 'sql'].includes(languageId),
    lifetimes: languageId === 'rust',
  };
}

export interface Bracket {
  char: '{' | '}' | '(' | ')' | '[' | ']';
  line: number;
  column: number;
}

/**
 * The brackets of some code, outside strings and comments, in order. A rough lexer: good enough
 * to pair the braces of real code; regex literals and nested template expressions are taken as
 * plain code.
 */
export function scanBrackets(lines: readonly string[], syntax: CodeSyntax): Bracket[] {
  const found: Bracket[] = [];
  let inBlockComment = false;
  let multilineQuote: string | undefined; // '`', "'''" or '"""' while inside such a string
  for (let row = 0; row < lines.length; row++) {
    const line = lines[row]!;
    let i = 0;
    while (i < line.length) {
      if (inBlockComment) {
        const end = line.indexOf('*/', i);
        if (end < 0) break;
        inBlockComment = false;
        i = end + 2;
        continue;
      }
      if (multilineQuote) {
        const end = findClosingQuote(line, i, multilineQuote);
        if (end < 0) break;
        multilineQuote = undefined;
        i = end + 1;
        continue;
      }
      const char = line[i]!;
      if (syntax.lineComment && line.startsWith(syntax.lineComment, i)) break;
      if (syntax.blockComments && line.startsWith('/*', i)) {
        inBlockComment = true;
        i += 2;
        continue;
      }
      if (syntax.tripleQuotes && (line.startsWith('"""', i) || line.startsWith("'''", i))) {
        const quote = line.slice(i, i + 3);
        const end = findClosingQuote(line, i + 3, quote);
        if (end < 0) {
          multilineQuote = quote;
          break;
        }
        i = end + 1;
        continue;
      }
      if (char === '`' && syntax.backtickStrings) {
        const end = findClosingQuote(line, i + 1, '`');
        if (end < 0) {
          multilineQuote = '`';
          break;
        }
        i = end + 1;
        continue;
      }
      if (char === '"' || (char === "'" && !isApostrophe(line, i, syntax))) {
        const end = findClosingQuote(line, i + 1, char);
        i = end < 0 ? line.length : end + 1; // an unclosed quote ends with its line
        continue;
      }
      if ('{}()[]'.includes(char)) found.push({ char: char as Bracket['char'], line: row, column: i });
      i++;
    }
  }
  return found;
}

/** Index of the last character of the closing `quote` at or after `from` (backslash escapes skipped); -1 if none. */
function findClosingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') {
      i++;
      continue;
    }
    if (line.startsWith(quote, i)) return i + quote.length - 1;
  }
  return -1;
}

/**
 * A quote that opens no string: after an identifier (Haskell's `x'`) unless that is a string
 * prefix (`f'…'`, `rb'…'`, `L'x'`), or a Rust lifetime (`'a`).
 */
function isApostrophe(line: string, i: number, syntax: CodeSyntax): boolean {
  const before = line.slice(Math.max(0, i - 3), i);
  if (/\w$/.test(before)) return !/(?:^|\W)[rRbBuUfFL]{1,2}$/.test(before);
  return syntax.lifetimes && /^'[A-Za-z_]\w*(?!['\w])/.test(line.slice(i));
}

/** Opening minus closing brackets of each kind: `{}`, `()`, `[]`. */
export function bracketBalance(lines: readonly string[], syntax: CodeSyntax): [number, number, number] {
  const balance: [number, number, number] = [0, 0, 0];
  for (const { char } of scanBrackets(lines, syntax)) {
    const kind = '{}()[]'.indexOf(char);
    const pair = kind >> 1;
    balance[pair] = (balance[pair] ?? 0) + (kind % 2 === 0 ? 1 : -1);
  }
  return balance;
}
