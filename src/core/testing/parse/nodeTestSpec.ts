import type { ParseOptions, ParsedTestRun, TestFailure } from '../types';
import { countsIn, located, uniqueFailures } from './common';
import { loadError, nodeTestCounts } from './nodeTestShared';
import { isJsFrame, parseJsFrame, pickLocation, projectPath, type SourceLocation } from './locations';
import { dedent } from './terminal';

const treeLine = /^(\s*)(✔|✖|﹣|▶|ℹ) (.*)$/;
const failingSection = /^✖ failing tests:$/;

/**
 * node:test's spec reporter: a tree ("▶ suite", "✔ test (1ms)", "✖ test (2ms)" followed by the
 * error indented below it; 2 spaces per level), the "ℹ pass 4" counters, and since Node 20.x a
 * closing "✖ failing tests:" list whose "test at file:line:col" lines give each declaration.
 * A "✖ suite" line without an error block of its own only repeats its children's failures.
 */
export function parseNodeTestSpec(lines: readonly string[], options: ParseOptions): ParsedTestRun {
  const sectionStart = lines.findIndex((l) => failingSection.test(l));
  const tree = sectionStart >= 0 ? lines.slice(0, sectionStart) : lines;
  const declared = declarations(sectionStart >= 0 ? lines.slice(sectionStart + 1) : [], options);

  const failures: TestFailure[] = [];
  const suites: string[] = [];
  tree.forEach((line, i) => {
    const node = treeLine.exec(line);
    if (!node) return;
    const depth = Math.floor((node[1]?.length ?? 0) / 2);
    const name = (node[3] ?? '').replace(/ \([\d.]+m?s\)( # .*)?$/, '');
    if (node[2] === '▶') {
      suites.length = depth;
      suites[depth] = name;
      return;
    }
    if (node[2] !== '✖') return;
    const body = errorBlock(tree, i + 1, node[1]?.length ?? 0);
    if (!body.some((l) => l.trim())) return;
    const failure = readFailure([...suites.slice(0, depth), name], body, lines, declared, options);
    failures.push(failure);
  });

  const counts = lines.filter((l) => /^ℹ (pass|fail|cancelled|skipped|todo) \d+$/.test(l)).map((l) => l.replace(/^ℹ (\w+) (\d+)$/, '$2 $1')).join(' ');
  const totals = countsIn(counts, nodeTestCounts);
  return { failures: uniqueFailures(failures), ...(totals ? { totals } : {}) };
}

function readFailure(path: string[], body: readonly string[], lines: readonly string[], declared: Map<string, SourceLocation[]>, options: ParseOptions): TestFailure {
  const name = path[path.length - 1] ?? '';
  const end = body.findIndex(isJsFrame);
  const message = unquote(dedent(end >= 0 ? body.slice(0, end) : body));
  if (path.length === 1 && message === 'test failed') {
    const load = loadError(lines, name, options);
    if (load) return { kind: 'build', testName: load.file, message: load.message, ...located(load.file, load.line) };
  }
  const declaration = declared.get(name)?.shift();
  const frames = body.filter(isJsFrame).map((l) => parseJsFrame(l, options)).filter((f): f is SourceLocation => f !== undefined);
  const location = pickLocation(frames, declaration?.file, options) ?? declaration;
  return { kind: 'test', testName: path.join(' › '), message, ...located(location?.file, location?.line, location?.column) };
}

/** The lines indented below a tree line (blank lines included), up to the next sibling or parent. */
function errorBlock(lines: readonly string[], from: number, indent: number): string[] {
  const body: string[] = [];
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const lineIndent = /^ */.exec(line)?.[0].length ?? 0;
    if (line.trim() && lineIndent <= indent) break;
    body.push(line);
  }
  return body;
}

/** "test at test/a.test.js:11:5" followed by "✖ name (2ms)": declaration locations by test name. */
function declarations(section: readonly string[], options: ParseOptions): Map<string, SourceLocation[]> {
  const byName = new Map<string, SourceLocation[]>();
  section.forEach((line, i) => {
    const at = /^test at (.+):(\d+):(\d+)$/.exec(line);
    const next = /^✖ (.*?)(?: \([\d.]+m?s\))?$/.exec(section[i + 1] ?? '');
    if (!at?.[1] || next?.[1] === undefined) return;
    const list = byName.get(next[1]) ?? [];
    list.push({ file: projectPath(at[1], options), line: Number(at[2]), column: Number(at[3]) });
    byName.set(next[1], list);
  });
  return byName;
}

/** The spec reporter prints a plain error string in quotes: 'test timed out after 100ms'. */
function unquote(message: string): string {
  return /^'[^\n]*'$/.test(message) ? message.slice(1, -1).replace(/\\'/g, "'") : message;
}
