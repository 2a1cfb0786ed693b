import { redactionMark } from '../context/redact';
import { applyFileEdit, parseEditResponse } from '../edits';
import { buildFixFailuresPrompt, readFixDeclaration } from '../prompts/testsFix';
import type { FixRound, FixTarget } from './fixLoop';
import type { AskModel } from './generateTests';
import { summarizeRun, type TestRunReport } from './testRun';

export interface FixRequest {
  report: TestRunReport;
  /** Workspace-relative path and current text. */
  testFile: { path: string; text: string };
  /** The code under test: the only other files a fix may change. */
  code: readonly { path: string; text: string }[];
  round: FixRound;
  /** What the earlier rounds changed. */
  previous?: readonly { target: FixTarget; explanation?: string }[];
  contextWindow: number;
  signal?: AbortSignal;
}

/** One file of a proposed fix, labelled by what it is. */
export interface FixFileChange {
  path: string;
  originalText: string;
  proposedText: string;
  role: 'test' | 'code';
}

export type FixProposal =
  | {
    kind: 'edits';
    /** What the edits change (the files decide, whatever the reply says). */
    target: FixTarget;
    /** What the reply said it fixes (`Fix: test` / `Fix: code`). */
    declared?: FixTarget;
    explanation?: string;
    files: FixFileChange[];
    warnings: string[];
    notes: string[];
  }
  | { kind: 'none'; reason: string; notes: string[] };

/** "fix to the test" / "fix to the code": the label a reviewed file carries. */
export function fixLabel(role: 'test' | 'code'): string {
  return role === 'test' ? 'fix to the test' : 'fix to the code';
}

/**
 * One round of fixing: sends the failures, the test file and the code under test to the model and
 * turns its reply into complete new texts of the files it fixes. All or nothing: a reply whose
 * edits do not all apply, or that edits other files only, is no fix (kind 'none', with why).
 */
export async function requestFix(request: FixRequest, ask: AskModel): Promise<FixProposal> {
  const prompt = buildFixFailuresPrompt({
    report: request.report,
    summary: summarizeRun(request.report),
    ...(request.report.framework ? { framework: request.report.framework } : {}),
    testFile: request.testFile,
    code: request.code,
    round: request.round.round,
    of: request.round.of,
    ...(request.previous ? { previous: request.previous } : {}),
    contextWindow: request.contextWindow,
  });
  const reply = await ask(prompt.messages, request.signal);
  return { ...interpretFixReply(reply, request), notes: prompt.notes };
}

export function interpretFixReply(reply: string, request: Pick<FixRequest, 'testFile' | 'code'>): Omit<Extract<FixProposal, { kind: 'edits' }>, 'notes'> | { kind: 'none'; reason: string } {
  const { declared, explanation } = readFixDeclaration(reply);
  const texts = new Map<string, { text: string; role: 'test' | 'code' }>([[request.testFile.path, { text: request.testFile.text, role: 'test' }]]);
  for (const file of request.code) if (!texts.has(file.path)) texts.set(file.path, { text: file.text, role: 'code' });

  const plan = parseEditResponse(reply, { defaultPath: request.testFile.path });
  const warnings = [...plan.warnings];
  const files: FixFileChange[] = [];
  const problems: string[] = [];
  for (const edit of plan.files) {
    const path = edit.path?.replace(/^\.\//, '');
    const known = path !== undefined ? texts.get(path) : undefined;
    if (path === undefined || !known) {
      warnings.push(`The reply also edits ${path ?? 'a block that names no file'}, which is neither the test file nor the code under test; that part was left out.`);
      continue;
    }
    const result = applyFileEdit(known.text, { ...edit, path });
    if (result.status === 'failed' || result.newText === undefined) {
      problems.push(`${path}: ${result.message ?? result.blocks.find((b) => b.status === 'failed')?.reason ?? 'the edit did not apply'}`);
      continue;
    }
    if (result.deleted || result.renameTo) {
      problems.push(`${path}: a fix may not delete or move files.`);
      continue;
    }
    if (result.status === 'unchanged') continue;
    if (count(result.newText, redactionMark) > count(known.text, redactionMark)) {
      problems.push(`${path}: the edit writes ${redactionMark} (a secret Tandem hid from the model) into the file.`);
      continue;
    }
    files.push({ path, originalText: known.text, proposedText: result.newText, role: known.role });
  }
  if (problems.length > 0) return { kind: 'none', reason: `Its edits did not apply: ${problems.join(' ')}` };
  if (files.length === 0) return { kind: 'none', reason: plan.files.length === 0 ? 'It contains no edits.' : 'Its edits change nothing in the test file or the code under test.' };
  const roles = new Set(files.map((f) => f.role));
  const target: FixTarget = roles.size === 2 ? 'both' : roles.has('code') ? 'code' : 'test';
  return { kind: 'edits', target, ...(declared ? { declared } : {}), ...(explanation ? { explanation } : {}), files, warnings };
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
