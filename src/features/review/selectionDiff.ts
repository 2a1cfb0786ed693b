import { parseUnifiedDiff } from '../../core/review';

/**
 * The part of a file's diff that overlaps the selected lines (1-based, inclusive); when the
 * selection changed nothing, the selected lines as if they were new, so "review this code" works
 * on any code the user points at.
 */
export function diffForSelection(fileDiff: string, relativePath: string, lines: readonly string[], first: number, last: number): string {
  const file = parseUnifiedDiff(fileDiff)[0];
  const overlapping = file?.hunks.filter((h) => h.newStart <= last && h.newStart + Math.max(h.newLines, 1) - 1 >= first) ?? [];
  if (file && overlapping.length > 0) {
    const header = file.text.split('\n').filter((line, i, all) => i < all.findIndex((l) => l.startsWith('@@'))).join('\n');
    const body = overlapping.map((h) => [
      `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@${h.heading ? ` ${h.heading}` : ''}`,
      ...h.lines.map((l) => `${l.kind === 'added' ? '+' : l.kind === 'removed' ? '-' : ' '}${l.text}`),
    ].join('\n'));
    return `${header}\n${body.join('\n')}\n`;
  }
  const selected = lines.slice(first - 1, last);
  return [`diff --git a/${relativePath} b/${relativePath}`, `--- a/${relativePath}`, `+++ b/${relativePath}`, `@@ -${first - 1},0 +${first},${selected.length} @@`, ...selected.map((l) => `+${l}`), ''].join('\n');
}
