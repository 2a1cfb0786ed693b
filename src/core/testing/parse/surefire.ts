import type { ParseOptions, ParsedTestRun, TestFailure, TestTotals } from '../types';
import { located, uniqueFailures } from './common';
import { projectPath } from './locations';

// Surefire 2.x "name(pkg.Class)  Time elapsed: 0.01 s  <<< FAILURE!"; 3.0.0-M "pkg.Class.name  Time
// elapsed..."; 3.x "pkg.Class.name -- Time elapsed...". Older ones print no "[ERROR] " prefix.
const testHeader = /^(?:\[ERROR\] )?(?!Tests run:)(.+?)(?:\s+--)?\s+Time elapsed: [^<]*<<< (FAILURE|ERROR)!$/;
const javaFrame = /^\s*at (?:[\w.-]+\/\/?)?([\w.$]+)\.([\w$<>]+)\((\w+\.(?:java|kt|groovy|scala)):(\d+)\)$/;
const aggregate = /^\[(?:INFO|WARNING|ERROR)\] Tests run: (\d+), Failures: (\d+), Errors: (\d+), Skipped: (\d+)$/;
const compileLine = /^\[ERROR\] (.+\.(?:java|kt|groovy|scala)):\[(\d+),(\d+)\] (.*)$/;

/**
 * Maven Surefire's console report: per failing test a header ("<<< FAILURE!" for an assertion,
 * "<<< ERROR!" for an exception), the exception and its "\tat" stack; per module a
 * "Tests run: 8, Failures: 1, Errors: 2, Skipped: 1" aggregate after "Results:". A test source
 * that does not compile fails the build before that, with "[ERROR] /abs/File.java:[13,31] msg".
 * File paths follow Maven's layout (src/test/java/<package>/<File>.java, relative to the module).
 */
export function parseSurefire(lines: readonly string[], options: ParseOptions): ParsedTestRun {
  const failures: TestFailure[] = [...compileErrors(lines, options)];
  lines.forEach((line, i) => {
    const header = testHeader.exec(line);
    if (!header?.[1]) return;
    const end = lines.findIndex((l, j) => j > i && (!l.trim() || /^\[(INFO|ERROR|WARNING)\]/.test(l)));
    failures.push(readBlock(header[1], lines.slice(i + 1, end >= 0 ? end : lines.length)));
  });

  const modules = lines.map((l) => aggregate.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  const totals: TestTotals | undefined = modules.length
    ? modules.reduce((sum, m) => {
        const [run, fails, errors, skipped] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
        return { passed: sum.passed + run - fails - errors - skipped, failed: sum.failed + fails + errors, skipped: sum.skipped + skipped };
      }, { passed: 0, failed: 0, skipped: 0 })
    : undefined;
  return { failures: uniqueFailures(failures), ...(totals ? { totals } : {}) };
}

function readBlock(title: string, body: readonly string[]): TestFailure {
  const old = /^(.+?)\(([\w.$]+)\)$/.exec(title);
  const testClass = old ? old[2] ?? '' : title.slice(0, title.lastIndexOf('.'));
  const method = old ? old[1] ?? '' : title.slice(title.lastIndexOf('.') + 1);
  const simpleClass = testClass.split('.').pop() ?? testClass;

  const stackStart = body.findIndex((l) => javaFrame.test(l) || /^\s+at /.test(l));
  const message = (stackStart >= 0 ? body.slice(0, stackStart) : body).join('\n').trim();
  // The test class's own frame (or one of its lambdas/inner classes) is the line to point at.
  const frame = body
    .map((l) => javaFrame.exec(l))
    .find((m) => m?.[1] === testClass || m?.[1]?.startsWith(`${testClass}$`));
  const sourceFile = frame?.[3] ?? `${simpleClass}.java`;
  const packagePath = testClass.includes('.') ? `${testClass.slice(0, testClass.lastIndexOf('.')).replace(/\./g, '/')}/` : '';
  return {
    kind: 'test',
    testName: `${simpleClass}.${method}`,
    message,
    ...located(`src/test/java/${packagePath}${sourceFile}`, frame ? Number(frame[4]) : undefined),
  };
}

/** Maven prints each compiler error twice (the compiler section and the goal failure): once here. */
function compileErrors(lines: readonly string[], options: ParseOptions): TestFailure[] {
  const failures: TestFailure[] = [];
  lines.forEach((line, i) => {
    const match = compileLine.exec(line);
    if (!match?.[1]) return;
    const details: string[] = [];
    for (const next of lines.slice(i + 1)) {
      // Continuations: "  symbol: ..." (compiler section) or "[ERROR]   symbol: ..." (goal section).
      const text = /^\[ERROR\] {2,}(\S.*)$/.exec(next)?.[1] ?? (/^\s+\S/.test(next) ? next.trim() : undefined);
      if (text === undefined) break;
      details.push(text);
    }
    const file = projectPath(match[1], options);
    failures.push({ kind: 'build', testName: file, message: [match[4] ?? '', ...details].join('\n'), ...located(file, Number(match[2]), Number(match[3])) });
  });
  return failures;
}
