import type { ParseOptions, ParsedTestRun, TestFailure, TestTotals } from '../types';
import { located, uniqueFailures } from './common';
import { projectPath, type SourceLocation } from './locations';
import { dedent } from './terminal';

const testLine = /^test (\S+)(?: - should panic)? \.\.\. (ok|FAILED|ignored\b.*)$/;
const stdoutHeader = /^---- (\S+) stdout ----$/;
const panicNew = /^thread '(.+?)'(?: \(\d+\))? panicked at (.+?):(\d+):(\d+):$/;
const panicOld = /^thread '(.+?)' panicked at '(.*)', (.+?):(\d+):(\d+)$/;
const resultLine = /^test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored;/;
const diagnosticHeader = /^(error|warning)(\[\w+\])?: (.*)$/;
const diagnosticArrow = /^\s*--> (.+?):(\d+):(\d+)$/;

/**
 * `cargo test`: compiler diagnostics ("error[E0308]: ..." then "  --> file:line:col"), then per
 * test binary "test name ... FAILED" lines, one "---- name stdout ----" block per failure (the
 * test's output, then "thread 'name' panicked at file:line:col:" and the message; with
 * RUST_BACKTRACE a backtrace whose frame for the test gives its own line) and "test result:".
 */
export function parseCargoTest(lines: readonly string[], options: ParseOptions): ParsedTestRun {
  const failures: TestFailure[] = [...compileErrors(lines, options)];
  const failed: string[] = [];
  const blocks = new Map<string, string[]>();
  let block: string[] | undefined;

  for (const line of lines) {
    const test = testLine.exec(line);
    const header = stdoutHeader.exec(line);
    if (test?.[1] && test[2] === 'FAILED') failed.push(test[1]);
    if (header?.[1]) {
      block = [];
      blocks.set(header[1], block);
    } else if (/^failures:$/.test(line) || resultLine.test(line) || /^\s+Running /.test(line)) {
      block = undefined;
    } else {
      block?.push(line);
    }
  }
  for (const name of new Set([...failed, ...blocks.keys()])) failures.push(readBlock(name, blocks.get(name) ?? [], options));

  const results = lines.map((l) => resultLine.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  const totals: TestTotals | undefined = results.length
    ? results.reduce((sum, m) => ({ passed: sum.passed + Number(m[1]), failed: sum.failed + Number(m[2]), skipped: sum.skipped + Number(m[3]) }), { passed: 0, failed: 0, skipped: 0 })
    : undefined;
  return { failures: uniqueFailures(failures), ...(totals ? { totals } : {}) };
}

function readBlock(name: string, body: readonly string[], options: ParseOptions): TestFailure {
  let message = '';
  let location: SourceLocation | undefined;
  body.forEach((line, i) => {
    const current = panicNew.exec(line);
    const old = panicOld.exec(line);
    if (current?.[2]) {
      const rest = body.slice(i + 1);
      const end = rest.findIndex((l) => /^(stack backtrace:|note: )/.test(l) || !l.trim());
      message = dedent(end >= 0 ? rest.slice(0, end) : rest);
      location = { file: projectPath(current[2], options), line: Number(current[3]), column: Number(current[4]) };
    } else if (old?.[3]) {
      message = old[2] ?? '';
      location = { file: projectPath(old[3], options), line: Number(old[4]), column: Number(old[5]) };
    } else if (/^note: (test did not panic as expected|panic did not contain expected string)/.test(line)) {
      const noPanic = /^note: (.*?)(?: at (.+?):(\d+):(\d+))?$/.exec(line);
      message = [noPanic?.[1] ?? line, ...body.slice(i + 1).filter((l) => /^\s+(panic message|expected substring):/.test(l)).map((l) => l.trim())].join('\n');
      if (noPanic?.[2]) location = { file: projectPath(noPanic[2], options), line: Number(noPanic[3]), column: Number(noPanic[4]) };
    }
  });
  // With a backtrace, the frame of the test function itself is a better place than the panic
  // (which may be deep in the code under test).
  const own = backtraceFrame(body, name, options);
  const where = own ?? location;
  return { kind: 'test', testName: name, message, ...located(where?.file, where?.line, where?.column) };
}

function backtraceFrame(body: readonly string[], name: string, options: ParseOptions): SourceLocation | undefined {
  for (let i = 0; i < body.length; i++) {
    const fn = /^\s+\d+: (\S+)$/.exec(body[i] ?? '')?.[1];
    if (!fn || !(fn === name || fn.endsWith(`::${name}`))) continue;
    const at = /^\s+at (.+):(\d+):(\d+)$/.exec(body[i + 1] ?? '');
    if (at?.[1]) return { file: projectPath(at[1], options), line: Number(at[2]), column: Number(at[3]) };
  }
  return undefined;
}

/** Each "error[...]: message" with its "--> file:line:col" and the annotated snippet below it. */
function compileErrors(lines: readonly string[], options: ParseOptions): TestFailure[] {
  const target = lines.map((l) => /^error: could not compile `(.+?)`(?: \((.+?)\))?/.exec(l)).find((m) => m);
  const testName = target ? `${target[1]}${target[2] ? ` (${target[2]})` : ''}` : 'cargo build';
  const failures: TestFailure[] = [];
  lines.forEach((line, i) => {
    const header = diagnosticHeader.exec(line);
    const arrow = diagnosticArrow.exec(lines[i + 1] ?? '');
    if (header?.[1] !== 'error' || !arrow?.[1]) return;
    const end = lines.findIndex((l, j) => j > i + 1 && !l.trim());
    const snippet = lines.slice(i, end >= 0 ? end : lines.length);
    failures.push({ kind: 'build', testName, message: dedent(snippet), ...located(projectPath(arrow[1], options), Number(arrow[2]), Number(arrow[3])) });
  });
  if (!failures.length && target) failures.push({ kind: 'build', testName, message: target[0] });
  return failures;
}
