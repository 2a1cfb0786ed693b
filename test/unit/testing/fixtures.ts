import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseTestOutput, type ParsedTestRun, type TestFailure, type TestFramework } from '../../../src/core/testing';

/** Recorded by test/fixtures/testing/record.sh: real tool output, never edited by hand. */
export const outputsDir = join(__dirname, '../../fixtures/testing/outputs');
export const workspacesDir = join(__dirname, '../../fixtures/testing/workspaces');

/** Output folder -> the framework id whose parser reads it (Maven Surefire output is 'junit'). */
export const outputFrameworks: Record<string, TestFramework> = {
  jest: 'jest', vitest: 'vitest', mocha: 'mocha', 'node-test': 'node-test', pytest: 'pytest',
  unittest: 'unittest', go: 'go', cargo: 'cargo', maven: 'junit',
};

export interface RecordedRun {
  folder: string;
  name: string;
  output: string;
  meta: { framework: string; case: string; command: string; cwd: string; exitCode: number; tty: boolean };
}

export function recorded(folder: string, name: string): RecordedRun {
  const base = join(outputsDir, folder, name);
  return {
    folder,
    name,
    output: readFileSync(`${base}.txt`, 'utf8'),
    meta: JSON.parse(readFileSync(`${base}.json`, 'utf8')) as RecordedRun['meta'],
  };
}

export function allRecorded(): RecordedRun[] {
  return readdirSync(outputsDir).flatMap((folder) =>
    readdirSync(join(outputsDir, folder)).filter((f) => f.endsWith('.json')).map((f) => recorded(folder, f.slice(0, -'.json'.length))));
}

export function fixtureExists(folder: string, name: string): boolean {
  return existsSync(join(outputsDir, folder, `${name}.txt`));
}

/** Parses a recording the way Tandem will: with the directory the command ran in. */
export function parseRecorded(run: RecordedRun, options: { goModule?: string } = {}): ParsedTestRun {
  return parseTestOutput(run.output, outputFrameworks[run.folder] ?? 'jest', { projectRoot: run.meta.cwd, ...options });
}

/**
 * The fields worth comparing exactly: who failed, what kind, and where. Sorted: runners that run
 * files or tests in parallel print them in a different order each run, so a re-recording
 * must not break the tests for that.
 */
export function where(failures: readonly TestFailure[]): string[] {
  return failures.map((f) => `${f.kind} ${f.testName} @ ${f.file ?? '-'}:${f.line ?? '-'}${f.column !== undefined ? `:${f.column}` : ''}`).sort();
}

export function sorted(list: readonly string[]): string[] {
  return [...list].sort();
}

export function messageOf(failures: readonly TestFailure[], testName: string): string {
  const failure = failures.find((f) => f.testName === testName);
  if (!failure) throw new Error(`no failure named ${JSON.stringify(testName)} in ${JSON.stringify(failures.map((f) => f.testName))}`);
  return failure.message;
}
