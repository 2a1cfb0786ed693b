import { redactSecrets } from '../../context/redact';
import { applyFileEdit } from '../apply/applyFileEdit';
import { threeWayMerge } from '../apply/rebase';
import { diffLineArrays } from '../diff/lineDiff';
import { describeFailures } from '../feedback/describeFailures';
import { parseEditResponse } from '../parse/parseEditResponse';
import { splitText } from '../text/lineText';
import { isBlank } from '../text/normalize';
import { syntaxFor } from './codeScanner';
import { extractCode } from './extractCode';
import { fitToRange } from './fitToRange';
import { DocumentLines, type LineRange } from './lineRange';
import { restoreRedacted } from './redactedValues';

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

export type RewriteFailure = 'empty' | 'truncated' | 'edit-failed' | 'other-file' | 'secrets';

export type RewriteResult =
  | {
      ok: true;
      /** The whole document with the change. */
      newText: string;
      /** Where the changed code is in `newText` (for a follow-up refinement). */
      newRange: LineRange;
      /** The new code of that range. */
      lines: string[];
      /** 'range': a rewritten range; 'edit-blocks': the model sent SEARCH/REPLACE blocks or a diff instead. */
      via: 'range' | 'edit-blocks';
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
 * and final newline are kept. An answer made of SEARCH/REPLACE blocks or a diff goes through the
 * edit engine instead. An empty, cut-off or unplaceable answer is refused with the reason.
 */
export function rewriteRange(reply: string, target: RangeEditTarget, options: { finishReason?: string } = {}): RewriteResult {
  if (editMarkers.test(reply) && options.finishReason !== 'length') {
    const viaBlocks = applyEditBlocks(reply, target);
    if (viaBlocks) return viaBlocks;
  }
  const extracted = extractCode(reply, { finishReason: options.finishReason, languageId: target.languageId });
  if (!extracted.ok) return { ok: false, code: extracted.code, reason: extracted.reason };
  const notes: string[] = [];
  const code = withoutPathComment(extracted.lines, target);
  if (code.length < extracted.lines.length) notes.push('dropped a first line naming the file');
  const fitted = fitToRange({ reply: code, subject: target.subject, before: target.before, after: target.after, syntax: syntaxFor(target.languageId) });
  if (fitted.droppedBefore) notes.push(`dropped ${fitted.droppedBefore} line(s) repeated from before the range`);
  if (fitted.droppedAfter) notes.push(`dropped ${fitted.droppedAfter} line(s) repeated from after the range`);
  if (fitted.reindented) notes.push('indented the code back to the range\'s level');
  if (!fitted.lines.some((line) => !isBlank(line))) {
    return { ok: false, code: 'empty', reason: 'The model\'s answer only repeated the code around the range; nothing was proposed. Try again or rephrase the instruction.' };
  }
  const restored = restoreRedacted(fitted.lines.join('\n'), target.subjectSecrets);
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

/** A first line such as `// src/money.ts` or `# app/models.py` that names the file (unless the range starts with it). */
function withoutPathComment(lines: string[], target: RangeEditTarget): string[] {
  const first = lines[0]?.trim() ?? '';
  const base = target.path.split('/').pop() ?? target.path;
  const comment = /^(?:\/\/|#|--|;|%|\/\*|<!--)\s*(?:file:\s*)?(\S+?)\s*(?:\*\/|-->)?$/i.exec(first);
  if (!comment || !comment[1]!.endsWith(base) || lines.length < 2) return lines;
  if (target.subject[0]?.trim() === first) return lines;
  return lines.slice(1);
}
