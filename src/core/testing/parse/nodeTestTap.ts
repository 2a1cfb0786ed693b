import type { ParseOptions, ParsedTestRun, TestFailure } from '../types';
import { countsIn, located, uniqueFailures } from './common';
import { loadError, nodeTestCounts } from './nodeTestShared';
import { parseJsFrame, pickLocation, projectPath, type SourceLocation } from './locations';
import { dedent } from './terminal';

const subtestLine = /^(\s*)# Subtest: (.*)$/;
const resultLine = /^(\s*)(not ok|ok) \d+ - (.*?)(?: # (?:SKIP|TODO)\b.*)?$/;

/**
 * node:test's TAP reporter: "# Subtest: name" opens a test (4 spaces of indentation per level),
 * "not ok N - name" closes it, followed by a YAML block ("---" ... "...") with location,
 * failureType, error, name and stack. Suites whose only failure is a failed subtest are not
 * failures of their own. Totals come from the "# pass N" comments at the end.
 */
export function parseNodeTestTap(lines: readonly string[], options: ParseOptions): ParsedTestRun {
  const failures: TestFailure[] = [];
  const names: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const subtest = subtestLine.exec(line);
    if (subtest) {
      const depth = Math.floor((subtest[1]?.length ?? 0) / 4);
      names.length = depth;
      names[depth] = subtest[2] ?? '';
      continue;
    }
    const result = resultLine.exec(line);
    if (result?.[2] !== 'not ok') continue;
    const indent = result[1]?.length ?? 0;
    const depth = Math.floor(indent / 4);
    const yaml = yamlBlock(lines, i + 1, indent + 2);
    i = yaml.end;
    const failure = readFailure([...names.slice(0, depth), result[3] ?? ''], yaml.fields, lines, options);
    if (failure) failures.push(failure);
  }
  const totals = countsIn(lines.filter((l) => /^# (pass|fail|cancelled|skipped|todo) \d+$/.test(l)).map((l) => l.replace(/^# (\w+) (\d+)$/, '$2 $1')).join(' '), nodeTestCounts);
  return { failures: uniqueFailures(failures), ...(totals ? { totals } : {}) };
}

function readFailure(path: string[], fields: Map<string, string>, lines: readonly string[], options: ParseOptions): TestFailure | undefined {
  const failureType = fields.get('failureType');
  // The suite's own line repeats its children's failures; cancelled children repeat the parent's.
  if (failureType === 'subtestsFailed' || failureType === 'cancelledByParent') return undefined;
  const name = path[path.length - 1] ?? '';
  const declared = parseLocation(fields.get('location'), options);

  // A whole file failed (it did not load): node names the test after the file's absolute path.
  if (path.length === 1 && fields.get('error') === 'test failed' && !fields.has('stack')) {
    const load = loadError(lines, name, options);
    if (load) return { kind: 'build', testName: load.file, message: load.message, ...located(load.file, load.line) };
  }

  const error = fields.get('error') ?? '';
  const errorName = fields.get('name');
  const message = errorName && !error.startsWith(errorName) ? `${errorName}: ${error}` : error;
  const frames = (fields.get('stack') ?? '').split('\n').map((l) => parseJsFrame(`at ${l.trim()}`, options)).filter((f): f is SourceLocation => f !== undefined);
  const location = pickLocation(frames, declared?.file, options) ?? declared;
  return { kind: 'test', testName: path.join(' › '), message: message.trim(), ...located(location?.file, location?.line, location?.column) };
}

function parseLocation(value: string | undefined, options: ParseOptions): SourceLocation | undefined {
  const match = value ? /^(.*):(\d+):(\d+)$/.exec(value) : null;
  return match?.[1] ? { file: projectPath(match[1], options), line: Number(match[2]), column: Number(match[3]) } : undefined;
}

/**
 * The YAML diagnostics after a result line: flat `key: value` pairs, where a value is a plain
 * scalar, a single-quoted string, or a `|-` block (more indented lines). Nested maps (the
 * expected/actual of an assertion) are skipped: the error text already shows them.
 */
function yamlBlock(lines: readonly string[], from: number, indent: number): { fields: Map<string, string>; end: number } {
  const fields = new Map<string, string>();
  const pad = ' '.repeat(indent);
  if ((lines[from] ?? '').trim() !== '---') return { fields, end: from - 1 };
  let i = from + 1;
  while (i < lines.length && (lines[i] ?? '').trim() !== '...') {
    const line = lines[i] ?? '';
    const pair = line.startsWith(pad) ? /^([A-Za-z_]\w*): ?(.*)$/.exec(line.slice(indent)) : null;
    i++;
    if (!pair?.[1]) continue;
    const value = pair[2] ?? '';
    if (value === '|-' || value === '|' || value === '') {
      const block: string[] = [];
      while (i < lines.length && ((lines[i] ?? '').startsWith(`${pad}  `) || !(lines[i] ?? '').trim()) && (lines[i] ?? '').trim() !== '...') {
        block.push(lines[i] ?? '');
        i++;
      }
      if (value !== '') fields.set(pair[1], dedent(block));
    } else {
      fields.set(pair[1], unquote(value));
    }
  }
  return { fields, end: i };
}

function unquote(value: string): string {
  if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) return value.slice(1, -1).replace(/''/g, "'");
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
    try {
      return JSON.parse(value) as string;
    } catch {
      return value.slice(1, -1);
    }
  }
  return value === '~' ? '' : value;
}
