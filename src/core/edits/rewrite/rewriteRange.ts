import { redactSecrets } from '../../context/redact';
import { applyFileEdit } from '../apply/applyFileEdit';
import { threeWayMerge } from '../apply/rebase';
import { diffLineArrays } from '../diff/lineDiff';
import { describeFailures } from '../feedback/describeFailures';
import { parseEditResponse } from '../parse/parseEditResponse';
import { splitText } from '../text/lineText';
import { isBlank } from '../text/normalize';
import { bracketBalance, syntaxFor, type CodeSyntax } from './codeScanner';
import { fenceLanguage, scanFences } from '../parse/fences';
import { extractCode } from './extractCode';
import { fitToRange } from './fitToRange';
import { DocumentLines, type LineRange } from './lineRange';
import { redactionMark } from '../../context/redact';
import { matchIndentStyle } from '../match/indentation';
import { restoreRedacted } from './redactedValues';
import { readWindowReply } from './wholeFileReply';
import { readChangedLinesOnly } from './changedLinesOnly';
import { withoutChangeMarkers } from './changeMarkers';

/** Everything the rewrite of one range needs to turn the model's answer into the file's new text. */
export interface RangeEditTarget {
  /** Workspace-relative path (named in the prompt; edit blocks may name it). */
  path: string;
  languageId: string;
  /** The document as the model saw it, unredacted. */
  documentText: string;
  /** The lines of `documentText` the new code replaces. */
  range: LineRange;
  /** The code the model was asked to rewrite, as sent: the range, or for a refinement the pending proposal. */
  subject: string[];
  /** The secret values redacted from `subject`, in order (undefined: could not be told apart). */
  subjectSecrets: string[] | undefined;
  /** Context lines sent before and after the range, as sent. */
  before: string[];
  after: string[];
}

export type RewriteFailure = 'empty' | 'truncated' | 'edit-failed' | 'other-file' | 'secrets' | 'whole-file' | 'partial';

export type RewriteResult =
  | {
      ok: true;
      /** The whole document with the change. */
      newText: string;
      /** Where the changed code is in `newText` (for a follow-up refinement). */
      newRange: LineRange;
      /** The new code of that range. */
      lines: string[];
      /**
       * 'range': a rewritten range; 'edit-blocks': the model sent SEARCH/REPLACE blocks or a diff
       * instead; 'whole-file': it rewrote all the code it was shown, changing lines outside the range too.
       */
      via: 'range' | 'edit-blocks' | 'whole-file';
      /** What was repaired in the answer, for the log. */
      notes: string[];
    }
  | { ok: false; code: RewriteFailure; reason: string };

/** Lines that begin SEARCH/REPLACE blocks, apply_patch envelopes and unified diffs. */
const editMarkers = /^(?:<{5,9} ?SEARCH\b|\*\*\* Begin Patch|@@ [^\n]*@@|@@\s*$|--- (?:a\/)?\S+\r?\n\+\+\+ )/m;

/**
 * Turns the model's answer to an edit prompt into the document's new text. The usual answer is
 * the rewritten range in a code block: it is extracted, lines repeated from the context are
 * dropped, dedented code is indented back, secrets are put back, and the document's line endings
 * and final newline are kept. An answer made of SEARCH/REPLACE blocks or a diff (even a ```diff
 * without hunk headers) goes through the edit engine instead. An answer that repeats the whole
 * file is cut down to the range's part, or taken as a whole-file rewrite when it deliberately
 * changes code outside the range (readWindowReply); an answer holding only the changed line(s) of
 * a long range is put in place of them (readChangedLinesOnly). An empty, cut-off or unplaceable
 * answer is refused with the reason.
 */
export function rewriteRange(answer: string, target: RangeEditTarget, options: { finishReason?: string } = {}): RewriteResult {
  const reply = withHunkHeaders(answer);
  if (editMarkers.test(reply) && options.finishReason !== 'length') {
    const viaBlocks = applyEditBlocks(reply, target);
    if (viaBlocks) return viaBlocks;
  }
  const extracted = extractCode(reply, { finishReason: options.finishReason, languageId: target.languageId, subject: target.subject });
  if (!extracted.ok) return { ok: false, code: extracted.code, reason: extracted.reason };
  const notes: string[] = [];
  const named = withoutPathComment(extracted.lines, target);
  if (named.length < extracted.lines.length) notes.push('dropped a first line naming the file');
  const unmarked = withoutChangeMarkers(named, target.subject, target.languageId);
  if (unmarked.removed) notes.push(`took out ${unmarked.removed} comment(s) marking what the model changed`);
  const code = unmarked.lines;
  const around = [...target.before.slice(-50), ...target.subject, ...target.after.slice(0, 50)];
  const unsent = unsentLines(target);
  const windowReply = readWindowReply({ reply: matchIndentStyle(code, around), before: target.before, subject: target.subject, after: target.after, ...unsent, languageId: target.languageId });
  if (windowReply.kind === 'refuse') return { ok: false, code: 'whole-file', reason: windowReply.reason };
  if (windowReply.kind === 'window') {
    if (!unsent.unsentBefore) return { ok: false, code: 'whole-file', reason: 'The model rewrote the whole file instead of the range, and Tandem cannot line its answer up with the file (a secret spanning several lines was redacted). Nothing was proposed: select all the code that should change.' };
    return applyWindow(windowReply.lines, target, unsent.unsentBefore, unsent.unsentAfter ?? [], [...notes, windowReply.note]);
  }
  let rangeCode = code;
  let context = { before: target.before, after: target.after };
  if (windowReply.kind === 'range') {
    notes.push(windowReply.note);
    rangeCode = windowReply.lines;
    context = { before: windowReply.keptBefore ? target.before : [], after: windowReply.keptAfter ? target.after : [] };
  }
  const syntax = syntaxFor(target.languageId);
  const fitted = fitToRange({ reply: rangeCode, subject: target.subject, ...context, around, syntax });
  if (fitted.droppedBefore) notes.push(`dropped ${fitted.droppedBefore} line(s) repeated from before the range`);
  if (fitted.droppedAfter) notes.push(`dropped ${fitted.droppedAfter} line(s) repeated from after the range`);
  if (fitted.reindented) notes.push('indented the code back to the range\'s level');
  if (!fitted.lines.some((line) => !isBlank(line))) {
    return { ok: false, code: 'empty', reason: 'The model\'s answer only repeated the code around the range; nothing was proposed. Try again or rephrase the instruction.' };
  }
  let newLines = fitted.lines;
  if (windowReply.kind === 'range-only' && fitted.droppedBefore + fitted.droppedAfter === 0) {
    const partial = readChangedLinesOnly(fitted.lines, target.subject, (lines) => sameBrackets(lines, target.subject, syntax));
    if (partial.kind === 'refuse') return { ok: false, code: 'partial', reason: partial.reason };
    if (partial.kind === 'patched') {
      newLines = partial.lines;
      notes.push(`the answer held only the changed line(s); they replace line(s) ${partial.replaced.start + 1}-${partial.replaced.end} of the range`);
    }
  }
  const restored = restoreRedacted(newLines.join('\n'), target.subjectSecrets);
  if (!restored.ok) return { ok: false, code: 'secrets', reason: restored.reason };
  const lines = restored.text.split('\n');
  const newText = new DocumentLines(target.documentText).replace(target.range, lines);
  return { ok: true, newText, newRange: { start: target.range.start, end: target.range.start + lines.length }, lines, via: 'range', notes };
}

/**
 * SEARCH/REPLACE blocks, a diff or a patch for this file, applied by the edit engine; undefined
 * when the answer holds none after all (a code block that merely contains such a line).
 * The blocks were written against redacted text: they are applied to the document as sent and
 * merged into the real one, and refused if they touch a line that holds a secret.
 */
function applyEditBlocks(reply: string, target: RangeEditTarget): RewriteResult | undefined {
  const plan = parseEditResponse(reply, { defaultPath: target.path });
  const blockFormats = new Set(['search-replace', 'unified-diff', 'apply-patch']);
  if (!plan.files.some((file) => file.blocks.some((block) => blockFormats.has(block.format)))) return undefined;
  if (plan.files.length > 1) {
    const names = plan.files.map((f) => f.path ?? '(unnamed)').join(', ');
    return { ok: false, code: 'other-file', reason: `The answer edits ${plan.files.length} files (${names}); this edit may only change ${target.path}. Nothing was proposed.` };
  }
  const edit = { ...plan.files[0]!, path: target.path };
  const redacted = redactSecrets(target.documentText, { languageId: target.languageId }).text;
  const applied = applyFileEdit(redacted, edit);
  if (applied.status === 'failed') {
    return { ok: false, code: 'edit-failed', reason: `The model answered with edit blocks that do not apply to ${target.path}; nothing was proposed.\n${describeFailures(applied, plan).trim()}` };
  }
  let newText = applied.newText!;
  if (redacted !== target.documentText) {
    const merged = threeWayMerge(redacted, newText, target.documentText);
    if (!merged.ok) return { ok: false, code: 'secrets', reason: 'The model\'s edit changes a line holding a secret that Tandem redacted before sending; nothing was proposed. Edit that line yourself.' };
    newText = merged.text;
  }
  const newRange = changedRange(target.documentText, newText, target.range);
  const lines = splitText(newText).lines.slice(newRange.start, newRange.end);
  return { ok: true, newText, newRange, lines, via: 'edit-blocks', notes: [`applied ${applied.blocks.length} edit block(s) from the answer`] };
}

/**
 * The model rewrote all the code it was shown (context, range, context) and changed lines outside
 * the range: the document becomes its answer, with the lines it was not shown kept (readWindowReply
 * put them back) and the real text of every line it kept as sent (the context was sent redacted).
 * A line it wrote that holds a redaction mark is refused: its secret cannot be placed.
 */
function applyWindow(reply: string[], target: RangeEditTarget, unsentBefore: readonly string[], unsentAfter: readonly string[], notes: string[]): RewriteResult {
  const doc = new DocumentLines(target.documentText);
  const subject = restoreRedacted(target.subject.join('\n'), target.subjectSecrets);
  if (!subject.ok) return { ok: false, code: 'secrets', reason: subject.reason };
  const sent = [...unsentBefore, ...target.before, ...target.subject, ...target.after, ...unsentAfter];
  const real = [...doc.lines.slice(0, target.range.start), ...(target.subject.length ? subject.text.split('\n') : []), ...doc.lines.slice(target.range.end)];
  const unredacted = unredactWindow(sent, real, reply);
  if (!unredacted) return { ok: false, code: 'secrets', reason: 'The model\'s answer changes a line holding a secret that Tandem redacted before sending; nothing was proposed. Edit that line yourself.' };
  const newText = doc.replace({ start: 0, end: doc.lines.length }, unredacted);
  const newRange = changedRange(target.documentText, newText, target.range);
  const lines = splitText(newText).lines.slice(newRange.start, newRange.end);
  return { ok: true, newText, newRange, lines, via: 'whole-file', notes };
}

/**
 * The document's lines above and below the context that was sent, when the sent context lines up
 * with the document (it does not when a secret spanning several lines was redacted in it).
 */
function unsentLines(target: RangeEditTarget): { unsentBefore?: string[]; unsentAfter?: string[] } {
  const doc = new DocumentLines(target.documentText);
  const windowStart = target.range.start - target.before.length;
  const windowEnd = target.range.end + target.after.length;
  const lineUp = (sent: readonly string[], from: number) => sent.every((line, i) => line === doc.lines[from + i] || line.includes(redactionMark));
  if (windowStart < 0 || windowEnd > doc.lines.length || !lineUp(target.before, windowStart) || !lineUp(target.after, target.range.end)) return {};
  return { unsentBefore: doc.lines.slice(0, windowStart), unsentAfter: doc.lines.slice(windowEnd) };
}

/**
 * The answer's lines with each line it kept from the code sent replaced by the real line (the
 * secret put back); undefined when a line it wrote holds a redaction mark, or the real lines do not
 * line up with the sent ones.
 */
function unredactWindow(sent: readonly string[], real: readonly string[], reply: readonly string[]): string[] | undefined {
  if (sent.length !== real.length) return undefined;
  const out: string[] = [];
  let i = 0;
  let j = 0;
  const copyKept = (untilOld: number) => {
    for (; i < untilOld; i++, j++) out.push(sent[i] === reply[j] ? real[i]! : reply[j]!);
  };
  for (const region of diffLineArrays(sent, reply)) {
    copyKept(region.oldStart);
    const written = reply.slice(region.newStart, region.newEnd);
    if (written.some((line) => line.includes(redactionMark))) return undefined;
    out.push(...written);
    i = region.oldEnd;
    j = region.newEnd;
  }
  copyKept(sent.length);
  return out;
}

/** The lines of `after` that cover the original range and every change the edit made. */
function changedRange(before: string, after: string, range: LineRange): LineRange {
  const regions = diffLineArrays(splitText(before).lines, splitText(after).lines);
  const toNew = (line: number): number => {
    let delta = 0;
    for (const r of regions) if (r.oldEnd <= line) delta += (r.newEnd - r.newStart) - (r.oldEnd - r.oldStart);
    return line + delta;
  };
  let start = toNew(range.start);
  let end = toNew(range.end);
  for (const r of regions) {
    start = Math.min(start, r.newStart);
    end = Math.max(end, r.newEnd);
  }
  return { start, end: Math.max(start, end) };
}

function sameBrackets(a: readonly string[], b: readonly string[], syntax: CodeSyntax): boolean {
  const [x, y] = [bracketBalance(a, syntax), bracketBalance(b, syntax)];
  return x.every((n, i) => n === y[i]);
}

/**
 * A ```diff block of `+`/`-` lines without any `@@` hunk header (small models write them so) gets
 * one, so the edit engine applies it by its context like any diff; without it the block would be
 * read as no code at all.
 */
function withHunkHeaders(reply: string): string {
  const lines = reply.split('\n');
  const fences = scanFences(lines);
  let out = lines;
  for (const fence of [...fences].reverse()) {
    if (!fence.closed || !['diff', 'patch', 'udiff'].includes(fenceLanguage(fence.info))) continue;
    const body = lines.slice(fence.open + 1, fence.close).map((line) => line.replace(/\r$/, ''));
    const hasHeader = body.some((line) => /^(?:@@|--- |\+\+\+ |diff --git )/.test(line));
    const isDiff = body.every((line) => line === '' || /^[ +-]/.test(line)) && body.some((line) => /^[+-]/.test(line));
    if (hasHeader || !isDiff) continue;
    out = [...out.slice(0, fence.open + 1), '@@ @@', ...out.slice(fence.open + 1)];
  }
  return out.join('\n');
}

/** A first line such as `// src/money.ts` or `# app/models.py` that names the file (unless the range starts with it). */
function withoutPathComment(lines: string[], target: RangeEditTarget): string[] {
  const first = lines[0]?.trim() ?? '';
  const base = target.path.split('/').pop() ?? target.path;
  const comment = /^(?:\/\/|#|--|;|%|\/\*|<!--)\s*(?:file:\s*)?(\S+?)\s*(?:\*\/|-->)?$/i.exec(first);
  if (!comment || !comment[1]!.endsWith(base) || lines.length < 2) return lines;
  if (target.subject[0]?.trim() === first) return lines;
  return lines.slice(1);
}
