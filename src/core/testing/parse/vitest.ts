import type { ParseOptions, ParsedTestRun, TestFailure } from '../types';
import { countsIn, located, uniqueFailures } from './common';
import { isJsFrame, parseJsFrame, pickLocation, projectPath, type SourceLocation } from './locations';
import { dedent } from './terminal';

// " FAIL  file > suite > test", or " FAIL  file [ file ]" for a file that failed as a whole.
const failHeader = /^ ?FAIL +(\S+?)(?: > (.+?))?(?: \[ \1 \])?$/;
const separator = /^⎯{3,}/;
const codeFrameLine = /^\s*\d+\s*\|/;
const summaryLine = /^\s*(Test Files|Tests|Start at|Duration)\s/;

/**
 * Vitest's default reporter: the tree ("× suite > test" with "→ message"), then the sections
 * "Failed Suites" (files that did not load) and "Failed Tests", one " FAIL  file > suite > test"
 * block each (several headers may share one block), separated by "⎯⎯⎯[n/m]⎯" rules, and the
 * summary "Tests  4 failed | 4 passed | 1 skipped (9)".
 */
export function parseVitest(lines: readonly string[], options: ParseOptions): ParsedTestRun {
  const failures: TestFailure[] = [];
  let headers: RegExpExecArray[] = [];
  let body: string[] = [];

  const flush = (): void => {
    for (const header of headers) failures.push(readBlock(header, body, options));
    headers = [];
    body = [];
  };

  for (const line of lines) {
    const header = failHeader.exec(line);
    if (header) {
      // Headers right after one another share the block that follows them.
      if (body.some((l) => l.trim())) flush();
      headers.push(header);
    } else if (separator.test(line) || summaryLine.test(line)) {
      flush();
    } else if (headers.length) {
      body.push(line);
    }
  }
  flush();

  const summary = lines.filter((l) => /^\s*Tests\s+\d/.test(l)).pop();
  const totals = summary ? countsIn(summary.replace(/\(\d+\)\s*$/, ''), { failed: 'failed', passed: 'passed', skipped: 'skipped', todo: 'skipped' }) : undefined;
  const found = failures.length ? failures : treeFailures(lines, options);
  return { failures: uniqueFailures(found), ...(totals ? { totals } : {}) };
}

function readBlock(header: RegExpExecArray, body: readonly string[], options: ParseOptions): TestFailure {
  const file = projectPath(header[1] ?? '', options);
  const suiteFailed = header[2] === undefined;
  const end = body.findIndex((l) => isJsFrame(l) || codeFrameLine.test(l));
  const message = dedent(end >= 0 ? body.slice(0, end) : body);
  const frames = body.filter(isJsFrame).map((l) => parseJsFrame(l, options)).filter((f): f is SourceLocation => f !== undefined);
  const location = pickLocation(frames, file, options) ?? locationInText(body, file, options);
  return {
    kind: suiteFailed ? 'build' : 'test',
    testName: suiteFailed ? file : (header[2] ?? '').split(' > ').join(' › '),
    message,
    ...located(location?.file ?? file, location?.line, location?.column),
  };
}

/** "File: /abs/src/a.test.ts:7:4" and the like, in a block without usable stack frames. */
function locationInText(body: readonly string[], file: string, options: ParseOptions): SourceLocation | undefined {
  for (const line of body) {
    for (const [, path, row, col] of line.matchAll(/((?:file:\/\/)?[^\s:()]*[\w-]\.[cm]?[jt]sx?):(\d+):(\d+)/g)) {
      if (path && projectPath(path, options) === file) return { file, line: Number(row), column: Number(col) };
    }
  }
  return undefined;
}

/**
 * When the "Failed Tests" section is missing (output cut short), the tree still names each
 * failed test ("   × suite > test 3ms") and its first message line ("     → message").
 */
function treeFailures(lines: readonly string[], options: ParseOptions): TestFailure[] {
  const failures: TestFailure[] = [];
  let file: string | undefined;
  lines.forEach((line, i) => {
    const fileLine = /^ ?[❯✓×] (\S+) \(\d+ tests?\b/.exec(line);
    if (fileLine?.[1]) file = projectPath(fileLine[1], options);
    const failed = /^ {3,}× (.+?)(?: \d+ms)?$/.exec(line);
    if (!failed?.[1]) return;
    const arrow = /^\s+→ (.*)$/.exec(lines[i + 1] ?? '');
    failures.push({ kind: 'test', testName: failed[1].split(' > ').join(' › '), message: arrow?.[1] ?? '', ...located(file) });
  });
  return failures;
}
