import { lineCommentFor } from '../../context/commentSyntax';
import { closerFor, closers, openers } from '../text';

export interface OpenBracket {
  char: string;
  /** Offset in the completion. */
  offset: number;
}

export interface BracketScan {
  /** Brackets the completion opened and did not close, innermost last. */
  unclosed: OpenBracket[];
  /**
   * End offsets of completion lines after which every bracket the completion opened was closed
   * (and no string or comment was open): the places it can be cut without leaving anything open.
   */
  balancedLineEnds: number[];
}

type State = 'code' | 'lineComment' | 'blockComment' | { quote: string };

/**
 * Counts the brackets a completion opens and closes, skipping strings and comments. The cursor
 * line before the cursor is scanned first (for its state only), so a completion that starts
 * inside a string literal is read as such.
 */
export function scanBrackets(completion: string, linePrefix: string, languageId: string): BracketScan {
  const lineComment = lineCommentFor(languageId) ?? '//';
  const blockComments = lineComment === '//';
  const rustLifetimes = languageId === 'rust';
  const unclosed: OpenBracket[] = [];
  const balancedLineEnds: number[] = [];
  let state: State = 'code';

  const run = (text: string, counting: boolean) => {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] ?? '';
      if (ch === '\n') {
        if (state === 'lineComment') state = 'code';
        if (counting && state === 'code' && unclosed.length === 0) balancedLineEnds.push(i);
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
      else if (ch === '"' || ch === '`' || (ch === "'" && !(rustLifetimes && isLifetime(text, i)))) {
        const triple = text.startsWith(ch.repeat(3), i) && languageId === 'python';
        state = { quote: triple ? ch.repeat(3) : ch };
        if (triple) i += 2;
      } else if (counting && openers.includes(ch)) unclosed.push({ char: ch, offset: i });
      else if (counting && closers.includes(ch) && unclosed.length > 0 && closerFor[unclosed[unclosed.length - 1]?.char ?? ''] === ch) unclosed.pop();
    }
  };

  run(linePrefix, false);
  run(completion, true);
  return { unclosed, balancedLineEnds };
}

/** `'a` in `&'a str`: a lifetime, not a character literal (which closes within a few characters). */
function isLifetime(text: string, i: number): boolean {
  return /^'[A-Za-z_]\w*(?!')/.test(text.slice(i, i + 32)) && !/^'(?:\\.|[^\\'])'/.test(text.slice(i, i + 8));
}
