import { fenceLanguage, scanFences, type Fence } from '../parse/fences';
import { toLines } from '../text/lineText';
import { isBlank } from '../text/normalize';

export type ExtractedCode =
  | { ok: true; lines: string[]; fenced: boolean }
  | { ok: false; code: 'empty' | 'truncated'; reason: string };

/** Fence languages that are never the code of a range (commands, output, prose). */
const notCode = new Set(['bash', 'sh', 'shell', 'console', 'zsh', 'powershell', 'cmd', 'terminal', 'output', 'log', 'text', 'txt', 'plaintext', 'diff', 'patch']);

/** Reasoning models (DeepSeek-R1, Qwen3) put their thoughts before the answer in <think> tags. */
const thinkOpen = /^\s*<(think|thinking|reasoning)>/i;

/**
 * The code of a model's answer to "rewrite this range": the one fenced block (the longest when it
 * wrote several, explanations aside), or the whole answer when it used no fence. A reply cut off
 * (its fence never closed, the server stopped it at the token limit, or the thinking never ended)
 * or without any code is refused: it would replace the range with half of it, or with nothing.
 */
export function extractCode(reply: string, options: { finishReason?: string; languageId?: string } = {}): ExtractedCode {
  if (options.finishReason === 'length') {
    return { ok: false, code: 'truncated', reason: 'The answer was cut off at the model\'s output limit before the code was complete; nothing was proposed. Edit a smaller range, or raise the server\'s output token limit.' };
  }
  const thought = stripThinking(reply);
  if (thought === undefined) return { ok: false, code: 'truncated', reason: 'The model was still thinking when its answer ended: there is no code in it; nothing was proposed. Try again.' };
  const lines = toLines(thought);
  const fences = scanFences(lines);
  if (fences.length === 0) {
    const code = trimBlankLines(withoutPreamble(lines));
    if (code.length === 0) return empty();
    return { ok: true, lines: code, fenced: false };
  }
  const closed = fences.filter((f) => f.closed && (!notCode.has(fenceLanguage(f.info)) || fenceLanguage(f.info) === options.languageId));
  const chosen = longest(closed.filter((f) => hasCode(lines, f)));
  if (!chosen) {
    if (fences.some((f) => !f.closed)) return { ok: false, code: 'truncated', reason: 'The answer was cut off: its code block never closed, so the code may be incomplete; nothing was proposed. Try again.' };
    return empty();
  }
  return { ok: true, lines: trimBlankLines(lines.slice(chosen.open + 1, chosen.close)), fenced: true };
}

/** How many lines of code have arrived so far in a streaming answer (for progress). */
export function streamedCodeLines(partial: string): number {
  const thought = stripThinking(partial);
  if (thought === undefined) return 0;
  const lines = thought.split('\n');
  const open = lines.findIndex((l) => /^ {0,3}(`{3,}|~{3,})/.test(l));
  if (open < 0) return lines.filter((l) => !isBlank(l)).length;
  const fence = /^ {0,3}(`{3,}|~{3,})/.exec(lines[open]!)![1]!;
  let count = 0;
  for (let i = open + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === fence) break;
    // The last piece may be a line still arriving: count it only once it has text.
    if (i < lines.length - 1 || lines[i] !== '') count++;
  }
  return count;
}

/** The reply without its leading <think>…</think> part; undefined when that part never closed. */
function stripThinking(reply: string): string | undefined {
  const open = thinkOpen.exec(reply);
  if (!open) return reply;
  const close = reply.toLowerCase().indexOf(`</${open[1]!.toLowerCase()}>`, open[0].length);
  if (close < 0) return undefined;
  return reply.slice(close + open[1]!.length + 3);
}

/** "Sure! Here is the updated code:" before unfenced code. */
function withoutPreamble(lines: readonly string[]): readonly string[] {
  let start = 0;
  while (start < lines.length && (isBlank(lines[start]!) || /^(?:sure|certainly|of course|okay|ok|here(?:'s| is| are))\b.*[:.!]$/i.test(lines[start]!.trim()))) start++;
  return lines.slice(start);
}

function longest(fences: Fence[]): Fence | undefined {
  return fences.reduce<Fence | undefined>((best, f) => (!best || f.close - f.open > best.close - best.open ? f : best), undefined);
}

function hasCode(lines: readonly string[], fence: Fence): boolean {
  for (let i = fence.open + 1; i < fence.close; i++) if (!isBlank(lines[i]!)) return true;
  return false;
}

function trimBlankLines(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start]!)) start++;
  while (end > start && isBlank(lines[end - 1]!)) end--;
  return lines.slice(start, end);
}

function empty(): ExtractedCode {
  return { ok: false, code: 'empty', reason: 'The model answered without any code; nothing was proposed. Rephrase the instruction, or try again.' };
}
