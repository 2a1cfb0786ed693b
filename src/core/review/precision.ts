import type { FileDiff } from './diffParse';
import type { RawFinding } from './parseReply';
import { severityRank, type Finding, type FindingFix, type Severity } from './types';

export interface PrecisionOptions {
  /** Findings kept per file at most; the least severe go first. Default 5. */
  maxPerFile?: number;
  /** Findings below this severity are dropped. Default 'info' (all kept). */
  minSeverity?: Severity;
  /** How far from a changed line a finding may be anchored ("its immediate context"). Default 1 line. */
  contextLines?: number;
}

export interface PrecisionOutcome {
  findings: Finding[];
  /** Why findings were dropped or merged, one line each, for the log and --verbose. */
  dropped: string[];
}

/** A finding that has passed the anchor check and waits for its fix to be checked. */
export type AnchoredFinding = Omit<Finding, 'fix'> & { fixText?: string; fix?: FindingFix };

/**
 * Anchors each finding to the diff: it must name a reviewed file and a line the diff changed or
 * stands next to (by default the line right next to it); a range is moved onto its first changed line. Findings
 * without a file are given the batch's only file; without a line, or elsewhere, they are dropped.
 */
export function anchorFindings(raw: readonly RawFinding[], files: readonly FileDiff[], options: PrecisionOptions = {}): { anchored: AnchoredFinding[]; dropped: string[] } {
  const slack = options.contextLines ?? 1;
  const byPath = new Map(files.map((f) => [f.path, f]));
  const anchored: AnchoredFinding[] = [];
  const dropped: string[] = [];
  for (const finding of raw) {
    const file = finding.path !== undefined ? byPath.get(finding.path) ?? bySuffix(files, finding.path) : files.length === 1 ? files[0] : undefined;
    const label = `"${finding.message}"`;
    if (!file) {
      dropped.push(`${label}: ${finding.path === undefined ? 'names no file' : `${finding.path} is not among the reviewed files`}`);
      continue;
    }
    if (finding.line === undefined) {
      dropped.push(`${file.path} ${label}: names no line`);
      continue;
    }
    const end = Math.max(finding.line, finding.endLine ?? finding.line);
    const line = anchorLine(file, finding.line, end, slack);
    if (line === undefined) {
      dropped.push(`${file.path}:${finding.line} ${label}: not on or next to a changed line`);
      continue;
    }
    anchored.push({
      path: file.path, line, endLine: Math.max(line, end), severity: finding.severity ?? 'info', category: finding.category ?? 'maintainability',
      message: finding.message, explanation: finding.explanation, ...(finding.fixText ? { fixText: finding.fixText } : {}),
    });
  }
  return { anchored, dropped };
}

/** The finding's own line when it is changed or near a change; else the first changed line of its range. */
function anchorLine(file: FileDiff, start: number, end: number, slack: number): number | undefined {
  if (isNearChange(file, start, slack)) return start;
  for (let line = start + 1; line <= Math.min(end, start + 200); line++) if (file.addedLines.has(line)) return line;
  return undefined;
}

export function isNearChange(file: FileDiff, line: number, slack: number): boolean {
  for (let d = -slack; d <= slack; d++) if (file.addedLines.has(line + d)) return true;
  // A removal at point p sits between lines p-1 and p: with slack 1, exactly those two are next to it.
  for (let d = 1 - slack; d <= slack; d++) if (file.removalPoints.has(line + d)) return true;
  return false;
}

function bySuffix(files: readonly FileDiff[], path: string): FileDiff | undefined {
  const matches = files.filter((f) => f.path.endsWith(`/${path}`) || path.endsWith(`/${f.path}`));
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * Merges duplicates (same file, lines within 2 of each other, and the same category on the same
 * line or nearly the same words), keeping the most severe one's wording and line, the longest
 * explanation and any fix; drops findings below the
 * threshold; keeps at most `maxPerFile` per file, the least severe going first.
 */
export function applyPrecisionRules<T extends AnchoredFinding>(findings: readonly T[], options: PrecisionOptions = {}): { findings: T[]; dropped: string[] } {
  const dropped: string[] = [];
  const min = severityRank(options.minSeverity ?? 'info');
  // Each merged finding remembers what it was merged from: a third wording may resemble any of them.
  const groups: Array<{ finding: T; members: T[] }> = [];
  for (const finding of findings) {
    const group = groups.find((g) => g.members.some((member) => isDuplicate(member, finding)));
    if (!group) {
      groups.push({ finding: { ...finding }, members: [finding] });
      continue;
    }
    dropped.push(`${finding.path}:${finding.line} "${finding.message}": merged with "${group.finding.message}" (line ${group.finding.line})`);
    group.finding = mergeTwo(group.finding, finding);
    group.members.push(finding);
  }
  const merged = groups.map((g) => g.finding);
  const kept: T[] = [];
  for (const finding of merged) {
    if (severityRank(finding.severity) < min) dropped.push(`${finding.path}:${finding.line} "${finding.message}": ${finding.severity} is below the ${options.minSeverity} threshold`);
    else kept.push(finding);
  }
  const max = Math.max(0, options.maxPerFile ?? 5);
  const byFile = new Map<string, T[]>();
  for (const finding of kept) byFile.set(finding.path, [...(byFile.get(finding.path) ?? []), finding]);
  const result: T[] = [];
  for (const [path, list] of byFile) {
    // Stable: among equal severities the model's order (often its own ranking) decides.
    const ranked = list.map((f, i) => ({ f, i })).sort((a, b) => severityRank(b.f.severity) - severityRank(a.f.severity) || a.i - b.i);
    for (const { f } of ranked.slice(max)) dropped.push(`${path}:${f.line} "${f.message}": over the limit of ${max} findings per file`);
    result.push(...ranked.slice(0, max).map((r) => r.f));
  }
  result.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return { findings: result, dropped };
}

function isDuplicate(a: AnchoredFinding, b: AnchoredFinding): boolean {
  if (a.path !== b.path || Math.abs(a.line - b.line) > 2) return false;
  // Two findings of one kind on one line are one finding worded twice.
  if (a.category === b.category && a.line === b.line) return true;
  const similarity = wordSimilarity(a.message, b.message);
  return similarity >= 0.6 || (a.category === b.category && similarity >= 0.4);
}

function mergeTwo<T extends AnchoredFinding>(a: T, b: T): T {
  const [first, second] = severityRank(b.severity) > severityRank(a.severity) ? [b, a] : [a, b];
  const fixFrom = first.fixText !== undefined || first.fix !== undefined ? first : second;
  return {
    ...first,
    explanation: first.explanation.length >= second.explanation.length ? first.explanation : second.explanation,
    fixText: fixFrom.fixText,
    fix: fixFrom.fix,
  };
}

/** Jaccard similarity of the messages' words (lowercase, 3+ letters). */
function wordSimilarity(a: string, b: string): number {
  const words = (text: string) => new Set(text.toLowerCase().match(/[a-z0-9_]{3,}/g) ?? []);
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  return common / (x.size + y.size - common);
}
