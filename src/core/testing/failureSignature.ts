import { screenLines } from './parse/terminal';
import type { TestRunReport } from './testRun';

/**
 * What identifies a run's failures for "did the fix change anything": each failing test with its
 * message, without line and column (a fix moves lines) and without digits that vary from run to
 * run (durations, addresses). A run that failed without readable failures is known by its exit
 * code and the end of its output.
 */
export function failureSignature(report: TestRunReport): string {
  if (report.passed) return 'passed';
  if (report.failures.length === 0) return `exit ${report.exitCode ?? '-'}\n${normalize(screenLines(report.output).join('\n').slice(-2_000))}`;
  return report.failures
    .map((f) => `${f.kind}\u0000${f.testName}\u0000${f.file ?? ''}\u0000${normalize(f.message)}`)
    .sort()
    .join('\n');
}

export function sameFailures(a: TestRunReport, b: TestRunReport): boolean {
  return !a.passed && !b.passed && failureSignature(a) === failureSignature(b);
}

function normalize(text: string): string {
  return text
    .replace(/\d+(\.\d+)?\s?(ms|s)\b/g, '#ms')
    .replace(/0x[0-9a-f]+/gi, '0x#')
    .replace(/\s+/g, ' ')
    .trim();
}
