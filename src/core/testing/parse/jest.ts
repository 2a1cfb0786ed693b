import type { ParseOptions, ParsedTestRun, TestFailure } from '../types';
import { countsIn, located, uniqueFailures } from './common';
import { isJsFrame, parseJsFrame, pickLocation, projectPath, type SourceLocation } from './locations';
import { dedent } from './terminal';

const codeFrameLine = /^\s*>?\s*\d+ \|/;
const blockHeader = /^ {2}● (.+)$/;
const fileResult = /^ ?(FAIL|PASS) +(\S.*?)(?: \(\d[\d.]* m?s\))?$/;
const blockEnd = /^ ?(FAIL|PASS) |^(Test Suites|Tests|Snapshots|Time):|^Summary of all failing tests$|^Ran all test suites/;

/**
 * Jest's default reporter: per file a "FAIL <path>" line, then one "  ● Suite › test" block per
 * failure (message, code frame, stack), "● Test suite failed to run" for a file that did not
 * load, and a "Tests: 5 failed, 1 skipped, 4 passed, 10 total" summary.
 */
export function parseJest(lines: readonly string[], options: ParseOptions): ParsedTestRun {
  const failures: TestFailure[] = [];
  let file: string | undefined;
  let block: { title: string; body: string[]; file: string | undefined } | undefined;

  const flush = (): void => {
    if (block && block.title !== 'Console') failures.push(readBlock(block.title, block.body, block.file, options));
    block = undefined;
  };

  for (const line of lines) {
    const result = fileResult.exec(line);
    const header = blockHeader.exec(line);
    if (result || blockEnd.test(line)) {
      flush();
      if (result?.[2]) file = projectPath(result[2], options);
    } else if (header?.[1]) {
      flush();
      block = { title: header[1], body: [], file };
    } else {
      block?.body.push(line);
    }
  }
  flush();

  const summary = lines.filter((l) => /^Tests: /.test(l)).pop();
  const totals = summary ? countsIn(summary, { failed: 'failed', passed: 'passed', skipped: 'skipped', todo: 'skipped' }) : undefined;
  return { failures: uniqueFailures(failures), ...(totals ? { totals } : {}) };
}

function readBlock(title: string, body: readonly string[], file: string | undefined, options: ParseOptions): TestFailure {
  const suiteFailed = title === 'Test suite failed to run';
  // A suite that failed to load explains itself after "Details:" (after a page of generic advice).
  const details = body.findIndex((l) => l.trim() === 'Details:');
  const relevant = suiteFailed && details >= 0 ? body.slice(details + 1) : body;
  const end = relevant.findIndex((l) => codeFrameLine.test(l) || isJsFrame(l));
  const message = dedent(end >= 0 ? relevant.slice(0, end) : relevant);

  const frames = body.filter(isJsFrame).map((l) => parseJsFrame(l, options)).filter((f): f is SourceLocation => f !== undefined);
  const location = pickLocation(frames, file, options) ?? syntaxErrorLocation(message, options) ?? codeFrameLocation(body, file);
  return {
    kind: suiteFailed ? 'build' : 'test',
    testName: suiteFailed ? file ?? title : title,
    message,
    ...located(location?.file ?? file, location?.line, location?.column),
  };
}

/** Babel's "SyntaxError: /abs/file.js: Unexpected token (5:26)" (0-based column). */
function syntaxErrorLocation(message: string, options: ParseOptions): SourceLocation | undefined {
  const match = /^\w*Error: (.+?): .*\((\d+):(\d+)\)$/m.exec(message);
  if (!match?.[1]) return undefined;
  return { file: projectPath(match[1], options), line: Number(match[2]), column: Number(match[3]) + 1 };
}

/** The "> 12 |" line of a code frame, when nothing better names the line. */
function codeFrameLocation(body: readonly string[], file: string | undefined): SourceLocation | undefined {
  const marked = body.map((l) => /^\s*> +(\d+) \|/.exec(l)).find((m) => m);
  return file && marked ? { file, line: Number(marked[1]) } : undefined;
}
