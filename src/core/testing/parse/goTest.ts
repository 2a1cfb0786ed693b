import type { ParseOptions, ParsedTestRun, TestFailure, TestTotals } from '../types';
import { located, uniqueFailures } from './common';
import { isProjectFile, projectPath, type SourceLocation } from './locations';

const runLine = /^=== (RUN|CONT|NAME|PAUSE)\s+(\S+)$/;
const resultLine = /^(\s*)--- (FAIL|PASS|SKIP): (\S+) \([\d.]+s\)$/;
const packageLine = /^(FAIL|ok)\s+(\S+)\s+(?:[\d.]+s|\(cached\)|\[build failed\]|\[setup failed\]|\[no test files\])/;
const outputLine = /^\s+(\S+\.go):(\d+): ?(.*)$/;
const buildHeader = /^# (\S+)(?: \[.+\])?$/;
const compileError = /^(\S+\.go):(\d+):(\d+): (.*)$/;

interface GoTest { name: string; output: { file: string; line: number; text: string }[]; failed: boolean; panic?: TestFailure }

/**
 * `go test` (plain or -v): test output lines ("    file_test.go:46: message", file names
 * relative to the package) belong to the test last named by "=== RUN/CONT/NAME" or
 * "--- FAIL:"; a package ends with "FAIL\t<import path>\t0.01s" or "ok ..."; a panic stops the
 * test binary ("panic: ..." plus goroutine stacks); "# pkg" blocks list compile errors.
 */
export function parseGoTest(lines: readonly string[], options: ParseOptions): ParsedTestRun {
  const failures: TestFailure[] = [];
  const results = new Map<string, 'FAIL' | 'PASS' | 'SKIP'>();
  let tests = new Map<string, GoTest>();
  let current: GoTest | undefined;
  let buildPackage: string | undefined;

  const test = (name: string): GoTest => {
    const found = tests.get(name) ?? { name, output: [], failed: false };
    tests.set(name, found);
    return found;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const run = runLine.exec(line);
    const result = resultLine.exec(line);
    const pkg = packageLine.exec(line);
    const build = buildHeader.exec(line);
    const output = outputLine.exec(line);
    if (build?.[1]) {
      buildPackage = build[1];
    } else if (buildPackage && compileError.test(line)) {
      const [, file = '', row, col, text = ''] = compileError.exec(line) ?? [];
      failures.push({ kind: 'build', testName: buildPackage, message: text, ...located(projectPath(file, options), Number(row), Number(col)) });
    } else if (run?.[2]) {
      current = test(run[2]);
    } else if (result?.[3]) {
      current = test(result[3]);
      current.failed = result[2] === 'FAIL';
      results.set(result[3], result[2] as 'FAIL' | 'PASS' | 'SKIP');
    } else if (/^panic: /.test(line)) {
      const end = lines.findIndex((l, j) => j > i && packageLine.test(l));
      const stack = lines.slice(i, end >= 0 ? end : lines.length);
      // A panic whose test cannot be told (the stacks were cut off) is still a failure to report.
      const panicked = (current?.failed ? current : undefined) ?? test(runningTest(stack) ?? current?.name ?? '(unknown test)');
      panicked.failed = true;
      panicked.panic = panicFailure(panicked.name, line, stack, options);
      i = (end >= 0 ? end : lines.length) - 1;
    } else if (pkg?.[2]) {
      failures.push(...packageFailures(tests, pkg[2], options));
      tests = new Map();
      current = undefined;
      buildPackage = undefined;
    } else if (output && current) {
      current.output.push({ file: output[1] ?? '', line: Number(output[2]), text: output[3] ?? '' });
    } else if (current?.output.length && /^\s{8,}\S/.test(line)) {
      // A multi-line t.Error message continues on more indented lines.
      const last = current.output[current.output.length - 1];
      if (last) last.text += `\n${line.trim()}`;
    }
  }
  failures.push(...packageFailures(tests, undefined, options));
  return { failures: uniqueFailures(failures), ...totalsOf(results, lines) };
}

/**
 * A failed test's own output becomes its failure; a parent that failed only because a subtest
 * did is skipped. The location is the last output line's (Fatal/Error come after any Log).
 */
function packageFailures(tests: Map<string, GoTest>, pkg: string | undefined, options: ParseOptions): TestFailure[] {
  const dir = pkg && options.goModule && (pkg === options.goModule || pkg.startsWith(`${options.goModule}/`)) ? pkg.slice(options.goModule.length + 1) : undefined;
  const failures: TestFailure[] = [];
  for (const t of tests.values()) {
    if (!t.failed) continue;
    if (t.panic) {
      failures.push(t.panic);
      continue;
    }
    const hasFailedChild = [...tests.values()].some((c) => c.failed && c.name.startsWith(`${t.name}/`));
    if (hasFailedChild && !t.output.length) continue;
    const last = t.output[t.output.length - 1];
    const file = last ? (dir ? `${dir}/${last.file}` : last.file) : undefined;
    failures.push({ kind: 'test', testName: t.name, message: t.output.map((o) => o.text).join('\n'), ...located(file, last?.line) });
  }
  return failures;
}

function panicFailure(name: string, first: string, stack: readonly string[], options: ParseOptions): TestFailure {
  const message = first.replace(/ \[recovered\]$/, '');
  // Goroutine frames: "pkg.TestName(...)" then "\t/abs/dir/file_test.go:59 +0x94".
  const frames: (SourceLocation & { fn: string })[] = [];
  stack.forEach((line, i) => {
    const where = /^\t(\S+\.go):(\d+)/.exec(stack[i + 1] ?? '');
    if (where?.[1] && !line.startsWith('\t')) frames.push({ fn: line, file: projectPath(where[1], options), line: Number(where[2]) });
  });
  const leaf = name.split('/')[0] ?? name;
  const own = frames.find((f) => new RegExp(`\\.${leaf}(\\.func\\d+)*\\(`).test(f.fn)) ?? frames.find((f) => isProjectFile(f.file, options));
  return { kind: 'test', testName: name, message, ...located(own?.file, own?.line) };
}

/** A timeout panic names no test; Go >= 1.20 lists "running tests:", older stacks show the Test func. */
function runningTest(stack: readonly string[]): string | undefined {
  const listed = stack.findIndex((l) => l.trim() === 'running tests:');
  const fromList = listed >= 0 ? /^\s+(\S+) \(/.exec(stack[listed + 1] ?? '')?.[1] : undefined;
  if (fromList) return fromList;
  const frame = stack.find((l) => /^[\w./-]+\.(Test\w*)\(/.test(l) && !l.startsWith('testing.'));
  return frame ? /\.(Test\w*)\(/.exec(frame)?.[1] : undefined;
}

/** Counts exist only with -v (every test reports a result); without it passing tests are silent. */
function totalsOf(results: Map<string, 'FAIL' | 'PASS' | 'SKIP'>, lines: readonly string[]): { totals?: TestTotals } {
  if (!lines.some((l) => runLine.test(l))) return {};
  const totals: TestTotals = { passed: 0, failed: 0, skipped: 0 };
  const names = [...results.keys()];
  for (const [name, status] of results) {
    if (names.some((other) => other.startsWith(`${name}/`))) continue; // a parent of subtests
    if (status === 'PASS') totals.passed++;
    else if (status === 'FAIL') totals.failed++;
    else totals.skipped++;
  }
  return { totals };
}
