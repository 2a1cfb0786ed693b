import { splitKeepingEols, stripEol } from '../text/lineText';
import { computeHunks, type Hunk, type HunkOptions } from './hunks';

export interface UnifiedDiffOptions extends HunkOptions {
  /** Unchanged lines shown around each change. Default 3. */
  context?: number;
  /** Header names; default `a/<path>` and `b/<path>`, /dev/null for a created or deleted file. */
  oldName?: string;
  newName?: string;
}

/** A `diff -u` style patch of one file, for people (the CLI's --dry-run). Empty when nothing changed. */
export function formatUnifiedDiff(path: string, oldText: string | undefined, newText: string | undefined, options: UnifiedDiffOptions = {}): string {
  const before = oldText ?? '';
  const after = newText ?? '';
  const hunks = computeHunks(before, after, options);
  if (hunks.length === 0) return '';
  const oldTokens = splitKeepingEols(before);
  const context = options.context ?? 3;
  const oldName = options.oldName ?? (oldText === undefined ? '/dev/null' : `a/${path}`);
  const newName = options.newName ?? (newText === undefined ? '/dev/null' : `b/${path}`);
  let out = `--- ${oldName}\n+++ ${newName}\n`;
  for (const group of groupByContext(hunks, context)) out += formatGroup(group, oldTokens, context);
  return out;
}

function groupByContext(hunks: Hunk[], context: number): Hunk[][] {
  const groups: Hunk[][] = [];
  for (const hunk of hunks) {
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1];
    if (group && last && hunk.oldStart - (last.oldStart + last.oldLines.length) <= 2 * context) group.push(hunk);
    else groups.push([hunk]);
  }
  return groups;
}

function formatGroup(group: Hunk[], oldTokens: string[], context: number): string {
  const first = group[0]!;
  const last = group[group.length - 1]!;
  const start = Math.max(0, first.oldStart - context);
  const end = Math.min(oldTokens.length, last.oldStart + last.oldLines.length + context);
  const lines: string[] = [];
  let oldCount = 0;
  let newCount = 0;
  let cursor = start;
  const emit = (prefix: string, token: string) => {
    lines.push(prefix + stripEol(token));
    if (!/\n$/.test(token)) lines.push('\\ No newline at end of file');
  };
  for (const hunk of group) {
    for (; cursor < hunk.oldStart; cursor++, oldCount++, newCount++) emit(' ', oldTokens[cursor]!);
    for (const token of hunk.oldLines) emit('-', token);
    for (const token of hunk.newLines) emit('+', token);
    oldCount += hunk.oldLines.length;
    newCount += hunk.newLines.length;
    cursor = hunk.oldStart + hunk.oldLines.length;
  }
  for (; cursor < end; cursor++, oldCount++, newCount++) emit(' ', oldTokens[cursor]!);
  const newStart = first.newStart - (first.oldStart - start);
  const range = (from: number, count: number) => `${count === 0 ? from : from + 1}${count === 1 ? '' : `,${count}`}`;
  return `@@ -${range(start, oldCount)} +${range(newStart, newCount)} @@\n${lines.join('\n')}\n`;
}
