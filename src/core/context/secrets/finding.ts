/** One secret found in a text: the characters to hide, and what kind of secret they are. */
export interface SecretFinding {
  /** Offsets into the scanned text; `text.slice(start, end)` is the secret value itself. */
  start: number;
  end: number;
  /** What was recognised, for notes and logs ("GitHub token", "password assignment", ...); never the value. */
  kind: string;
}

/** A detector: every secret of its kind in the whole text. */
export type SecretScanner = (text: string, context: ScanContext) => SecretFinding[];

export interface ScanContext {
  /** Config-like text (env, YAML, INI, TOML, properties, shell, Dockerfile, plain text): unquoted values count. */
  config: boolean;
  /** The file's name, lower-cased, when known ("config.yml"). */
  fileName?: string;
}

const quoteOrSpace = /["'`\s]/;

/**
 * The finding without quotes or blanks at its ends: a rule that reports `"postgres://…"` with its
 * closing quote would otherwise turn a string into broken code.
 */
export function trimFinding(text: string, finding: SecretFinding): SecretFinding | undefined {
  let { start, end } = finding;
  while (start < end && quoteOrSpace.test(text[start]!)) start++;
  while (end > start && quoteOrSpace.test(text[end - 1]!)) end--;
  return end > start ? { start, end, kind: finding.kind } : undefined;
}

/** Overlapping and touching findings merged (the first kind named wins), sorted by position. */
export function mergeFindings(findings: readonly SecretFinding[]): SecretFinding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretFinding[] = [];
  for (const finding of sorted) {
    const last = merged[merged.length - 1];
    if (last && finding.start <= last.end) last.end = Math.max(last.end, finding.end);
    else merged.push({ ...finding });
  }
  return merged;
}
