import { consume, type ParseContext, type ParsedBlock } from './context';
import { fenceAround, type Fence } from './fences';
import { pathOfFence } from './fencePath';
import { pathFromLine } from './paths';

// Aider's markers (5 to 9 characters, models miscount) and Cline's `------- SEARCH` / `+++++++ REPLACE`.
const SEARCH = /^\s*(?:<{5,9}|-{5,9})\s*SEARCH\b.*$/i;
const DIVIDER = /^\s*={5,9}\s*$/;
const REPLACE = /^\s*(?:>{5,9}|\+{5,9})\s*(?:REPLACE\b.*)?$/i;
/** Roo Code's optional line hint after the SEARCH marker, followed by a `-------` separator. */
const START_LINE = /^\s*:start_line:\s*(\d+)\s*$/;
const SEPARATOR = /^\s*-{3,}\s*$/;

/** SEARCH/REPLACE blocks, fenced or bare, the path on the line before (or the fence's). */
export function parseSearchReplace(context: ParseContext): ParsedBlock[] {
  const { lines } = context;
  const parsed: ParsedBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (context.consumed[i] || !SEARCH.test(lines[i]!)) continue;
    const path = pathBefore(context, i);
    const responseLine = i + 1;
    let j = i + 1;
    let lineHint: number | undefined;
    const hint = START_LINE.exec(lines[j] ?? '');
    if (hint) {
      lineHint = Number(hint[1]);
      j++;
      if (SEPARATOR.test(lines[j] ?? '')) j++;
    }
    const search: string[] = [];
    while (j < lines.length && !DIVIDER.test(lines[j]!) && !SEARCH.test(lines[j]!) && !REPLACE.test(lines[j]!)) search.push(lines[j++]!);
    if (j >= lines.length || !DIVIDER.test(lines[j]!)) {
      parsed.push(malformed(path, responseLine, 'The SEARCH section has no "=======" line after it (the response may have been cut off).'));
      consume(context, i, j - 1);
      i = j - 1;
      continue;
    }
    j++;
    const replace: string[] = [];
    while (j < lines.length && !REPLACE.test(lines[j]!) && !SEARCH.test(lines[j]!)) replace.push(lines[j++]!);
    if (j >= lines.length || !REPLACE.test(lines[j]!)) {
      parsed.push(malformed(path, responseLine, 'The block has no ">>>>>>> REPLACE" line to end it (the response may have been cut off), so it was not applied.'));
      consume(context, i, j - 1);
      i = j - 1;
      continue;
    }
    consume(context, i, j);
    parsed.push({
      ...(path ? { path } : {}), inheritsPath: true,
      block: { kind: 'search-replace', format: 'search-replace', responseLine, search, replace, anchors: [], ordered: false, ...(lineHint ? { lineHint } : {}) },
    });
    i = j;
  }
  return parsed;
}

function malformed(path: string | undefined, responseLine: number, reason: string): ParsedBlock {
  return { ...(path ? { path } : {}), inheritsPath: true, block: { kind: 'malformed', format: 'search-replace', responseLine, reason } };
}

/**
 * The path for a block starting at `index`: a path line right before the marker (inside or outside
 * a fence); else, for the first block of a fence, the fence's info string or the line before it.
 */
function pathBefore(context: ParseContext, index: number): string | undefined {
  const { lines } = context;
  const previous = lines[index - 1];
  if (previous !== undefined && !/^\s*(`{3,}|~{3,})/.test(previous)) {
    const path = pathFromLine(previous);
    if (path) return path;
  }
  const fence = fenceAround(context.fences, index);
  if (fence && firstBlockOfFence(context, fence, index)) return pathOfFence(lines, fence);
  if (!fence && previous !== undefined && previous.trim() === '' && index >= 2) return pathFromLine(lines[index - 2]!);
  return undefined;
}

function firstBlockOfFence(context: ParseContext, fence: Fence, index: number): boolean {
  for (let k = fence.open + 1; k < index; k++) if (SEARCH.test(context.lines[k]!)) return false;
  return true;
}
