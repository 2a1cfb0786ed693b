import type { EditPlan, FileEdit } from '../types';
import { parseApplyPatch } from './applyPatch';
import { codeBlock, parseCodeBlocks, type UnnamedCodeBlock } from './codeBlocks';
import { consume, createContext, type ParseContext, type ParsedBlock } from './context';
import { normalizePath } from './paths';
import { parseSearchReplace } from './searchReplace';
import { parseUnifiedDiffs } from './unifiedDiff';

export interface ParseOptions {
  /**
   * The file blocks that name none belong to (the active editor for an inline edit, `--file` for
   * the CLI). Also makes a lone code block that names no file an edit of this file.
   */
  defaultPath?: string;
}

/** Languages whose unnamed code blocks are never taken for the default file. */
const NOT_CODE = new Set(['bash', 'sh', 'shell', 'console', 'zsh', 'fish', 'powershell', 'cmd', 'bat', 'terminal', 'output', 'text', 'txt', 'plaintext', 'log']);

/**
 * Reads every edit in a model response: apply_patch envelopes, SEARCH/REPLACE blocks, unified
 * diffs, and code blocks that name their file (whole, or with elided parts). Blocks are numbered
 * in response order and grouped by file, in the order files first appear.
 */
export function parseEditResponse(text: string, options: ParseOptions = {}): EditPlan {
  const context = createContext(text);
  const parsed = [...parseApplyPatch(context), ...parseSearchReplace(context), ...parseUnifiedDiffs(context)];
  const code = parseCodeBlocks(context);
  parsed.push(...code.parsed);
  parsed.push(...unnamedAsDefault(context, code.unnamed, parsed.length, options.defaultPath));
  parsed.sort((x, y) => x.block.responseLine - y.block.responseLine);
  return { files: groupByFile(parsed, options.defaultPath), warnings: context.warnings };
}

/**
 * A response that is nothing but one code block (an inline-edit answer) edits the default file.
 * Unnamed code blocks next to real edits are examples or commands: they are reported, not applied.
 */
function unnamedAsDefault(context: ParseContext, unnamed: UnnamedCodeBlock[], found: number, defaultPath: string | undefined): ParsedBlock[] {
  const candidates = unnamed.filter((u) => !NOT_CODE.has(u.language));
  if (found === 0 && defaultPath !== undefined && candidates.length === 1) {
    const { fence, language } = candidates[0]!;
    consume(context, fence.open, fence.close);
    return [codeBlock(normalizePath(defaultPath), fence, language, context.lines.slice(fence.open + 1, fence.close))];
  }
  if (candidates.length > 0) {
    const where = candidates.map((u) => u.fence.open + 1).join(', ');
    context.warnings.push(`${candidates.length} code block(s) name no file and were not applied (response line ${where}); put the file path on the line before a code block to apply it.`);
  }
  return [];
}

function groupByFile(parsed: ParsedBlock[], defaultPath: string | undefined): FileEdit[] {
  const files = new Map<string, FileEdit>();
  let previousPath: string | undefined;
  parsed.forEach((entry, index) => {
    const path = entry.path ?? (entry.inheritsPath ? previousPath ?? (defaultPath !== undefined ? normalizePath(defaultPath) : undefined) : undefined);
    if (entry.path) previousPath = entry.path;
    const key = path ?? '\u0000unnamed';
    let file = files.get(key);
    if (!file) files.set(key, (file = { path, blocks: [] }));
    if (entry.renameTo) file.renameTo = entry.renameTo;
    file.blocks.push({ ...entry.block, index });
  });
  return [...files.values()];
}
