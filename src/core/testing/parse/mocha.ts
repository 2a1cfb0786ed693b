import type { ParseOptions, ParsedTestRun, TestFailure } from '../types';
import { countsIn, located, uniqueFailures } from './common';
import { isJsFrame, parseJsFrame, pickLocation, projectPath, type SourceLocation } from './locations';
import { dedent } from './terminal';

const failingLine = /^ {2}\d+ failing$/;
const blockHeader = /^ {2}(\d+)\) (.*)$/;

/**
 * Mocha's spec reporter: the tree, then "N passing / N pending / N failing", then one numbered
 * block per failure: the title path over several lines (the last ends with ':'), the message
 * (assertion diffs may start at column 0) and the stack. A file that does not load ends the
 * run with "Exception during run: <path>:<line>".
 */
export function parseMocha(lines: readonly string[], options: ParseOptions): ParsedTestRun {
  const failures: TestFailure[] = [];
  const start = lines.findIndex((l) => failingLine.test(l));
  if (start >= 0) {
    let block: string[] | undefined;
    for (const line of lines.slice(start + 1)) {
      if (blockHeader.test(line)) {
        if (block) failures.push(readBlock(block, options));
        block = [line];
      } else {
        block?.push(line);
      }
    }
    if (block) failures.push(readBlock(block, options));
  }
  failures.push(...loadFailures(lines, options));

  const counts = lines.filter((l) => /^ {2}\d+ (passing|failing|pending)\b/.test(l)).join(' ');
  const totals = countsIn(counts, { passing: 'passed', failing: 'failed', pending: 'skipped' });
  return { failures: uniqueFailures(failures), ...(totals ? { totals } : {}) };
}

function readBlock(block: readonly string[], options: ParseOptions): TestFailure {
  // Title lines: "  1) Suite", "       nested", "         test:" — up to the one ending in ':'.
  const titles: string[] = [];
  let i = 0;
  for (; i < block.length; i++) {
    const text = (i === 0 ? blockHeader.exec(block[0] ?? '')?.[2] ?? '' : block[i] ?? '').trim();
    if (text.endsWith(':')) {
      titles.push(text.slice(0, -1));
      i++;
      break;
    }
    titles.push(text);
  }
  const rest = block.slice(i);
  const end = rest.findIndex(isJsFrame);
  const message = dedent(end >= 0 ? rest.slice(0, end) : rest);
  const frames = rest.filter(isJsFrame).map((l) => parseJsFrame(l, options)).filter((f): f is SourceLocation => f !== undefined);
  // A timeout names only the file: "Error: Timeout of 2000ms exceeded. ... (/abs/test/a.spec.js)".
  const timeoutFile = /\(([^()\s]+\.[cm]?[jt]sx?)\)$/m.exec(message)?.[1];
  const location = pickLocation(frames, undefined, options) ?? (timeoutFile ? { file: projectPath(timeoutFile, options) } : undefined);
  return { kind: 'test', testName: titles.filter(Boolean).join(' › '), message, ...located(location?.file, location?.line, location?.column) };
}

/** "Exception during run: /abs/test/a.spec.js:7" followed by the code, a caret and the error. */
function loadFailures(lines: readonly string[], options: ParseOptions): TestFailure[] {
  const failures: TestFailure[] = [];
  lines.forEach((line, i) => {
    const match = /^\s*Exception during run: (.*)$/.exec(line);
    if (!match?.[1]) return;
    const where = /^(.+?):(\d+)$/.exec(match[1].trim());
    const errorLine = lines.slice(i + 1, i + 12).find((l) => /^\s*\w*(Error|Exception)\b.*:/.test(l) && !isJsFrame(l));
    const file = where?.[1] ? projectPath(where[1], options) : undefined;
    failures.push({
      kind: 'build',
      testName: file ?? 'mocha',
      message: (errorLine ?? match[1]).trim(),
      ...located(file, where ? Number(where[2]) : undefined),
    });
  });
  return failures;
}
