import { parseTestOutput } from './parse';
import { screenLines } from './parse/terminal';
import type { TestFailure, TestFramework, TestTotals } from './types';
import { joinPath } from './workspaceFiles';

/** One test command to run: what the VS Code task and the CLI both execute. */
export interface TestRunRequest {
  /** The command line, for the shell of the platform (sh, or cmd.exe on Windows). */
  command: string;
  /** Absolute folder to run it in. */
  cwd: string;
  /** Shown to people: the task's name, progress messages. */
  label: string;
}

/** What running the command gave. */
export interface TestRunResult {
  /** The command's own exit code; undefined when it did not finish (cancelled, killed, never started). */
  exitCode: number | undefined;
  /** stdout and stderr together, in the order written. */
  output: string;
}

/**
 * Runs a test command and captures its output: implemented over a VS Code task by features/tests
 * and over child_process by the CLI. Cancelling the signal stops the command; the run then
 * resolves with `exitCode: undefined` and whatever output it had.
 */
export interface TestRunner {
  run(request: TestRunRequest, signal?: AbortSignal): Promise<TestRunResult>;
}

/** A finished test run read back: the verdict (the exit code's), the counts and the failures. */
export interface TestRunReport {
  command: string;
  /** Workspace-relative folder the command ran in ('' = the root). */
  cwd: string;
  /** The workspace-relative test file the run was narrowed to, if it was. */
  testFile?: string;
  framework?: TestFramework;
  exitCode: number | undefined;
  /** Exit code 0. A command that did not finish never passes. */
  passed: boolean;
  totals?: TestTotals;
  /** Failure files are workspace-relative. */
  failures: TestFailure[];
  output: string;
}

export interface ReportContext {
  command: string;
  /** Workspace-relative folder the command ran in. */
  cwd: string;
  /** Absolute path of that folder: absolute paths in the output are made relative to it. */
  absoluteCwd: string;
  framework?: TestFramework;
  testFile?: string;
  goModule?: string;
}

/** Reads a run's output with the framework's parser; the exit code decides pass or fail. */
export function reportTestRun(result: TestRunResult, context: ReportContext): TestRunReport {
  const parsed = context.framework
    ? parseTestOutput(result.output, context.framework, { projectRoot: context.absoluteCwd, goModule: context.goModule })
    : { failures: [] };
  const failures = parsed.failures.map((failure) => (failure.file !== undefined && !isAbsolutePath(failure.file) ? { ...failure, file: joinPath(context.cwd, failure.file) } : failure));
  return {
    command: context.command,
    cwd: context.cwd,
    ...(context.testFile !== undefined ? { testFile: context.testFile } : {}),
    ...(context.framework ? { framework: context.framework } : {}),
    exitCode: result.exitCode,
    passed: result.exitCode === 0,
    ...(parsed.totals ? { totals: parsed.totals } : {}),
    failures,
    output: result.output,
  };
}

/** "3 passed, 1 failed" (with skipped when there are any); without counts, what the exit code says. */
export function summarizeRun(report: TestRunReport): string {
  const { totals } = report;
  if (totals) {
    const parts = [`${totals.passed} passed`, `${totals.failed} failed`];
    if (totals.skipped > 0) parts.push(`${totals.skipped} skipped`);
    const build = report.failures.filter((f) => f.kind === 'build').length;
    if (build > 0) parts.push(`${build} could not load`);
    if (!report.passed && totals.failed === 0 && build === 0) parts.push(exitDescription(report));
    return parts.join(', ');
  }
  if (report.exitCode === undefined) return 'The test run did not finish';
  if (report.passed) return 'Tests passed';
  const tests = report.failures.filter((f) => f.kind === 'test').length;
  const build = report.failures.filter((f) => f.kind === 'build').length;
  const parts = [];
  if (tests > 0) parts.push(`${tests} failed`);
  if (build > 0) parts.push(`${build} could not load`);
  return parts.length > 0 ? `${parts.join(', ')} (${exitDescription(report)})` : `Tests failed (${exitDescription(report)})`;
}

function exitDescription(report: TestRunReport): string {
  return report.exitCode === undefined ? 'did not finish' : `exit code ${report.exitCode}`;
}

/** The failures as text for a person or a model: name, location, message. */
export function formatFailures(failures: readonly TestFailure[], maxMessageLines = 30): string {
  return failures.map((failure, i) => {
    const where = failure.file !== undefined ? ` (${failure.file}${failure.line !== undefined ? `:${failure.line}${failure.column !== undefined ? `:${failure.column}` : ''}` : ''})` : '';
    const kind = failure.kind === 'build' ? 'could not load or compile' : 'failed';
    const lines = failure.message.split('\n');
    const message = lines.length > maxMessageLines ? [...lines.slice(0, maxMessageLines), `… (${lines.length - maxMessageLines} more lines)`].join('\n') : failure.message;
    return `${i + 1}. ${failure.testName || '(unnamed)'} ${kind}${where}\n${indent(message.trim() || '(no message)')}`;
  }).join('\n\n');
}

/** The last `maxLines` lines of the output (where runners print their summary and failures). */
export function outputTail(output: string, maxLines = 80): string {
  const lines = screenLines(output);
  while (lines.length > 0 && lines[lines.length - 1]?.trim() === '') lines.pop();
  return lines.length > maxLines ? [`… (${lines.length - maxLines} earlier lines left out)`, ...lines.slice(-maxLines)].join('\n') : lines.join('\n');
}

function indent(text: string): string {
  return text.split('\n').map((line) => `   ${line}`).join('\n');
}

function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}
