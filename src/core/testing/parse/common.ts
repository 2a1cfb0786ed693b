import type { TestFailure, TestTotals } from '../types';

/**
 * Reads "5 failed, 1 skipped, 4 passed"-style counts: each `<number> <word>` pair whose word is
 * a key of `buckets` is added to that bucket. Returns undefined when no pair matched.
 */
export function countsIn(text: string, buckets: Record<string, keyof TestTotals | undefined>): TestTotals | undefined {
  const totals: TestTotals = { passed: 0, failed: 0, skipped: 0 };
  let matched = false;
  for (const [, count, word] of text.matchAll(/(\d+) ([a-z]+)/gi)) {
    const bucket = buckets[word?.toLowerCase() ?? ''];
    if (bucket) {
      totals[bucket] += Number(count);
      matched = true;
    }
  }
  return matched ? totals : undefined;
}

/** Runners repeat failures in summaries; keep the first of each (name, file, line, message). */
export function uniqueFailures(failures: readonly TestFailure[]): TestFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = JSON.stringify([f.kind, f.testName, f.file, f.line, f.column, f.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A failure's location fields, leaving out what is unknown (keeps results easy to compare). */
export function located(file: string | undefined, line?: number, column?: number): Pick<TestFailure, 'file' | 'line' | 'column'> {
  const out: Pick<TestFailure, 'file' | 'line' | 'column'> = {};
  if (file) out.file = file;
  if (file && line !== undefined && Number.isFinite(line)) out.line = line;
  if (file && column !== undefined && Number.isFinite(column)) out.column = column;
  return out;
}
