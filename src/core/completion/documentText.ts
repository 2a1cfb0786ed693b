import type { CompletionDocument, Position } from './types';

/**
 * Reading around the cursor without copying the document: every function touches only the lines
 * it needs, so the per-keystroke cost does not grow with the file.
 */

/** Up to `maxChars` characters ending at `position` (whole lines first, then the start of the nearest one cut). */
export function textBefore(doc: CompletionDocument, position: Position, maxChars: number): string {
  const pieces: string[] = [doc.lineText(position.line).slice(0, position.character)];
  let length = pieces[0]?.length ?? 0;
  for (let line = position.line - 1; line >= 0 && length < maxChars; line--) {
    const text = doc.lineText(line);
    pieces.push(text);
    length += text.length + 1;
  }
  const joined = pieces.reverse().join('\n');
  return joined.length > maxChars ? joined.slice(joined.length - maxChars) : joined;
}

/**
 * Whole lines before the cursor line within `maxChars` (a prompt should not start mid-line),
 * followed by the cursor line up to the cursor.
 */
export function prefixWindow(doc: CompletionDocument, position: Position, maxChars: number): string {
  const { linePrefix, above } = prefixLines(doc, position, maxChars);
  const lines = above.reverse();
  lines.push(linePrefix);
  return lines.join('\n');
}

/** The cursor line up to the cursor, and the whole lines above it that fit in `maxChars`, nearest first (each read once). */
function prefixLines(doc: CompletionDocument, position: Position, maxChars: number): { linePrefix: string; above: string[] } {
  const linePrefix = doc.lineText(position.line).slice(Math.max(0, position.character - maxChars), position.character); // a minified line can be huge
  const above: string[] = [];
  let length = linePrefix.length;
  for (let line = position.line - 1; line >= 0; line--) {
    const text = doc.lineText(line);
    if (length + text.length + 1 > maxChars) break;
    above.push(text);
    length += text.length + 1;
  }
  return { linePrefix, above };
}

/**
 * Like prefixWindow, but the first line is rounded up to a multiple of a step, so that the window
 * starts at the same line for many keystrokes in a row (a model server's prompt cache then reuses
 * everything up to the cursor line) and moves on in steps rather than line by line. The step is a
 * power of two near 1/`stepDivisor` of the window's lines: at most that share of the budget is
 * left unused, and the step itself rarely changes.
 */
export function stablePrefixWindow(doc: CompletionDocument, position: Position, maxChars: number, stepDivisor: number): string {
  const { linePrefix, above } = prefixLines(doc, position, maxChars);
  const first = position.line - above.length;
  const quantum = 2 ** Math.max(0, Math.floor(Math.log2(Math.max(1, above.length / stepDivisor))));
  const stable = first === 0 ? 0 : Math.min(position.line, Math.ceil(first / quantum) * quantum);
  const kept = above.slice(0, position.line - stable).reverse();
  kept.push(linePrefix);
  return kept.join('\n');
}

/** The rest of the cursor line, then whole lines after it within `maxChars`. */
export function suffixWindow(doc: CompletionDocument, position: Position, maxChars: number): string {
  const lines = [doc.lineText(position.line).slice(position.character, position.character + maxChars)];
  let length = lines[0]?.length ?? 0;
  for (let line = position.line + 1; line < doc.lineCount; line++) {
    const text = doc.lineText(line);
    if (length + text.length + 1 > maxChars) break;
    lines.push(text);
    length += text.length + 1;
  }
  return lines.join('\n');
}

/** Up to `count` lines before the cursor line, nearest last. */
export function linesBefore(doc: CompletionDocument, line: number, count: number): string[] {
  const lines: string[] = [];
  for (let i = Math.max(0, line - count); i < line; i++) lines.push(doc.lineText(i));
  return lines;
}

/** Up to `count` lines after the cursor line. */
export function linesAfter(doc: CompletionDocument, line: number, count: number): string[] {
  const lines: string[] = [];
  for (let i = line + 1; i < doc.lineCount && lines.length < count; i++) lines.push(doc.lineText(i));
  return lines;
}

/**
 * The text between two positions (`from` before `to`), or undefined when it spans more than
 * `maxLines` line breaks (the caller only wants short spans: what was typed since a suggestion).
 */
export function textBetween(doc: CompletionDocument, from: Position, to: Position, maxLines: number): string | undefined {
  if (to.line < from.line || (to.line === from.line && to.character < from.character)) return undefined;
  if (to.line - from.line > maxLines || to.line >= doc.lineCount) return undefined;
  if (from.line === to.line) return doc.lineText(from.line).slice(from.character, to.character);
  const parts = [doc.lineText(from.line).slice(from.character)];
  for (let line = from.line + 1; line < to.line; line++) parts.push(doc.lineText(line));
  parts.push(doc.lineText(to.line).slice(0, to.character));
  return parts.join('\n');
}

/** The text of the document's first lines (where imports live), bounded. */
export function documentHead(doc: CompletionDocument, maxLines: number): string {
  const lines: string[] = [];
  for (let i = 0; i < Math.min(maxLines, doc.lineCount); i++) lines.push(doc.lineText(i));
  return lines.join('\n');
}
