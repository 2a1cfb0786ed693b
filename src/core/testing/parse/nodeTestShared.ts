import type { ParseOptions, TestTotals } from '../types';
import { projectPath } from './locations';

/** node:test's summary counters; a timed-out test counts as "cancelled". */
export const nodeTestCounts: Record<string, keyof TestTotals> = { pass: 'passed', fail: 'failed', cancelled: 'failed', skipped: 'skipped', todo: 'skipped' };

/**
 * A test file that did not load is reported only as "test failed" under the file's path; the
 * real error is what the child process printed before: "file:///abs/a.test.js:6", the code,
 * a caret, then "SyntaxError: ...". TAP prefixes those lines with "# ".
 */
export function loadError(lines: readonly string[], absPath: string, options: ParseOptions): { file: string; line?: number; message: string } | undefined {
  const file = projectPath(absPath, options);
  const text = lines.map((l) => l.replace(/^# ?/, ''));
  for (let i = 0; i < text.length; i++) {
    const where = /^(\S+):(\d+)$/.exec(text[i] ?? '');
    if (!where?.[1] || projectPath(where[1], options) !== file) continue;
    const error = text.slice(i + 1, i + 10).find((l) => /^\w*(Error|Exception)\b/.test(l));
    if (error) return { file, line: Number(where[2]), message: error.trim() };
  }
  return /^(\/|[A-Za-z]:[\\/]|file:)/.test(absPath) ? { file, message: 'test failed' } : undefined;
}
