import type { ParseOptions, ParsedTestRun, TestFailure } from '../types';
import { countsIn, located, uniqueFailures } from './common';
import { pickLocation, projectPath, type SourceLocation } from './locations';
import { dedent } from './terminal';

const sectionLine = /^=+ (.+?) =+$/;
const blockHeader = /^_{3,} (.+?) _{3,}$/;
const frameLine = /^(\S.*?):(\d+):(?: (?:in \S+|\w[\w.]*))?$/;
const summaryEntry = /^(FAILED|ERROR) (\S+?)(?: - (.*))?$/;
const totalsLine = /\b\d+ (passed|failed|errors?|skipped|xfailed|xpassed|deselected|warnings?)\b.* in [\d.]+s\b/;

/**
 * pytest's terminal report: a "FAILURES" section (and "ERRORS" for collection and fixture
 * errors) with one "____ name ____" block per failure whose "E   " lines hold the message and
 * whose "path:line: ..." lines are the traceback (first = the test itself); then the "short test
 * summary info" (FAILED nodeid - message) and "4 failed, 7 passed, 1 skipped in 0.03s".
 */
export function parsePytest(lines: readonly string[], options: ParseOptions): ParsedTestRun {
  const nodeIds = summaryNodeIds(lines);
  const failures: TestFailure[] = [];
  let section = '';
  let block: { title: string; body: string[] } | undefined;

  const flush = (): void => {
    if (block && (section === 'FAILURES' || section === 'ERRORS')) failures.push(readBlock(block.title, block.body, nodeIds, options));
    block = undefined;
  };

  for (const line of lines) {
    const sectionMatch = sectionLine.exec(line);
    const header = blockHeader.exec(line);
    if (sectionMatch?.[1]) {
      flush();
      section = sectionMatch[1];
    } else if (header?.[1]) {
      flush();
      block = { title: header[1], body: [] };
    } else {
      block?.body.push(line);
    }
  }
  flush();

  // Without tracebacks (--tb=no, or the output cut before them) the summary still lists them.
  const fromSummary = failures.length ? [] : summaryFailures(lines, options);
  const summary = lines.filter((l) => totalsLine.test(l)).pop();
  const totals = summary
    ? countsIn(summary, { passed: 'passed', xpassed: 'passed', failed: 'failed', error: 'failed', errors: 'failed', skipped: 'skipped', xfailed: 'skipped' }) ?? { passed: 0, failed: 0, skipped: 0 }
    : undefined;
  return { failures: uniqueFailures([...failures, ...fromSummary]), ...(totals ? { totals } : {}) };
}

function readBlock(title: string, body: readonly string[], nodeIds: Map<string, string>, options: ParseOptions): TestFailure {
  const collecting = /^ERROR collecting (.+)$/.exec(title);
  const setup = /^ERROR at (?:setup|teardown) of (.+)$/.exec(title);
  const name = setup?.[1] ?? title;

  // Captured output sections ("---- Captured stdout call ----") are not part of the error.
  const captured = body.findIndex((l) => /^-+ Captured .* -+$/.test(l));
  const error = captured >= 0 ? body.slice(0, captured) : body;
  const eLines = error.filter((l) => /^E( |$)/.test(l)).map((l) => l.replace(/^E {0,3}/, ''));
  const frames = error.map((l) => frameLine.exec(l)).filter((m): m is RegExpExecArray => m !== null).map((m) => ({ file: projectPath(m[1] ?? '', options), line: Number(m[2]) }));
  const syntax = eLines.map((l) => /File "(.+)", line (\d+)/.exec(l)).find((m) => m);
  const syntaxLocation = syntax?.[1] ? { file: projectPath(syntax[1], options), line: Number(syntax[2]) } : undefined;

  if (collecting?.[1]) {
    const file = projectPath(collecting[1], options);
    const location = syntaxLocation?.file === file ? syntaxLocation : undefined;
    return { kind: 'build', testName: file, message: dedent(eLines) || lastLine(error), ...located(file, location?.line) };
  }
  const testFile = nodeIds.get(name);
  const location: SourceLocation | undefined = pickLocation(frames, testFile, options) ?? syntaxLocation ?? (testFile ? { file: testFile } : undefined);
  return { kind: 'test', testName: name, message: dedent(eLines) || lastLine(error), ...located(location?.file, location?.line) };
}

function lastLine(lines: readonly string[]): string {
  return [...lines].reverse().find((l) => l.trim())?.trim() ?? '';
}

/** Block titles ("TestA.TestB.test_x[param]") -> the test file from the summary's node ids. */
function summaryNodeIds(lines: readonly string[]): Map<string, string> {
  const byTitle = new Map<string, string>();
  for (const line of lines) {
    const entry = summaryEntry.exec(line);
    const [file, ...parts] = (entry?.[2] ?? '').split('::');
    if (file && parts.length) byTitle.set(parts.join('.'), file);
  }
  return byTitle;
}

function summaryFailures(lines: readonly string[], options: ParseOptions): TestFailure[] {
  return lines.map((l) => summaryEntry.exec(l)).filter((m): m is RegExpExecArray => m !== null).map((m) => {
    const [file = '', ...parts] = (m[2] ?? '').split('::');
    const path = projectPath(file, options);
    const isCollection = m[1] === 'ERROR' && parts.length === 0;
    return { kind: isCollection ? 'build' : 'test', testName: parts.length ? parts.join('.') : path, message: m[3] ?? '', ...located(path) };
  });
}
