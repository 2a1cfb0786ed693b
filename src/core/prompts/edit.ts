import { charsPerToken } from '../context/promptBudget';
import { redactSecrets } from '../context/redact';
import { DocumentLines, type LineRange } from '../edits/rewrite/lineRange';
import { redactedValues } from '../edits/rewrite/redactedValues';
import type { RangeEditTarget } from '../edits/rewrite/rewriteRange';
import { estimateMessagesTokens, estimateTokens, LlmError, type ChatMessage } from '../llm';
import { describeProblem, type CodeProblem } from './refactorPresets';
import { fenced, shareBudget } from './textBudget';

export interface EditPromptInput {
  /** Workspace-relative path, '/'-separated. */
  path: string;
  languageId: string;
  /** The whole document as it is now (unredacted: redaction happens here). */
  documentText: string;
  /** The lines to rewrite. */
  range: LineRange;
  instruction: string;
  /** A follow-up: the pending (not yet accepted) proposal for this range and what it was asked. */
  refine?: { proposedLines: string[]; previousInstructions: string[] };
  /** Diagnostics to fix (Quick Fix). */
  problems?: readonly CodeProblem[];
  contextWindow: number;
  model: string;
  /** At most this many tokens of code around the range. Default 3000: more slows local models for little gain. */
  maxContextTokens?: number;
  /**
   * Declarations from other files that the range uses (from the workspace index), already
   * redacted, best first: sent within a third of the context budget, before the code around.
   */
  declarations?: readonly { name: string; path: string; startLine: number; text: string }[];
}

export interface EditPrompt {
  messages: ChatMessage[];
  /** What `rewriteRange` needs to place the answer. */
  target: RangeEditTarget;
  promptTokens: number;
  /** Secret values replaced by [REDACTED] in what is sent. */
  redactions: number;
  /** What was cut, for the log. */
  notes: string[];
}

const systemRules = [
  "You are Tandem, an expert programmer editing code in the user's editor.",
  'You get a range of a file and an instruction. Reply with the complete new version of that range in a single fenced code block, and nothing else: no explanation before or after it.',
  'Rules:',
  '- Rewrite only the range. The code before and after it is context: do not repeat it.',
  "- Keep the range's indentation level and the file's style. Keep the code the instruction does not ask to change exactly as it is.",
  '- Return complete code: never leave parts out with comments such as "... existing code ...".',
];
const redactionRule = '- [REDACTED] stands for a secret value that was removed before sending. Keep each [REDACTED] exactly where it is; never invent a value for it.';

/**
 * The prompt for rewriting one range of a file: the file's path and language, as much code before
 * and after the range as the budget allows (nearest lines first), the range itself (or, for a
 * follow-up, the pending proposal next to the original), problems to fix, and the instruction.
 * Secrets are redacted in everything sent; the values taken out of the range are kept to be put
 * back into the answer.
 */
export function buildEditPrompt(input: EditPromptInput): EditPrompt {
  const doc = new DocumentLines(input.documentText);
  const { range } = input;
  const original = doc.slice(range);
  const notes: string[] = [];
  // Secrets are found on the whole document, then cut: a range or a context cut inside a key
  // block still has the block's lines redacted. Redaction keeps every line, so line numbers hold.
  const whole = redactSecrets(input.documentText, { languageId: input.languageId, path: input.path });
  const sent = whole.count > 0 ? new DocumentLines(whole.text) : doc;
  let proposalRedactions = 0;
  const redactProposal = (lines: readonly string[]) => {
    const joined = lines.join('\n');
    const result = redactSecrets(joined, { languageId: input.languageId, path: input.path });
    proposalRedactions += result.count;
    return { text: result.text, joined };
  };

  const subject = input.refine ? redactProposal(input.refine.proposedLines) : { text: sent.slice(range).join('\n'), joined: original.join('\n') };
  const subjectSource = input.refine ? input.refine.proposedLines : original;
  const originalSent = sent.slice(range).join('\n');
  const fence = input.languageId;
  const where = `\`${input.path}\` (${input.languageId}), ${range.end > range.start ? `lines ${range.start + 1}-${range.end}` : `at line ${range.start + 1}`} of ${doc.lines.length}`;

  const parts: string[] = [];
  const rangeSection = input.refine
    ? [
        `The range as it is in the file:\n${fenced(originalSent, fence)}`,
        `Your proposed rewrite of it, which the user has not accepted yet (it was for: ${input.refine.previousInstructions.map((i) => JSON.stringify(i)).join(', then ')}):\n${fenced(subject.text, fence)}`,
      ].join('\n\n')
    : `The range to rewrite:\n${fenced(subject.text, fence)}`;
  const problems = input.problems?.length ? `Problems reported in this code:\n${input.problems.map((p) => `- ${describeProblem(p)}`).join('\n')}` : '';
  const ask = input.refine
    ? `Change your proposal as follows, and reply with the complete new version of the range:\n${input.instruction}`
    : `Instruction:\n${input.instruction}`;

  // The fixed parts first: they must fit, the context fills what is left.
  const systemWithoutRedaction = systemRules.join('\n');
  const fixedText = [systemWithoutRedaction, redactionRule, `File: ${where}`, rangeSection, problems, ask].join('\n\n');
  const fixedTokens = estimateTokens(fixedText) + 40;
  const answerTokens = Math.min(Math.floor(input.contextWindow / 2), Math.max(256, Math.ceil(estimateTokens(subject.text) * 1.5) + 128));
  const room = input.contextWindow - answerTokens - fixedTokens;
  if (room < 0) {
    throw new LlmError({
      kind: 'contextTooLong',
      message: `The code to rewrite (${subjectSource.length} lines, about ${estimateTokens(subject.text).toLocaleString('en-US')} tokens) and its answer do not fit ${input.model}'s ${input.contextWindow.toLocaleString('en-US')}-token context window. Select a smaller range, or pick a model with a larger window.`,
      actions: ['selectModel'],
    });
  }
  let contextBudget = Math.min(room, input.maxContextTokens ?? 3_000);
  const declarations = pickDeclarations(input.declarations ?? [], Math.floor(contextBudget / 3));
  contextBudget -= declarations.tokens;
  if (declarations.left > 0) notes.push(`${declarations.left} declaration(s) from other files left out for the budget`);
  // Only the lines that can fit are redacted and measured: a 20k-line file costs no more than a short one.
  const reach = contextBudget * charsPerToken * 2;
  const beforeAll = { text: nearest(sent.lines.slice(0, range.start), reach, 'end').join('\n') };
  const afterAll = { text: nearest(sent.lines.slice(range.end), reach, 'start').join('\n') };
  const [beforeShare = 0, afterShare = 0] = shareBudget([estimateTokens(beforeAll.text), estimateTokens(afterAll.text)], contextBudget);
  const before = keepLines(beforeAll.text, beforeShare, 'end');
  const after = keepLines(afterAll.text, afterShare, 'start');
  if (before.cut) notes.push(`context before the range cut to its last ${before.lines.length} lines`);
  if (after.cut) notes.push(`context after the range cut to its first ${after.lines.length} lines`);

  parts.push(`File: ${where}`);
  if (declarations.text) parts.push(`Declarations from other files that this code uses (context only; do not repeat them):\n${declarations.text}`);
  if (before.lines.length) parts.push(`Code before the range (context only; do not repeat it):\n${fenced(before.lines.join('\n'), fence)}`);
  else parts.push('The range starts at the top of the file.');
  parts.push(rangeSection);
  if (after.lines.length) parts.push(`Code after the range (context only; do not repeat it):\n${fenced(after.lines.join('\n'), fence)}`);
  else parts.push('The range ends at the end of the file.');
  if (problems) parts.push(problems);
  parts.push(ask);

  const firstSent = range.start - before.lines.length;
  const lastSent = range.end + after.lines.length; // exclusive
  const redactions = proposalRedactions + whole.secrets.filter((secret) => secret.endLine >= firstSent && secret.line < Math.max(lastSent, range.start + 1)).length;
  const system = redactions > 0 ? `${systemWithoutRedaction}\n${redactionRule}` : systemWithoutRedaction;
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    { role: 'user', content: parts.join('\n\n') },
  ];
  const target: RangeEditTarget = {
    path: input.path,
    languageId: input.languageId,
    documentText: input.documentText,
    range,
    subject: subject.text === '' && subjectSource.length === 0 ? [] : subject.text.split('\n'),
    subjectSecrets: redactedValues(subject.joined, subject.text),
    before: before.lines,
    after: after.lines,
  };
  if (redactions > 0) notes.push(`${redactions} secret value(s) redacted before sending`);
  return { messages, target, promptTokens: estimateMessagesTokens(messages), redactions, notes };
}

/** The declarations that fit `maxTokens`, in order, each headed by where it is. */
function pickDeclarations(declarations: NonNullable<EditPromptInput['declarations']>, maxTokens: number): { text: string; tokens: number; left: number } {
  const blocks: string[] = [];
  let tokens = 0;
  for (const d of declarations) {
    const block = `${d.path}:${d.startLine} (\`${d.name}\`)\n${fenced(d.text, '')}`;
    const cost = estimateTokens(block) + 1;
    if (tokens + cost > maxTokens) continue;
    blocks.push(block);
    tokens += cost;
  }
  return { text: blocks.join('\n'), tokens, left: declarations.length - blocks.length };
}

/** The lines next to the range within about `maxChars` characters. */
function nearest(lines: readonly string[], maxChars: number, keep: 'start' | 'end'): string[] {
  let chars = 0;
  let k = 0;
  while (k < lines.length && chars <= maxChars) chars += lines[keep === 'start' ? k++ : lines.length - 1 - k++]!.length + 1;
  return keep === 'start' ? lines.slice(0, k) : lines.slice(lines.length - k);
}

/** Whole lines of `text` within `maxTokens`, kept from its start or its end (the side next to the range). */
function keepLines(text: string, maxTokens: number, keep: 'start' | 'end'): { lines: string[]; cut: boolean } {
  if (text === '') return { lines: [], cut: false };
  const lines = text.split('\n');
  const kept: string[] = [];
  let chars = 0;
  for (let k = 0; k < lines.length; k++) {
    const line = lines[keep === 'start' ? k : lines.length - 1 - k]!;
    chars += line.length + (k > 0 ? 1 : 0); // newlines between the kept lines, as estimateTokens counts them
    if (Math.ceil(chars / charsPerToken) > maxTokens) break;
    kept.push(line);
  }
  if (keep === 'end') kept.reverse();
  return { lines: kept, cut: kept.length < lines.length };
}
