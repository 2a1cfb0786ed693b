import { isClosersOnly } from './text';

export type CompletionMode = 'singleLine' | 'multiLine';

/** The cursor line ends where a block begins: `{`, `[`, `(`, Python's `:`, an arrow. */
export const endsWithBlockOpener = (linePrefix: string): boolean => /(?:[{[(:]|=>)[ \t]*$/.test(linePrefix);

/**
 * Multi-line only where a block is plausible: on an empty line (or one with only indentation), or
 * after a block opener, and with nothing but closers after the cursor. Anywhere else the user is
 * in the middle of a statement and gets the rest of the line.
 */
export function completionMode(linePrefix: string, lineSuffix: string): CompletionMode {
  if (!isClosersOnly(lineSuffix)) return 'singleLine';
  return linePrefix.trim() === '' || endsWithBlockOpener(linePrefix) ? 'multiLine' : 'singleLine';
}
