import { findEnclosingBlock } from '../edits/rewrite';
import type { DiffHunk, FileDiff } from './diffParse';

/** A file's change as the model reads it: numbered new-file lines, `+` added, `-` removed. */
export interface FileView {
  text: string;
  /** The view shows whole enclosing functions (false: the hunks alone). */
  withContext: boolean;
}

/** Enclosing functions longer than this are not shown whole (the hunk's own lines still are). */
const maxContextBlockLines = 150;
/** Files with more hunks than this get the enclosing function of the first ones only (the search is per hunk). */
const maxContextHunks = 40;

/**
 * Renders the diff of one file with the functions around each change, from the new file's text
 * (already redacted: lines are kept, so numbers still match). Without the text, the hunks alone.
 * Every line carries its new-file number so the model can name the exact line of a finding.
 */
export function renderFileView(file: FileDiff, newText: string | undefined, languageId: string, hunks: readonly DiffHunk[] = file.hunks): FileView {
  if (newText === undefined) return { text: hunks.map(renderHunk).join('\n⋮\n'), withContext: false };
  const lines = newText.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const ranges: Array<[number, number]> = [];
  hunks.forEach((hunk, index) => {
    const first = Math.max(1, hunk.newStart);
    const last = Math.max(first, hunk.newStart + hunk.newLines - 1);
    let start = first;
    let end = last;
    const changed = hunk.lines.find((l) => l.kind !== 'context');
    if (changed && index < maxContextHunks && lines.length > 0) {
      // Only a window around the change is scanned: a block that fits the limit lies inside it,
      // and the scan costs the window's size, not the file's, for every hunk.
      const at = Math.min(changed.newLine, lines.length) - 1;
      const from = Math.max(0, at - maxContextBlockLines);
      const window = lines.slice(from, at + maxContextBlockLines + 1);
      const block = findEnclosingBlock(window, at - from, languageId, { maxLines: maxContextBlockLines });
      if (block.kind !== 'paragraph') {
        start = Math.min(start, from + block.range.start + 1);
        end = Math.max(end, from + block.range.end);
      }
    }
    ranges.push([start, Math.min(end, Math.max(lines.length, last))]);
  });
  const merged = mergeRanges(ranges);
  const removedBefore = new Map<number, string[]>();
  const added = new Set<number>();
  for (const hunk of hunks) {
    for (const line of hunk.lines) {
      if (line.kind === 'added') added.add(line.newLine);
      if (line.kind === 'removed') removedBefore.set(line.newLine, [...(removedBefore.get(line.newLine) ?? []), line.text]);
    }
  }
  const width = String(Math.max(lines.length, 1)).length;
  const blank = ' '.repeat(width);
  const parts = merged.map(([start, end]) => {
    const out: string[] = [];
    for (let n = start; n <= end + 1; n++) {
      for (const removed of removedBefore.get(n) ?? []) out.push(`${blank} - ${removed}`);
      if (n <= end && n <= lines.length) out.push(`${String(n).padStart(width)} ${added.has(n) ? '+' : ' '} ${lines[n - 1]}`);
    }
    return out.join('\n');
  });
  return { text: parts.join('\n⋮\n'), withContext: true };
}

function renderHunk(hunk: DiffHunk): string {
  const width = String(hunk.newStart + hunk.newLines).length;
  const blank = ' '.repeat(width);
  return hunk.lines.map((line) => {
    if (line.kind === 'removed') return `${blank} - ${line.text}`;
    return `${String(line.newLine).padStart(width)} ${line.kind === 'added' ? '+' : ' '} ${line.text}`;
  }).join('\n');
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1] + 2) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}
