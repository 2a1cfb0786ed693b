import type { DetectedFramework } from '../testing/detect/evidence';
import type { UsedSymbol } from '../testing/usedSymbols';
import { assembleTestsPrompt, fenceLanguage, frameworkHint, frameworkNames, searchReplaceFormat, type PromptSection, type TestsPrompt } from './testsShared';

export type { TestsPrompt } from './testsShared';

/** What the tests are for: the selection, the function or class at the cursor, or the whole file. */
export interface CodeFocus {
  kind: 'selection' | 'symbol' | 'file';
  /** The function or class name ('symbol'). */
  name?: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  text: string;
}

export interface GenerateTestsPromptInput {
  /** Workspace-relative. */
  sourcePath: string;
  sourceText: string;
  focus: CodeFocus;
  detected: Pick<DetectedFramework, 'framework' | 'junitVersion' | 'evidence'>;
  testFile: {
    path: string;
    mode: 'create' | 'extend';
    /** Why this path ("next to the source, as the existing tests are"). */
    convention: string;
    /** The file's text when it is extended. */
    existingText?: string;
  };
  /** The source file relative to the test file's folder (e.g. '../src/money.ts'). */
  importPath?: string;
  /** The nearest existing test file of the project: its style is the one to follow. */
  styleExample?: { path: string; text: string };
  /** Declarations from other files that the code under test uses. */
  symbols: readonly UsedSymbol[];
  /** The command that will run the new tests. */
  runCommand?: string;
  /** The user's own words (e.g. after `/tests`). */
  instruction?: string;
  contextWindow: number;
}

const system = [
  "You are Tandem, an AI pair programmer writing unit tests inside the user's editor.",
  "Write tests the project's test runner runs as they are: the project's framework, imports that resolve from the test file's folder, the style of the project's existing tests.",
  'Test the observable behaviour of the code: typical cases, edge cases and error cases. One behaviour per test, with a name that says what it checks.',
  'Expect what the code is evidently meant to do; do not change the code under test.',
  'Answer with the edits in the format asked for and at most two sentences outside them.',
].join('\n');

/** The prompt for "Generate Tests": code under test, context, style example and the answer format. */
export function buildGenerateTestsPrompt(input: GenerateTestsPromptInput): TestsPrompt {
  const { focus, testFile, detected } = input;
  const sourceLanguage = fenceLanguage(input.sourcePath);
  const testLanguage = fenceLanguage(testFile.path) || sourceLanguage;
  const what = focus.kind === 'file'
    ? `the code in ${input.sourcePath}`
    : focus.kind === 'symbol'
      ? `\`${focus.name ?? 'the function'}\` (${input.sourcePath}, lines ${focus.startLine}-${focus.endLine})`
      : `the selected code (${input.sourcePath}, lines ${focus.startLine}-${focus.endLine})`;

  const facts = [
    `Write unit tests for ${what}.`,
    input.instruction?.trim() ? `The user adds: ${input.instruction.trim()}` : '',
    '',
    `- Framework: ${frameworkNames[detected.framework]}${detected.evidence.length > 0 ? ` (${detected.evidence.slice(0, 2).join('; ')})` : ''}. ${frameworkHint(detected)}`,
    `- Test file: ${testFile.path} (${testFile.mode === 'extend' ? 'it exists: add to it' : 'a new file'}; ${testFile.convention}).`,
    input.importPath ? `- Relative to the test file, the code under test is at '${input.importPath}' (write the import the way the project's tests do).` : '',
    input.runCommand ? `- The tests will be run with: ${input.runCommand}` : '',
  ].filter((line, i) => line !== '' || i === 2).join('\n');

  const sections: PromptSection[] = [{
    heading: focus.kind === 'file' ? `## Code under test: ${input.sourcePath}` : `## Code under test: ${input.sourcePath}, lines ${focus.startLine}-${focus.endLine}`,
    text: focus.text, language: sourceLanguage, required: true, label: 'the code under test', path: input.sourcePath, wholeText: input.sourceText,
  }];
  if (testFile.mode === 'extend') {
    sections.push({
      heading: `## The existing test file: ${testFile.path}\nKeep every test in it exactly as it is.`,
      text: testFile.existingText ?? '', language: testLanguage, required: true, label: `the test file ${testFile.path}`, path: testFile.path,
    });
  }
  if (focus.kind !== 'file') {
    sections.push({ heading: `## The whole file ${input.sourcePath} (for its imports, exports and helpers)`, text: input.sourceText, language: sourceLanguage, label: `the rest of ${input.sourcePath}`, path: input.sourcePath });
  }
  for (const symbol of input.symbols) {
    sections.push({ heading: `## \`${symbol.name}\`, used by the code (${symbol.path}:${symbol.startLine})`, text: symbol.text, language: fenceLanguage(symbol.path), label: `the declaration of ${symbol.name}`, path: symbol.path });
  }
  if (input.styleExample && input.styleExample.path !== testFile.path) {
    sections.push({
      heading: `## Style example: ${input.styleExample.path}, an existing test of this project\nFollow its style: imports, structure, naming, assertions.`,
      text: input.styleExample.text, language: fenceLanguage(input.styleExample.path), label: `the style example ${input.styleExample.path}`, path: input.styleExample.path,
    });
  }

  return assembleTestsPrompt(system, facts, sections, answerFormat(testFile, testLanguage), input.contextWindow);
}

function answerFormat(testFile: GenerateTestsPromptInput['testFile'], language: string): string {
  if (testFile.mode === 'create') {
    return [
      '## Answer format',
      `Reply with the complete test file in one fenced code block whose first line names its path: \`\`\`${language} ${testFile.path}`,
    ].join('\n');
  }
  return [
    '## Answer format',
    `Add the new tests to ${testFile.path} without removing or rewriting any existing test. ${searchReplaceFormat(testFile.path)}`,
    'To append, SEARCH for the last lines of the file (or the closing line of the suite the tests belong in) and REPLACE them with those same lines plus the new tests. Add any imports the new tests need the same way.',
    'If that is not practical, reply instead with the complete new file in one fenced block that names its path, keeping every existing test unchanged.',
  ].join('\n');
}
