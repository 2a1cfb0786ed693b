import { detectIndentUnit, matchIndentStyle } from '../match/indentation';
import { indentWidth, isBlank, leadingWhitespace } from '../text/normalize';
import { bracketBalance, type CodeSyntax } from './codeScanner';
import { echoedPrefixes, echoedSuffixes, shiftedEqual } from './contextEcho';

export interface FitInput {
  /** The code the model answered with. */
  reply: readonly string[];
  /** The code it was asked to rewrite, as it was sent. */
  subject: readonly string[];
  /** The context lines sent before and after it: the ones a model tends to repeat. */
  before: readonly string[];
  after: readonly string[];
  /** The code around the range, for its indentation style (default: before, subject and after). */
  around?: readonly string[];
  syntax: CodeSyntax;
}

export interface FittedCode {
  lines: string[];
  /** Lines dropped because they repeated the context before / after the range. */
  droppedBefore: number;
  droppedAfter: number;
  /** The model had dedented the code (or its first line) and it was indented back. */
  reindented: boolean;
}

/**
 * Makes the model's code fit the range it replaces: lines it repeated from the context around the
 * range are dropped, code it dedented is indented back to the range's level, and the file's tabs or
 * spaces are used. Which repeated lines to drop is decided by bracket balance: the new range must
 * open and close as many brackets as the old one did, or it would not fit between the same
 * neighbours (so a repeated `}` is told from the range's own dedented `}`).
 */
export function fitToRange(input: FitInput): FittedCode {
  const around = input.around ?? [...input.before.slice(-50), ...input.subject, ...input.after.slice(0, 50)];
  const reply = matchIndentStyle(input.reply, around);
  if (onlyRepeatsContext(reply, input)) return { lines: [], droppedBefore: reply.length, droppedAfter: 0, reindented: false };
  const { kb, ka } = chooseDrops(reply, input);
  let lines = reply.slice(kb, reply.length - ka);
  const indented = reindent(lines, input.subject, around);
  lines = keepEdgeBlankLines(indented.lines, input.subject);
  return { lines, droppedBefore: kb, droppedAfter: ka, reindented: indented.changed };
}

/** The whole answer is lines from around the range (and not the range itself, unchanged). */
function onlyRepeatsContext(reply: readonly string[], input: FitInput): boolean {
  const paired = (context: readonly string[]) => context.length === reply.length && shiftedEqual(reply.map((line, i) => [line, context[i]!] as const));
  if (reply.length === 0 || paired(input.subject)) return false;
  return paired(input.before.slice(-reply.length)) || paired(input.after.slice(0, reply.length));
}

function chooseDrops(reply: readonly string[], input: FitInput): { kb: number; ka: number } {
  const beforeOptions = [0, ...echoedPrefixes(reply, input.before, input.subject, input.syntax)];
  const afterOptions = [0, ...echoedSuffixes(reply, input.after, input.subject, input.syntax)];
  if (beforeOptions.length === 1 && afterOptions.length === 1) return { kb: 0, ka: 0 };
  const target = bracketBalance(input.subject, input.syntax);
  let best: { kb: number; ka: number; mismatch: number; dropped: number } | undefined;
  for (const kb of beforeOptions) {
    for (const ka of afterOptions) {
      const rest = reply.slice(kb, reply.length - ka);
      if (!rest.some((line) => !isBlank(line))) continue;
      const balance = bracketBalance(rest, input.syntax);
      const mismatch = balance.reduce((sum, b, i) => sum + Math.abs(b - target[i]!), 0);
      const dropped = kb + ka;
      if (!best || mismatch < best.mismatch || (mismatch === best.mismatch && dropped > best.dropped)) best = { kb, ka, mismatch, dropped };
    }
  }
  return best ?? { kb: 0, ka: 0 };
}

/**
 * Indents the code back to the subject's level when the model dedented it: by the shift lines it
 * kept unchanged tell, else by the difference of the smallest indentations. A first line the
 * model wrote flush left while the others sit right (it continued from the cursor) gets the
 * subject's first-line indentation.
 */
function reindent(lines: string[], subject: readonly string[], around: readonly string[]): { lines: string[]; changed: boolean } {
  if (lines.length === 0) return { lines, changed: false };
  const paired = pairedShift(lines, subject);
  const first = lines.findIndex((line) => !isBlank(line));
  const subjectFirst = subject.findIndex((line) => !isBlank(line));
  if (!paired && first >= 0 && subjectFirst >= 0) {
    const wanted = leadingWhitespace(subject[subjectFirst]!);
    const rest = lines.slice(first + 1).filter((line) => !isBlank(line));
    const subjectRest = subject.slice(subjectFirst + 1).filter((line) => !isBlank(line));
    if (leadingWhitespace(lines[first]!) === '' && wanted !== '' && rest.length > 0 && subjectRest.length > 0 && minIndent(rest) >= minIndent(subjectRest)) {
      return { lines: lines.map((line, i) => (i === first ? wanted + line : line)), changed: true };
    }
  }
  const shift = paired ?? minIndent(subject) - minIndent(lines);
  if (shift <= 0) return { lines, changed: false };
  // Code written flush left gets the subject's own indentation string, byte for byte.
  const unit = detectIndentUnit(around) ?? '    ';
  const subjectIndent = minIndentString(subject);
  const prefix = minIndent(lines) === 0 && indentWidth(subjectIndent) === shift ? subjectIndent : undefined;
  const shifted = lines.map((line) => {
    if (isBlank(line)) return line;
    return prefix !== undefined ? prefix + line : withWidth(line, indentWidth(leadingWhitespace(line)) + shift, unit);
  });
  return { lines: shifted, changed: true };
}

/**
 * The indentation shift told by lines the model kept: distinctive lines that occur once in the
 * subject and once in the reply vote with their indentation difference; the most common wins.
 * Undefined when no line is shared.
 */
function pairedShift(lines: readonly string[], subject: readonly string[]): number | undefined {
  const counts = (list: readonly string[]) => {
    const map = new Map<string, { count: number; width: number }>();
    for (const line of list) {
      const key = line.trim();
      if (key.length < 4 || !/\w/.test(key)) continue;
      const entry = map.get(key);
      if (entry) entry.count++;
      else map.set(key, { count: 1, width: indentWidth(leadingWhitespace(line)) });
    }
    return map;
  };
  const ours = counts(subject);
  const theirs = counts(lines);
  const votes = new Map<number, number>();
  for (const [key, entry] of theirs) {
    const original = ours.get(key);
    if (entry.count !== 1 || original?.count !== 1) continue;
    const delta = original.width - entry.width;
    votes.set(delta, (votes.get(delta) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestVotes = 0;
  for (const [delta, count] of votes) if (count > bestVotes) [best, bestVotes] = [delta, count];
  return best;
}

function minIndent(lines: readonly string[]): number {
  let min = Infinity;
  for (const line of lines) if (!isBlank(line)) min = Math.min(min, indentWidth(leadingWhitespace(line)));
  return min === Infinity ? 0 : min;
}

function minIndentString(lines: readonly string[]): string {
  let best: string | undefined;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const indent = leadingWhitespace(line);
    if (best === undefined || indentWidth(indent) < indentWidth(best)) best = indent;
  }
  return best ?? '';
}

function withWidth(line: string, width: number, unit: string): string {
  const content = line.slice(leadingWhitespace(line).length);
  const indent = unit === '\t' ? '\t'.repeat(Math.floor(width / 4)) + ' '.repeat(width % 4) : ' '.repeat(width);
  return indent + content;
}

/** The subject's blank lines at its start and end, which the model (and the extraction) trims. */
function keepEdgeBlankLines(lines: string[], subject: readonly string[]): string[] {
  const lead = countBlank(subject, 'start');
  if (lead === subject.length) return lines;
  const missingLead = Math.max(0, lead - countBlank(lines, 'start'));
  const missingTrail = Math.max(0, countBlank(subject, 'end') - countBlank(lines, 'end'));
  return [...subject.slice(0, missingLead), ...lines, ...subject.slice(subject.length - missingTrail)];
}

function countBlank(lines: readonly string[], side: 'start' | 'end'): number {
  let n = 0;
  while (n < lines.length && isBlank(lines[side === 'start' ? n : lines.length - 1 - n]!)) n++;
  return n;
}
