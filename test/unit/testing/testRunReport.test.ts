import assert from 'node:assert/strict';
import {
  failureSignature, formatFailures, outputTail, reportTestRun, sameFailures, summarizeRun, type TestRunReport,
} from '../../../src/core/testing';
import { recorded } from './fixtures';

/** A recorded run read back the way features/tests and the CLI do, as if it ran in the workspace folder `sub`. */
function readBack(folder: string, name: string, framework: 'node-test' | 'jest' | 'pytest', sub = 'pkg'): TestRunReport {
  const run = recorded(folder, name);
  return reportTestRun({ exitCode: run.meta.exitCode, output: run.output }, { command: run.meta.command, cwd: sub, absoluteCwd: run.meta.cwd, framework });
}

describe('a test run read back', () => {
  it('takes the verdict from the exit code and the failures, workspace-relative, from the output', () => {
    const report = readBack('node-test', 'failing-tap', 'node-test');
    assert.equal(report.passed, false);
    assert.equal(report.exitCode, 1);
    assert.ok(report.failures.length > 0);
    for (const failure of report.failures.filter((f) => f.file !== undefined)) assert.match(failure.file!, /^pkg\//, failure.file);
    assert.match(summarizeRun(report), /^\d+ passed, \d+ failed/);
  });

  it('summarises: counts, skipped, what could not load; without counts, the exit code', () => {
    const jest = readBack('jest', 'failing', 'jest', '');
    const { totals } = jest;
    assert.ok(totals);
    assert.equal(summarizeRun(jest), `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}${jest.failures.some((f) => f.kind === 'build') ? `, ${jest.failures.filter((f) => f.kind === 'build').length} could not load` : ''}`);
    const bare = (exitCode: number | undefined, output = ''): TestRunReport => reportTestRun({ exitCode, output }, { command: 'make test', cwd: '', absoluteCwd: '/w' });
    assert.equal(summarizeRun(bare(0)), 'Tests passed');
    assert.equal(summarizeRun(bare(2)), 'Tests failed (exit code 2)');
    assert.equal(summarizeRun(bare(undefined)), 'The test run did not finish');
    assert.equal(bare(undefined).passed, false);
  });

  it('formats failures for people and models, long messages cut', () => {
    const text = formatFailures([
      { kind: 'test', testName: 'a › b', message: 'boom', file: 'src/a.test.js', line: 3, column: 7 },
      { kind: 'build', testName: 'src/c.test.js', message: Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n') },
    ]);
    assert.match(text, /^1\. a › b failed \(src\/a\.test\.js:3:7\)\n {3}boom\n\n2\. src\/c\.test\.js could not load or compile\n {3}line 0\n/);
    assert.match(text, / {3}… \(10 more lines\)$/);
  });

  it('keeps the end of the output as the screen showed it', () => {
    assert.equal(outputTail('a\r\nb\x1b[31mred\x1b[0m\n\n\n', 10), 'a\nbred');
    assert.equal(outputTail('1\n2\n3\n4\n', 2), '… (2 earlier lines left out)\n3\n4');
  });
});

describe('same failures twice', () => {
  const base = readBack('node-test', 'failing-tap', 'node-test');
  it('ignores lines, columns and timings, but not which tests fail or why', () => {
    const moved: TestRunReport = { ...base, failures: base.failures.map((f) => ({ ...f, line: (f.line ?? 0) + 4, column: 1, message: f.message.replace(/\d+ms/g, '999ms') })) };
    assert.ok(sameFailures(base, moved));
    const fewer: TestRunReport = { ...base, failures: base.failures.slice(1) };
    assert.ok(!sameFailures(base, fewer));
    const otherMessage: TestRunReport = { ...base, failures: base.failures.map((f, i) => (i === 0 ? { ...f, message: 'something else' } : f)) };
    assert.ok(!sameFailures(base, otherMessage));
  });

  it('a run without readable failures is known by its exit code and output; a passing run never repeats', () => {
    const crash = (output: string, exitCode = 139): TestRunReport => ({ ...base, failures: [], exitCode, output });
    assert.ok(sameFailures(crash('Segmentation fault\n'), crash('Segmentation fault\n')));
    assert.ok(!sameFailures(crash('Segmentation fault\n'), crash('Out of memory\n')));
    assert.ok(!sameFailures(crash('x', 1), crash('x', 2)));
    const passed: TestRunReport = { ...base, failures: [], exitCode: 0, passed: true };
    assert.ok(!sameFailures(passed, passed));
    assert.equal(failureSignature(passed), 'passed');
  });
});
