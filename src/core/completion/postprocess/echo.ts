import { isBlank, isClosersOnly } from '../text';

/** How many lines above the cursor a model may re-type before writing what is new. */
const maxEchoedLines = 3;
/** A re-typed line prefix must be at least this long to be told apart from a coincidence (`a` + `a`). */
const minRetypedPrefix = 4;

/**
 * Cursor on a fresh line, and the model first re-types the line(s) just above it (the function
 * header, then the body): those lines go, the body stays. Only complete lines are compared, so a
 * streamed view never loses a line that may still differ. Closer-only lines (`}` after `}`) are
 * legitimate repeats and never count as an echo.
 */
export function withoutEchoedLinesAbove(text: string, linePrefix: string, linesAbove: readonly string[]): string {
  if (linePrefix.trim() !== '') return text;
  const above = nearestCodeLines(linesAbove, maxEchoedLines);
  const lines = text.split('\n');
  const complete = lines.length - 1;
  for (let k = Math.min(complete, above.length); k >= 1; k--) {
    const echoed = above.slice(above.length - k);
    if (echoed.every((line, i) => line.trim() === (lines[i] ?? '').trim() && !isClosersOnly(line))) return lines.slice(k).join('\n');
  }
  return text;
}

/** `const count = █` and the model answers `const count = order.size;`: what was typed goes. */
export function withoutRetypedLinePrefix(text: string, linePrefix: string): string {
  const typed = linePrefix.trim();
  if (typed.length < minRetypedPrefix) return text;
  const start = text.length - text.trimStart().length;
  if (text.includes('\n') && text.slice(0, start).includes('\n')) return text;
  if (!text.startsWith(typed, start) || text.length - start === typed.length) return text;
  const rest = text.slice(start + typed.length);
  return /[ \t]$/.test(linePrefix) ? rest.replace(/^[ \t]/, '') : rest;
}

function nearestCodeLines(linesAbove: readonly string[], count: number): string[] {
  const found: string[] = [];
  for (let i = linesAbove.length - 1; i >= 0 && found.length < count; i--) {
    const line = linesAbove[i] ?? '';
    if (!isBlank(line)) found.unshift(line);
  }
  return found;
}
