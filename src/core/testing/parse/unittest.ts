import type { ParseOptions, ParsedTestRun, TestFailure, TestTotals } from '../types';
import { located, uniqueFailures } from './common';
import { pickLocation, projectPath, type SourceLocation } from './locations';

const heavyRule = /^={20,}$/;
const lightRule = /^-{20,}$/;
const blockHeader = /^(FAIL|ERROR|UNEXPECTED SUCCESS): (.+)$/;
const pythonFrame = /^\s+File "(.+)", line (\d+)(?:, in (.+))?$/;

/**
 * Python's unittest runner: per failure a "=====" rule, "FAIL: test_x (module.Class.test_x)"
 * (plus " (param=...)" for a subTest), a "-----" rule and the traceback, whose last
 * unindented lines are the exception; then "Ran N tests" and "FAILED (failures=2, errors=1)".
 * A module that does not import is an ERROR of "unittest.loader._FailedTest".
 */
export function parseUnittest(lines: readonly string[], options: ParseOptions): ParsedTestRun {
  const failures: TestFailure[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = heavyRule.test(lines[i] ?? '') ? blockHeader.exec(lines[i + 1] ?? '') : null;
    if (!header?.[2] || !lightRule.test(lines[i + 2] ?? '')) continue;
    const body: string[] = [];
    let j = i + 3;
    for (; j < lines.length && !heavyRule.test(lines[j] ?? '') && !(lightRule.test(lines[j] ?? '') && /^Ran \d+ tests?/.test(lines[j + 1] ?? '')); j++) body.push(lines[j] ?? '');
    failures.push(readBlock(header[2], body, options));
    i = j - 1;
  }
  return { failures: uniqueFailures(failures), ...totalsOf(lines) };
}

function readBlock(title: string, body: readonly string[], options: ParseOptions): TestFailure {
  // "test_x (pkg.mod.Class.test_x) (text='a')" on 3.11+, "test_x (pkg.mod.Class)" before.
  const match = /^(\S+) \(([\w.]+)\)(?: \((.*)\))?$/.exec(title);
  const method = match?.[1] ?? title;
  const qualified = match?.[2] ?? '';
  const loadFailure = qualified.startsWith('unittest.loader._Failed');
  const owner = qualified.split('.').filter((part) => part !== method).pop();
  const testName = loadFailure ? method : `${owner ? `${owner}.` : ''}${method}${match?.[3] ? ` (${match[3]})` : ''}`;

  const frames: SourceLocation[] = [];
  let lastFrame = -1;
  body.forEach((line, i) => {
    const frame = pythonFrame.exec(line);
    if (!frame?.[1]) return;
    frames.push({ file: projectPath(frame[1], options), line: Number(frame[2]) });
    lastFrame = i;
  });
  // The exception (several lines for assertion diffs) starts at the first unindented line after
  // the last frame, i.e. the last traceback of a chain.
  const start = lastFrame >= 0 ? body.findIndex((l, i) => i > lastFrame && /^\S/.test(l)) : -1;
  const exception = start >= 0 ? body.slice(start) : [];
  while (exception.length && !exception[exception.length - 1]?.trim()) exception.pop();
  const location = pickLocation(frames, undefined, options);
  return {
    kind: loadFailure ? 'build' : 'test',
    testName,
    message: exception.join('\n') || body.find((l) => l.trim())?.trim() || '',
    ...located(location?.file, location?.line),
  };
}

function totalsOf(lines: readonly string[]): { totals?: TestTotals } {
  const ranLine = lines.map((l) => /^Ran (\d+) tests? in /.exec(l)).filter((m) => m).pop();
  if (!ranLine) return {};
  const resultLine = lines.filter((l) => /^(OK|FAILED)\b/.test(l)).pop() ?? '';
  const count = (key: string): number => Number(new RegExp(`\\b${key}=(\\d+)`).exec(resultLine)?.[1] ?? 0);
  const failed = count('failures') + count('errors') + count('unexpected successes');
  const skipped = count('skipped') + count('expected failures');
  return { totals: { passed: Math.max(0, Number(ranLine[1]) - failed - skipped), failed, skipped } };
}
