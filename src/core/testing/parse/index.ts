import type { ParseOptions, ParsedTestRun, TestFramework } from '../types';
import { parseCargoTest } from './cargoTest';
import { parseGoTest } from './goTest';
import { parseJest } from './jest';
import { parseMocha } from './mocha';
import { parseNodeTestSpec } from './nodeTestSpec';
import { parseNodeTestTap } from './nodeTestTap';
import { parsePytest } from './pytest';
import { parseSurefire } from './surefire';
import { screenLines } from './terminal';
import { parseUnittest } from './unittest';
import { parseVitest } from './vitest';

type LineParser = (lines: readonly string[], options: ParseOptions) => ParsedTestRun;

const parsers: Record<TestFramework, LineParser> = {
  jest: parseJest,
  vitest: parseVitest,
  mocha: parseMocha,
  'node-test': (lines, options) => (isTap(lines) ? parseNodeTestTap : parseNodeTestSpec)(lines, options),
  pytest: parsePytest,
  unittest: parseUnittest,
  go: parseGoTest,
  cargo: parseCargoTest,
  junit: parseSurefire,
};

/**
 * Reads the failures and totals out of a test run's output (stdout and stderr together, as the
 * terminal showed them). Colours, CRLF and redrawn progress lines are handled first; output cut
 * short yields the failures that were complete and no totals. For 'junit' the output is Maven
 * Surefire's; node:test output may come from the TAP or the spec reporter (told apart here).
 */
export function parseTestOutput(output: string, framework: TestFramework, options: ParseOptions = {}): ParsedTestRun {
  return parsers[framework](screenLines(output), options);
}

/** node:test writes TAP when not on a terminal (Node 20) or with --test-reporter=tap. */
function isTap(lines: readonly string[]): boolean {
  return lines.some((l) => /^TAP version \d+$/.test(l) || /^(not )?ok \d+ - /.test(l));
}
