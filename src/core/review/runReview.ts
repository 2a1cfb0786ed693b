import type { OutboundGate } from '../context';
import type { ChatRequest, ChatStreamEvent } from '../llm';
import type { WorkspaceFiles } from '../testing/workspaceFiles';
import { packBatches, unitsFor, type ReviewUnit } from './batches';
import { definitionsUsed } from './definitions';
import { parseUnifiedDiff, type FileDiff } from './diffParse';
import { summaryReason } from './fileKinds';
import { checkFix } from './fixes';
import { parseReviewReply } from './parseReply';
import { anchorFindings, applyPrecisionRules, type AnchoredFinding, type PrecisionOptions } from './precision';
import { buildReviewMessages } from './prompt';
import type { Finding } from './types';

export interface ReviewBackend {
  streamChat(request: ChatRequest): AsyncIterable<ChatStreamEvent>;
}

export interface ReviewInput extends PrecisionOptions {
  /** A unified diff (git diff output): the change to review. */
  diff: string;
  /** The new side of a file (working tree, index, ...) with its language; undefined when unreadable. */
  readFile(path: string): Promise<{ text: string; languageId: string } | undefined>;
  gate: OutboundGate;
  /** The project's files (repository-relative paths), to show the definitions the change uses; none without it. */
  files?: WorkspaceFiles;
  /** The project's rules files, already read through the gate. */
  rules?: ReadonlyArray<{ path: string; text: string }>;
  /** Tokens of diff per request. Default 6,000. */
  budgetTokens?: number;
  signal?: AbortSignal;
  /** Before each request: files done so far and in all ("Reviewing 4 of 12 files"). */
  onProgress?(progress: { done: number; total: number; files: string[] }): void;
}

export interface ReviewResult {
  findings: Finding[];
  /** Files whose change went to the model. */
  reviewed: string[];
  /** Files summarised, not reviewed (lock and generated files), with their line counts. */
  summarised: Array<{ path: string; reason: string; added: number; removed: number }>;
  /** Files not sent at all: ignored or sensitive, binary, deleted. */
  skipped: Array<{ path: string; reason: string }>;
  /** Findings dropped or merged by the precision rules, fixes refused, unreadable replies: for the log. */
  notes: string[];
  /** Secrets replaced before sending. */
  redactions: number;
  /** Some reply was cut off at the output limit: findings after the cut are missing. */
  truncated: boolean;
}

/**
 * Reviews a diff: splits it by file and budget, sends each batch (redacted, ignored files never),
 * reads the findings and keeps only those the precision rules allow. Requests run one after the
 * other: local models serve one at a time, and progress then means something.
 */
export async function reviewDiff(backend: ReviewBackend, input: ReviewInput): Promise<ReviewResult> {
  const budget = Math.max(500, input.budgetTokens ?? 6_000);
  const result: ReviewResult = { findings: [], reviewed: [], summarised: [], skipped: [], notes: [], redactions: 0, truncated: false };
  const units: ReviewUnit[] = [];
  const texts = new Map<string, string>();
  for (const file of parseUnifiedDiff(input.diff)) {
    const skip = skipReason(file, input.gate);
    if (skip) {
      result.skipped.push({ path: file.path, reason: skip });
      continue;
    }
    const summary = summaryReason(file.path, file.hunks.flatMap((h) => h.lines).filter((l) => l.kind === 'added').slice(0, 5).map((l) => l.text));
    if (summary) {
      result.summarised.push({ path: file.path, reason: summary, added: file.added, removed: file.removed });
      continue;
    }
    const source = await input.readFile(file.path);
    if (source) texts.set(file.path, source.text);
    // Redacted whole, before any cut; both keep every line, so the numbers still match.
    const redactedText = source ? input.gate.redact(source.text, { path: file.path, languageId: source.languageId }) : undefined;
    const redactedDiff = redactHunks(file, input.gate);
    result.redactions += Math.max(redactedText?.count ?? 0, redactedDiff.count);
    const definitions = input.files && source ? await definitionsUsed(input.files, input.gate, file, source.text) : '';
    units.push(...unitsFor({ file: redactedDiff.file, text: redactedText?.text, languageId: source?.languageId ?? 'plaintext', definitions }, budget));
    result.reviewed.push(file.path);
  }
  const notShown = [
    ...result.summarised.map((s) => `${s.path}: ${s.reason}, +${s.added} -${s.removed} lines (summarised, not reviewed)`),
    ...result.skipped.map((s) => `${s.path}: not shown (${s.reason})`),
  ];
  const batches = packBatches(units, budget);
  const total = result.reviewed.length;
  const done = new Set<string>();
  const anchored: AnchoredFinding[] = [];
  for (const batch of batches) {
    input.signal?.throwIfAborted();
    const paths = [...new Set(batch.units.map((u) => u.file.path))];
    input.onProgress?.({ done: done.size, total, files: paths });
    const messages = buildReviewMessages({ files: batch.units.map((u) => u.prompt), notShown, rules: input.rules ?? [], maxFindingsPerFile: input.maxPerFile ?? 5 });
    let reply = '';
    for await (const event of backend.streamChat({ role: 'chat', purpose: 'chat', messages, temperature: 0, ...(input.signal ? { signal: input.signal } : {}) })) {
      if (event.type === 'text') reply += event.text;
      if (event.type === 'done' && event.result.finishReason === 'length') {
        result.truncated = true;
        result.notes.push(`the reply about ${paths.join(', ')} was cut off at its output limit; findings after the cut are missing`);
      }
    }
    const parsed = parseReviewReply(reply);
    result.notes.push(...parsed.problems);
    const files: FileDiff[] = batch.units.map((u) => u.file);
    const { anchored: kept, dropped } = anchorFindings(parsed.findings, mergeParts(files), input);
    result.notes.push(...dropped);
    anchored.push(...kept);
    for (const path of paths) done.add(path);
  }
  if (batches.length) input.onProgress?.({ done: done.size, total, files: [] });
  const precise = applyPrecisionRules(anchored, input);
  result.notes.push(...precise.dropped);
  result.findings = precise.findings.map(({ fixText, ...finding }) => {
    if (!fixText) return finding;
    const checked = checkFix(fixText, finding.path, (path) => texts.get(path));
    if (checked.ok) return { ...finding, fix: checked.fix };
    result.notes.push(`${finding.path}:${finding.line} fix left out: ${checked.reason}`);
    return finding;
  });
  return result;
}

function skipReason(file: FileDiff, gate: OutboundGate): string | undefined {
  const refusal = gate.refusalFor(file.path) ?? (file.oldPath ? gate.refusalFor(file.oldPath) : undefined);
  if (refusal) return 'ignored or sensitive: never sent to the model';
  if (file.status === 'binary') return 'binary file';
  if (file.status === 'deleted') return 'deleted';
  if (file.hunks.length === 0) return file.status === 'renamed' ? 'renamed without changes' : 'no changed lines';
  return undefined;
}

/** The diff's lines redacted file by file (the removed lines are only in the diff). */
function redactHunks(file: FileDiff, gate: OutboundGate): { file: FileDiff; count: number } {
  const lines = file.hunks.flatMap((h) => h.lines);
  const redacted = gate.redact(lines.map((l) => l.text).join('\n'), { path: file.path });
  if (redacted.count === 0) return { file, count: 0 };
  const texts = redacted.text.split('\n');
  let k = 0;
  const hunks = file.hunks.map((h) => ({ ...h, lines: h.lines.map((l) => ({ ...l, text: texts[k++] ?? l.text })) }));
  return { file: { ...file, hunks }, count: redacted.count };
}

/** Parts of one split file anchor against the whole file's changed lines. */
function mergeParts(files: FileDiff[]): FileDiff[] {
  const byPath = new Map<string, FileDiff>();
  for (const file of files) if (!byPath.has(file.path)) byPath.set(file.path, file);
  return [...byPath.values()];
}
