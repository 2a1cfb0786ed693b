import type { FimSnippet } from './types';

/**
 * Related code for FIM formats without a multi-file layout: each snippet becomes a block of line
 * comments headed by its path, placed before the prefix. Models read it as context and do not
 * continue it, because the prefix that follows is live code. Empty when the language has no line
 * comment (then the snippets are left out rather than risk breaking the file's syntax).
 */
export function snippetsAsComments(snippets: readonly FimSnippet[], lineComment: string | undefined): string {
  if (!lineComment || snippets.length === 0) return '';
  const blocks = snippets.map((snippet) => {
    const body = snippet.text.split('\n').map((line) => (line ? `${lineComment} ${line}` : lineComment));
    return [`${lineComment} Path: ${snippet.path}`, ...body].join('\n');
  });
  return `${blocks.join(`\n${lineComment}\n`)}\n\n`;
}
