import assert from 'node:assert/strict';
import { parseTestOutput } from '../../../src/core/testing';
import { allRecorded, outputFrameworks, parseRecorded, recorded, sorted, where } from './fixtures';

const goModule = 'example.com/shop';

describe('parseTestOutput: robustness on every recording', () => {
  const runs = allRecorded();

  it('has recordings to check', () => {
    assert.ok(runs.length >= 35, `only ${runs.length} recordings`);
  });

  it('finds failures exactly in the runs that exited non-zero', () => {
    for (const run of runs) {
      const parsed = parseRecorded(run, { goModule });
      assert.equal(parsed.failures.length > 0, run.meta.exitCode !== 0, `${run.folder}/${run.name}: exit ${run.meta.exitCode}, ${parsed.failures.length} failures`);
      if (parsed.totals) assert.equal(parsed.totals.failed > 0, run.meta.exitCode !== 0, `${run.folder}/${run.name}: totals ${JSON.stringify(parsed.totals)}`);
    }
  });

  it('reports files relative to the project root although the tools printed absolute temp paths', () => {
    for (const run of runs) {
      for (const failure of parseRecorded(run, { goModule }).failures) {
        assert.ok(!failure.file?.startsWith('/'), `${run.folder}/${run.name}: ${failure.file}`);
        assert.ok(!failure.file?.startsWith('file:'), `${run.folder}/${run.name}: ${failure.file}`);
      }
    }
  });

  it('keeps absolute paths (file:// URLs decoded) when not given the project root', () => {
    const run = recorded('node-test', 'failing-tap');
    const files = parseTestOutput(run.output, 'node-test').failures.map((f) => f.file);
    assert.ok(files.every((f) => f?.startsWith(`${run.meta.cwd}/test/`)), JSON.stringify(files));
  });

  it('reads CRLF output exactly like LF output', () => {
    for (const run of runs) {
      const lf = parseRecorded(run, { goModule });
      const crlf = parseRecorded({ ...run, output: run.output.replace(/\r?\n/g, '\r\n') }, { goModule });
      assert.deepEqual(crlf, lf, `${run.folder}/${run.name}`);
    }
  });

  it('reads a terminal capture (colours, CRLF, redrawn progress) like the piped output of the same run', () => {
    const pairs: [string, string, string][] = [
      ['jest', 'failing', 'failing-tty'], ['vitest', 'failing', 'failing-tty'], ['mocha', 'failing', 'failing-tty'],
      ['node-test', 'failing-spec', 'failing-tty'], ['pytest', 'failing', 'failing-tty'], ['maven', 'failing', 'failing-tty'],
    ];
    for (const [folder, piped, tty] of pairs) {
      const plain = parseRecorded(recorded(folder, piped));
      const terminal = parseRecorded(recorded(folder, tty));
      assert.ok(recorded(folder, tty).output.includes('\x1b['), `${folder}/${tty} has no colours`);
      assert.deepEqual(where(terminal.failures), sorted(where(plain.failures)), `${folder}: ${tty} vs ${piped}`);
      assert.deepEqual(terminal.totals, plain.totals, `${folder}: totals`);
    }
  });

  // Build failures may be named by a line printed after them (cargo's "could not compile"), so
  // only test failures are held to the names of the full output.
  it('survives output cut short anywhere: no throw, and only tests the full output also names', () => {
    for (const run of runs) {
      const full = new Set(parseRecorded(run, { goModule }).failures.map((f) => f.testName));
      for (const fraction of [0.1, 0.3, 0.5, 0.7, 0.9]) {
        const cut = parseRecorded({ ...run, output: run.output.slice(0, Math.floor(run.output.length * fraction)) }, { goModule });
        for (const failure of cut.failures.filter((f) => f.kind === 'test')) {
          // Go names a panicking test only in the goroutine stacks; cut before them it is unknown.
          const known = full.has(failure.testName) || [...full].some((name) => name.startsWith(failure.testName)) || failure.testName === '(unknown test)';
          assert.ok(known, `${run.folder}/${run.name} cut at ${fraction}: unknown ${JSON.stringify(failure.testName)}`);
        }
      }
    }
  });

  it('keeps the complete failures of a pytest run cut before its summary, without totals', () => {
    const run = recorded('pytest', 'failing');
    const cut = run.output.slice(0, run.output.indexOf('_________________________ TestInvoice.test_line_lookup'));
    const parsed = parseTestOutput(cut, 'pytest', { projectRoot: run.meta.cwd });
    assert.deepEqual(parsed.failures.map((f) => f.testName), ['test_parse_amount[1,000.00-100000]', 'TestInvoice.TestVat.test_vat_rounds_half_up', 'TestInvoice.TestVat.test_totals']);
    assert.equal(parsed.totals, undefined);
  });

  it('falls back to the Vitest tree when the "Failed Tests" section is cut off', () => {
    const run = recorded('vitest', 'failing');
    const cut = run.output.slice(0, run.output.indexOf('Failed Suites'));
    const parsed = parseTestOutput(cut, 'vitest', { projectRoot: run.meta.cwd });
    assert.deepEqual(where(parsed.failures), sorted([
      'test parseDuration › accepts spaces between parts @ src/duration.test.ts:-',
      'test formatDuration › below an hour › keeps seconds @ src/duration.test.ts:-',
      'test backoff › doubles each delay @ src/duration.test.ts:-',
      'test backoff › finishes quickly @ src/duration.test.ts:-',
    ]));
    assert.equal(parsed.failures[0]?.message, 'not a duration: "1h 30m"');
  });

  it('ignores what npm prints around a script (the usual way these runners are started)', () => {
    for (const [folder, name] of [['jest', 'failing'], ['mocha', 'failing'], ['vitest', 'failing'], ['node-test', 'failing-spec']] as const) {
      const run = recorded(folder, name);
      const wrapped = `\n> sample@1.0.0 test\n> ${run.meta.command}\n\n${run.output}npm error Lifecycle script \`test\` failed with error:\nnpm error code 1\n`;
      const framework = outputFrameworks[folder] ?? 'jest';
      assert.deepEqual(parseTestOutput(wrapped, framework, { projectRoot: run.meta.cwd }), parseRecorded(run), `${folder}/${name}`);
    }
  });
});
