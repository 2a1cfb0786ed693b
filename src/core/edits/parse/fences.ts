/** A fenced code block of the response. Content is lines (open, close). */
export interface Fence {
  /** Line of the opening fence. */
  open: number;
  /** Line of the closing fence, or the number of lines when the block was never closed. */
  close: number;
  closed: boolean;
  /** The info string after the opening fence, e.g. "ts src/app.ts". */
  info: string;
}

const OPENER = /^ {0,3}(`{3,}|~{3,})\s*([^`]*?)\s*$/;
const CLOSER = /^ {0,3}(`{3,}|~{3,})\s*$/;

/**
 * The top-level fenced code blocks. Per CommonMark a block closes at a bare fence of the same
 * character at least as long; in addition a fence with an info string inside a block opens a
 * nested one (models write markdown files containing code blocks with the same fence), which the
 * next bare fence closes.
 */
export function scanFences(lines: readonly string[]): Fence[] {
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const opener = OPENER.exec(lines[i]!);
    if (!opener) continue;
    const marker = opener[1]!;
    let depth = 0;
    let close = lines.length;
    for (let j = i + 1; j < lines.length; j++) {
      const closer = CLOSER.exec(lines[j]!);
      if (closer && closer[1]![0] === marker[0] && closer[1]!.length >= marker.length) {
        if (depth === 0) {
          close = j;
          break;
        }
        depth--;
        continue;
      }
      const nested = OPENER.exec(lines[j]!);
      if (nested && nested[2] !== '' && nested[1] === marker) depth++;
    }
    fences.push({ open: i, close, closed: close < lines.length, info: opener[2]! });
    i = close;
  }
  return fences;
}

/** The fence whose content contains line `index`, if any. */
export function fenceAround(fences: readonly Fence[], index: number): Fence | undefined {
  return fences.find((fence) => fence.open < index && index < fence.close);
}

export function fenceLanguage(info: string): string {
  const first = info.trim().split(/\s+/)[0] ?? '';
  return first.split(/[:{]/)[0]!.toLowerCase();
}
