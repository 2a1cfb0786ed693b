// The data model of a code review: what the model found, where, and how sure Tandem is to show it.

export const severities = ['error', 'warning', 'info'] as const;
export type Severity = (typeof severities)[number];

export const categories = ['bug', 'security', 'performance', 'test-gap', 'maintainability'] as const;
export type Category = (typeof categories)[number];

/** A fix the model proposed, in any of Tandem's edit formats, checked against the file when found. */
export interface FindingFix {
  /** The model's text of the fix (SEARCH/REPLACE, unified diff, apply_patch or a named code block). */
  text: string;
  /** The fix as a unified diff against the file as it was reviewed (for the CLI and SARIF). */
  diff: string;
  /** The same change as character replacements in each file's reviewed text (SARIF `fixes`). */
  replacements: Array<{ path: string; charOffset: number; charLength: number; insertedText: string }>;
}

export interface Finding {
  /** Repository-relative path, `/`-separated (the new side of the diff). */
  path: string;
  /** 1-based line of the new file the finding is anchored to; always a changed line or its immediate context. */
  line: number;
  /** 1-based last line the finding covers (>= line). */
  endLine: number;
  severity: Severity;
  category: Category;
  /** One sentence, shown first (compiler-style line, comment title). */
  message: string;
  /** Why it matters and what to do; may be empty. */
  explanation: string;
  fix?: FindingFix;
}

/** Ranks severities for comparison: higher is more severe. */
export function severityRank(severity: Severity): number {
  return severity === 'error' ? 2 : severity === 'warning' ? 1 : 0;
}

export function isSeverity(value: string): value is Severity {
  return (severities as readonly string[]).includes(value);
}
