import type { SearchReplaceBlock } from '../types';
import { anyConsumed, consume, type ParseContext, type ParsedBlock } from './context';
import { fenceAround, fenceLanguage, type Fence } from './fences';
import { normalizePath } from './paths';
import { pathOfFence } from './fencePath';

const GIT_HEADER = /^diff --git ("?a\/.+?"?) ("?b\/.+?"?)\s*$/;
const OLD_FILE = /^--- (.+?)\s*$/;
const NEW_FILE = /^\+\+\+ (.+?)\s*$/;
const HUNK = /^@@/;
const HUNK_NUMBERS = /^@@\s*-(\d+)(?:,\d+)?\s+\+\d+(?:,\d+)?\s*@@/;
const METADATA = /^(?:index [0-9a-f]|new file mode|deleted file mode|old mode|new mode|similarity index|dissimilarity index|rename from|rename to|copy from|copy to|Binary files|Index: |={10,})/;
const DIFF_LANGUAGES = new Set(['diff', 'patch', 'udiff']);

interface HunkDraft {
  line: number;
  lineHint?: number;
  search: string[];
  replace: string[];
  /** Context lines that were empty in the response (no leading space): maybe just the gap after the hunk. */
  bareBlankTail: number;
}

interface FileDraft {
  oldPath?: string;
  newPath?: string;
  line: number;
  hunks: HunkDraft[];
}

/** Unified diffs: in ```diff blocks, in blocks that start like a diff, or bare in the response. */
export function parseUnifiedDiffs(context: ParseContext): ParsedBlock[] {
  const parsed: ParsedBlock[] = [];
  for (const fence of context.fences) {
    if (anyConsumed(context, fence.open, fence.close)) continue;
    if (!isDiffFence(context.lines, fence)) continue;
    const fallbackPath = pathOfFence(context.lines, fence);
    parsed.push(...toBlocks(parseDiff(context.lines, fence.open + 1, fence.close, false).files, fallbackPath, !fence.closed));
    consume(context, fence.open, fence.close);
  }
  for (let i = 0; i < context.lines.length; i++) {
    if (context.consumed[i] || fenceAround(context.fences, i) || !startsBareDiff(context.lines, i)) continue;
    const { files, end } = parseDiff(context.lines, i, context.lines.length, true);
    parsed.push(...toBlocks(files, undefined, false));
    consume(context, i, end - 1);
    i = end - 1;
  }
  return parsed;
}

function isDiffFence(lines: readonly string[], fence: Fence): boolean {
  if (DIFF_LANGUAGES.has(fenceLanguage(fence.info))) return true;
  const first = lines.slice(fence.open + 1, fence.close).find((line) => line.trim() !== '');
  if (!first) return false;
  if (GIT_HEADER.test(first)) return true;
  const index = lines.indexOf(first, fence.open + 1);
  return (OLD_FILE.test(first) && NEW_FILE.test(lines[index + 1] ?? '')) || (HUNK_NUMBERS.test(first));
}

function startsBareDiff(lines: readonly string[], i: number): boolean {
  return GIT_HEADER.test(lines[i]!) || (OLD_FILE.test(lines[i]!) && NEW_FILE.test(lines[i + 1] ?? '') && HUNK.test(lines[i + 2] ?? ''));
}

/**
 * Reads diff lines from `start` up to `end`. Bare diffs end at the first line that is not diff; in
 * a fence, such a line is context whose leading space the model dropped.
 */
function parseDiff(lines: readonly string[], start: number, end: number, bare: boolean): { files: FileDraft[]; end: number } {
  const files: FileDraft[] = [];
  let file: FileDraft | undefined;
  let hunk: HunkDraft | undefined;
  const openFile = (line: number) => {
    file = { line, hunks: [] };
    files.push(file);
    hunk = undefined;
    return file;
  };
  const openHunk = (line: number, lineHint?: number) => {
    const target = file ?? openFile(line);
    hunk = { line, search: [], replace: [], bareBlankTail: 0, ...(lineHint ? { lineHint } : {}) };
    target.hunks.push(hunk);
    return hunk;
  };
  let i = start;
  for (; i < end; i++) {
    const line = lines[i]!;
    const git = GIT_HEADER.exec(line);
    if (git) {
      const draft = openFile(i);
      draft.oldPath = headerPath(git[1]!);
      draft.newPath = headerPath(git[2]!);
      continue;
    }
    if (OLD_FILE.test(line) && NEW_FILE.test(lines[i + 1] ?? '') && (!hunk || hunk.search.length + hunk.replace.length > 0)) {
      const draft = file && file.hunks.length === 0 ? file : openFile(i);
      draft.oldPath = headerPath(OLD_FILE.exec(line)![1]!);
      draft.newPath = headerPath(NEW_FILE.exec(lines[i + 1]!)![1]!);
      hunk = undefined;
      i++;
      continue;
    }
    if (HUNK.test(line)) {
      const numbers = HUNK_NUMBERS.exec(line);
      openHunk(i, numbers ? Number(numbers[1]) : undefined);
      continue;
    }
    if (!hunk && METADATA.test(line)) continue;
    if (line.startsWith('\\')) continue; // "\ No newline at end of file"
    const prefix = line[0];
    if (prefix === '+' || prefix === '-' || prefix === ' ' || line === '') {
      if (bare && line === '' && !hunk) break;
      const target = hunk ?? openHunk(i);
      if (prefix === '+') target.replace.push(line.slice(1));
      else if (prefix === '-') target.search.push(line.slice(1));
      else {
        target.search.push(line.slice(1));
        target.replace.push(line.slice(1));
      }
      target.bareBlankTail = line === '' ? target.bareBlankTail + 1 : 0;
      continue;
    }
    if (bare) break;
    if (!hunk && !file) continue;
    const target = hunk ?? openHunk(i);
    target.search.push(line);
    target.replace.push(line);
    target.bareBlankTail = 0;
  }
  return { files, end: i };
}

/** `a/src/x.ts`, `"b/with space.ts"`, `src/x.ts\t2024-01-01 ...` -> the path; /dev/null stays. */
function headerPath(raw: string): string {
  const path = raw.split('\t')[0]!.trim().replace(/^"|"$/g, '');
  return path === '/dev/null' ? path : normalizePath(path);
}

function stripGitPrefixes(file: FileDraft): void {
  const oldGit = file.oldPath === '/dev/null' || file.oldPath?.startsWith('a/');
  const newGit = file.newPath === '/dev/null' || file.newPath?.startsWith('b/');
  if (oldGit && newGit) {
    if (file.oldPath?.startsWith('a/')) file.oldPath = file.oldPath.slice(2);
    if (file.newPath?.startsWith('b/')) file.newPath = file.newPath.slice(2);
  }
}

function toBlocks(files: FileDraft[], fallbackPath: string | undefined, truncated: boolean): ParsedBlock[] {
  const parsed: ParsedBlock[] = [];
  files.forEach((file, fileIndex) => {
    stripGitPrefixes(file);
    const named = file.newPath && file.newPath !== '/dev/null' ? file.newPath : file.oldPath !== '/dev/null' ? file.oldPath : undefined;
    const path = file.oldPath && file.oldPath !== '/dev/null' ? file.oldPath : named ?? fallbackPath;
    const renameTo = file.oldPath && file.newPath && file.oldPath !== '/dev/null' && file.newPath !== '/dev/null' && file.oldPath !== file.newPath ? file.newPath : undefined;
    const common = { ...(path ? { path } : {}), inheritsPath: !file.oldPath && !file.newPath, ...(renameTo ? { renameTo } : {}) };
    const hunks = file.hunks.map(trimBlankTail).filter((h) => h.search.length > 0 || h.replace.length > 0);
    if (truncated && fileIndex === files.length - 1) {
      parsed.push({ ...common, block: { kind: 'malformed', format: 'unified-diff', responseLine: file.line + 1, reason: 'The diff\'s code block is not closed (the response may have been cut off), so its last file was not applied.' } });
      return;
    }
    if (file.newPath === '/dev/null') {
      parsed.push({ ...common, block: { kind: 'delete', format: 'unified-diff', responseLine: file.line + 1 } });
      return;
    }
    if (file.oldPath === '/dev/null') {
      const content = hunks.flatMap((h) => h.replace);
      parsed.push({ ...common, block: { kind: 'create', format: 'unified-diff', responseLine: file.line + 1, content } });
      return;
    }
    for (const hunk of hunks) {
      const block: Omit<SearchReplaceBlock, 'index'> = {
        kind: 'search-replace', format: 'unified-diff', responseLine: hunk.line + 1, search: hunk.search, replace: hunk.replace,
        anchors: [], ordered: true, ...(hunk.lineHint ? { lineHint: hunk.lineHint } : {}),
      };
      parsed.push({ ...common, block });
    }
  });
  return parsed;
}

function trimBlankTail(hunk: HunkDraft): HunkDraft {
  const drop = Math.min(hunk.bareBlankTail, hunk.search.length, hunk.replace.length);
  if (drop === 0) return hunk;
  return { ...hunk, search: hunk.search.slice(0, hunk.search.length - drop), replace: hunk.replace.slice(0, hunk.replace.length - drop) };
}
