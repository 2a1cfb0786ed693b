import type { FixTarget } from '../testing/fixLoop';
import { formatFailures, outputTail, type TestRunReport } from '../testing/testRun';
import type { TestFramework } from '../testing/types';
import { assembleTestsPrompt, fenceLanguage, frameworkNames, searchReplaceFormat, type PromptSection, type TestsPrompt } from './testsShared';

export interface FixFailuresPromptInput {
  report: Pick<TestRunReport, 'command' | 'exitCode' | 'failures' | 'output'>;
  /** "3 passed, 1 failed". */
  summary: string;
  framework?: TestFramework;
  testFile: { path: string; text: string };
  /** The code under test (and other files the failures point into). */
  code: readonly { path: string; text: string }[];
  round: number;
  of: number;
  /** What the earlier rounds changed, oldest first. */
  previous?: readonly { target: FixTarget; explanation?: string }[];
  contextWindow: number;
}

const system = [
  "You are Tandem, an AI pair programmer fixing failing tests inside the user's editor.",
  'First decide who is wrong. The test is wrong when it expects something the code is evidently not meant to do, or is set up wrongly (imports, fixtures, async handling). The code is wrong when the test states the intended behaviour and the code breaks it.',
  'Then make the smallest change that fixes it. Never delete or weaken a correct test to make it pass.',
].join('\n');

/** The prompt for one round of "Fix Failing Tests": the failures, the test file and the code under test. */
export function buildFixFailuresPrompt(input: FixFailuresPromptInput): TestsPrompt {
  const { report, testFile } = input;
  const intro = [
    `Round ${input.round} of ${input.of}: these tests fail. Find out why and fix it.`,
    '',
    `- Command: ${report.command} (${report.exitCode === undefined ? 'did not finish' : `exit code ${report.exitCode}`}): ${input.summary}.`,
    input.framework ? `- Framework: ${frameworkNames[input.framework]}.` : '',
    ...(input.previous ?? []).map((p, i) => `- Round ${i + 1} changed the ${p.target === 'both' ? 'test and the code' : p.target}${p.explanation ? ` (${p.explanation})` : ''}; the tests still failed afterwards.`),
  ].filter(Boolean).join('\n');

  const sections: PromptSection[] = [];
  if (report.failures.length > 0) {
    sections.push({ heading: '## Failures', text: formatFailures(report.failures), language: 'text', required: true, label: 'the failures' });
  } else {
    sections.push({ heading: '## The end of the output (Tandem could not read individual failures from it)', text: outputTail(report.output), language: 'text', required: true, label: 'the test output' });
  }
  sections.push({ heading: `## The test file: ${testFile.path}`, text: testFile.text, language: fenceLanguage(testFile.path), required: true, label: `the test file ${testFile.path}`, path: testFile.path });
  for (const file of input.code) {
    sections.push({ heading: `## Code under test: ${file.path}`, text: file.text, language: fenceLanguage(file.path), label: `the code in ${file.path}`, path: file.path });
  }

  const editable = [testFile.path, ...input.code.map((c) => c.path)];
  const outro = [
    '## Answer format',
    'Start with one line that says what you fix: `Fix: test` when the test is wrong, or `Fix: code` when the code under test is wrong. Then one or two sentences saying why.',
    `Then the edits. ${searchReplaceFormat(testFile.path)}`,
    `Edit only ${editable.length === 1 ? 'this file' : 'these files'}: ${editable.join(', ')}.`,
  ].join('\n');
  return assembleTestsPrompt(system, intro, sections, outro, input.contextWindow);
}

export interface FixDeclaration {
  /** What the reply says it fixes (`Fix: test` / `Fix: code`); undefined when it does not say. */
  declared?: FixTarget;
  /** The sentence or two after the declaration. */
  explanation?: string;
}

/** Reads the `Fix: test|code` line (bold, "Fix target:", "FIX -" accepted) and the explanation after it. */
export function readFixDeclaration(reply: string): FixDeclaration {
  const lines = reply.replace(/\r\n?/g, '\n').split('\n');
  const index = lines.findIndex((line) => /^\W*fix(?:\s+target)?\W*?\s*[:\-–]\s*\W*(test|code|both)\b/i.test(line));
  if (index < 0) return {};
  const match = /^\W*fix(?:\s+target)?\W*?\s*[:\-–]\s*\W*(test|code|both)\b\W*(.*)$/i.exec(lines[index] ?? '');
  const declared = (match?.[1]?.toLowerCase() ?? 'test') as FixTarget;
  const sameLine = match?.[2]?.trim() ?? '';
  const following: string[] = [];
  for (const line of lines.slice(index + 1)) {
    if (line.trim() === '') {
      if (following.length > 0) break;
      continue;
    }
    if (/^(```|<{5,}|\S+\.\w+\s*$)/.test(line.trim())) break;
    following.push(line.trim());
  }
  const explanation = [sameLine, ...following].filter(Boolean).join(' ').slice(0, 400);
  return { declared, ...(explanation ? { explanation } : {}) };
}
