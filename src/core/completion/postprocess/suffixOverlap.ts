import type { CursorContext } from '../cursorContext';
import { isBlank } from '../text';

const maxOverlapLines = 8;

/**
 * Multi-line completions often end by writing the lines that already follow the cursor (the
 * closing `}` of the function, the next statement). Those trailing lines are removed: the longest
 * run of the completion's last lines that equals the first lines after the cursor line (blank
 * lines skipped, indentation significant, trailing whitespace not).
 */
export function trimSuffixOverlap(text: string, cursor: CursorContext): string {
  const lines = text.split('\n');
  if (lines.length < 2) return text;
  const start = cursor.linesBelow.findIndex((line) => !isBlank(line));
  if (start < 0) return text;
  const below = cursor.linesBelow.slice(start, start + maxOverlapLines).map((l) => l.trimEnd());

  for (let k = Math.min(lines.length - 1, below.length); k >= 1; k--) {
    const tail = lines.slice(lines.length - k).map((l) => l.trimEnd());
    if (tail.every(isBlank)) continue;
    if (tail.every((line, i) => line === below[i])) return lines.slice(0, lines.length - k).join('\n');
  }
  return text;
}
