import { fenceLanguage, scanFences, type Fence } from '../parse/fences';
import { toLines } from '../text/lineText';
import { isBlank } from '../text/normalize';
import { lineSimilarity } from '../text/similarity';

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
export function extractCode(reply: string, options: { finishReason?: string; languageId?: string; subject?: readonly string[] } = {}): ExtractedCode {
  if (options.finishReason === 'length') {
    return { ok: false, code: 'truncated', reason: 'The answer was cut off at the model\'s output limit before the code was complete; nothing was proposed. Edit a smaller range, or raise the server\'s output token limit.' };
  }
  const thought = stripThinking(reply);
  if (thought === undefined) return { ok: false, code: 'truncated', reason: 'The model was still thinking when its answer ended: there is no code in it; nothing was proposed. Try again.' };
  const lines = toLines(thought);
  const fences = scanFences(lines);
  if (fences.length === 0) {
    const code = trimBlankLines(withoutTrailingProse(withoutPreamble(lines), options.languageId));
    if (code.length === 0) return empty();
    // "I cannot do that." or a question back: words, not code. In a prose file they may be the answer.
    if (!isProseLanguage(options.languageId) && code.every((line) => isBlank(line) || isProse(line, '.!?:'))) return prose(code);
    return { ok: true, lines: code, fenced: false };
  }
  const closed = fences.filter((f) => f.closed && (!notCode.has(fenceLanguage(f.info)) || fenceLanguage(f.info) === options.languageId));
  const chosen = answerBlock(lines, closed.filter((f) => hasCode(lines, f)), options.subject);
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
  if (!open) {
    // Some servers strip the opening tag and pass on the thoughts with their closing tag.
    const close = /<\/(?:think|thinking|reasoning)>/i.exec(reply);
    return close ? reply.slice(close.index + close[0].length) : reply;
  }
  const close = reply.toLowerCase().indexOf(`</${open[1]!.toLowerCase()}>`, open[0].length);
  if (close < 0) return undefined;
  return reply.slice(close + open[1]!.length + 3);
}

/** "Sure! Here is the updated code:" before unfenced code. */
function withoutPreamble(lines: readonly string[]): readonly string[] {
  let start = 0;
  while (start < lines.length && (isBlank(lines[start]!) || /^(?:sure|certainly|of course|okay|ok|here(?:'s| is| are))\b.*[:.!]$/i.test(lines[start]!.trim()) || isProse(lines[start]!, ':'))) start++;
  return lines.slice(start);
}

/** A last paragraph of prose after unfenced code ("This copies the item so ..."). */
function withoutTrailingProse(lines: readonly string[], languageId: string | undefined): readonly string[] {
  if (isProseLanguage(languageId)) return lines;
  let end = lines.length;
  while (end > 0 && isBlank(lines[end - 1]!)) end--;
  let start = end;
  while (start > 0 && !isBlank(lines[start - 1]!)) start--;
  if (start === 0 || start === end) return lines;
  return lines.slice(start, end).every((line) => isProse(line, '.!')) ? lines.slice(0, start) : lines;
}

/** A sentence: starts with a capital word, has several words, ends with one of `endings`, and no code punctuation. */
function isProse(line: string, endings: string): boolean {
  const text = line.trim();
  if (!/^[A-Z][a-z']*\s+\S+\s+\S+/.test(text) || /[;{}=<>[\]]|^\s*(?:#|\/\/|--)/.test(text)) return false;
  return endings.includes(text.at(-1)!);
}

/** A line introducing a code block that shows how to use the code, not the code itself. */
const exampleLabel = /\b(?:usage|example|how to use|you can (?:now )?(?:use|call)|call it|test(?:s|ing)?|output)\b[^\n]*:\s*$/i;

/**
 * The block that is the answer when the model wrote several: blocks introduced as a usage example
 * are set aside, then the one most like the code it was asked to rewrite wins (a usage example
 * can be longer than the answer); when none stands out, the longest.
 */
function answerBlock(lines: readonly string[], fences: Fence[], subject: readonly string[] | undefined): Fence | undefined {
  if (fences.length <= 1) return fences[0];
  const answers = fences.filter((f) => !exampleLabel.test(labelBefore(lines, f)));
  const candidates = answers.length > 0 ? answers : fences;
  if (candidates.length === 1 || !subject) return longest(candidates);
  const wanted = subject.filter((line) => !isBlank(line)).slice(0, 60);
  if (wanted.length === 0) return longest(candidates);
  const resemblance = (f: Fence) => {
    const own = lines.slice(f.open + 1, f.close).filter((line) => !isBlank(line)).slice(0, 200);
    return wanted.reduce((sum, line) => sum + Math.max(0, ...own.map((o) => lineSimilarity(line, o))), 0) / wanted.length;
  };
  const scored = candidates.map((f) => ({ f, score: resemblance(f) })).sort((a, b) => b.score - a.score);
  return scored[0]!.score - scored[1]!.score >= 0.1 ? scored[0]!.f : longest(candidates);
}

/** The nearest non-blank line above a fence. */
function labelBefore(lines: readonly string[], fence: Fence): string {
  for (let i = fence.open - 1; i >= 0; i--) if (!isBlank(lines[i]!)) return lines[i]!;
  return '';
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

function isProseLanguage(languageId: string | undefined): boolean {
  return languageId !== undefined && ['markdown', 'plaintext', 'text', 'restructuredtext', 'latex'].includes(languageId);
}

function prose(lines: readonly string[]): ExtractedCode {
  const said = lines.find((line) => !isBlank(line))!.trim();
  const quote = said.length > 80 ? `${said.slice(0, 77)}…` : said;
  return { ok: false, code: 'empty', reason: `The model answered in words, with no code ("${quote}"); nothing was proposed. Rephrase the instruction, or try again.` };
}

function empty(): ExtractedCode {
  return { ok: false, code: 'empty', reason: 'The model answered without any code; nothing was proposed. Rephrase the instruction, or try again.' };
}
