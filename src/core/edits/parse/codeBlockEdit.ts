import { toLines } from '../text/lineText';
import type { FileEdit } from '../types';
import { codeBlock } from './codeBlocks';
import { normalizePath } from './paths';

/**
 * The edit a single code block stands for, when the user presses Apply on it in the chat: the
 * whole file, or (with "// ... existing code ..." comments) a file with parts left out, or a
 * fragment such as one changed function, which applyFileEdit places in the file (strategy
 * 'snippet') instead of replacing everything with it.
 */
export function editFromCodeBlock(path: string, code: string, language = ''): FileEdit {
  const lines = toLines(code);
  const parsed = codeBlock(normalizePath(path), { open: 0, close: lines.length + 1, closed: true, info: language }, language.toLowerCase(), lines);
  return { path: parsed.path, blocks: [{ ...parsed.block, index: 0 }] };
}
