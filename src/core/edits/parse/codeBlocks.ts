import { anyConsumed, consume, type ParseContext, type ParsedBlock } from './context';
import { fenceLanguage, type Fence } from './fences';
import { isElisionLine } from './elision';
import { pathLineBefore } from './fencePath';
import { pathFromComment, pathFromInfo } from './paths';

/**
 * Blocks in these languages are usually commands or output, not files: a path on the line before
 * counts only if it is a file of that kind (a script, a text file).
 */
const COMMAND_LANGUAGES: Record<string, RegExp> = {
  bash: /\.(?:sh|bash)$/i, sh: /\.(?:sh|bash)$/i, shell: /\.(?:sh|bash|zsh)$/i, zsh: /\.(?:zsh|sh)$/i, fish: /\.fish$/i,
  powershell: /\.ps[dm]?1$/i, ps: /\.ps1$/i, cmd: /\.(?:cmd|bat)$/i, bat: /\.(?:cmd|bat)$/i,
  text: /\.(?:txt|cfg|conf|ini|env)$|(?:^|\/)\.[\w.-]+$/i, txt: /\.txt$/i, plaintext: /\.txt$/i,
  console: /^$/, terminal: /^$/, output: /^$/, log: /\.log$/i,
};

export interface UnnamedCodeBlock {
  fence: Fence;
  language: string;
}

/**
 * Code blocks that name their file (info string, the line before, or a path comment as first line)
 * become whole-file or partial-file blocks; the others are returned for the caller to judge.
 */
export function parseCodeBlocks(context: ParseContext): { parsed: ParsedBlock[]; unnamed: UnnamedCodeBlock[] } {
  const parsed: ParsedBlock[] = [];
  const unnamed: UnnamedCodeBlock[] = [];
  for (const fence of context.fences) {
    if (anyConsumed(context, fence.open, fence.close)) continue;
    const language = fenceLanguage(fence.info);
    const content = context.lines.slice(fence.open + 1, fence.close);
    const named = nameOf(context.lines, fence, language, content);
    if (!named) {
      unnamed.push({ fence, language });
      continue;
    }
    consume(context, fence.open, fence.close);
    parsed.push(codeBlock(named.path, fence, language, content, named.pathComment));
  }
  return { parsed, unnamed };
}

/** A code block for `path`: whole file, or partial when it has elision comments; malformed when never closed. */
export function codeBlock(path: string, fence: Fence, language: string, content: string[], pathComment?: string): ParsedBlock {
  const responseLine = fence.open + 1;
  if (!fence.closed) {
    return { path, inheritsPath: false, block: { kind: 'malformed', format: 'whole-file', responseLine, reason: 'The code block is not closed (the response was cut off), so it may be missing the end of the file; it was not applied.' } };
  }
  const elided = content.map((line, k) => !(pathComment !== undefined && k === 0) && isElisionLine(line, language));
  if (elided.some(Boolean)) {
    const lines = pathComment !== undefined ? content.slice(1) : content;
    return { path, inheritsPath: false, block: { kind: 'partial-file', format: 'partial-file', responseLine, lines, elided: pathComment !== undefined ? elided.slice(1) : elided } };
  }
  return { path, inheritsPath: false, block: { kind: 'whole-file', format: 'whole-file', responseLine, content, ...(pathComment !== undefined ? { pathComment } : {}) } };
}

function nameOf(lines: readonly string[], fence: Fence, language: string, content: readonly string[]): { path: string; pathComment?: string } | undefined {
  const fromInfo = pathFromInfo(fence.info);
  if (fromInfo) return { path: fromInfo };
  const fromLine = pathLineBefore(lines, fence);
  const commandKind = COMMAND_LANGUAGES[language];
  if (commandKind) return fromLine && commandKind.test(fromLine) ? { path: fromLine } : undefined;
  if (fromLine) return { path: fromLine };
  const first = content[0];
  const fromComment = first !== undefined ? pathFromComment(first) : undefined;
  return fromComment ? { path: fromComment, pathComment: first! } : undefined;
}
