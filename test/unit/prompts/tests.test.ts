import assert from 'node:assert/strict';
import { buildGenerateTestsPrompt, type GenerateTestsPromptInput } from '../../../src/core/prompts/tests';
import { buildFixFailuresPrompt, readFixDeclaration, type FixFailuresPromptInput } from '../../../src/core/prompts/testsFix';
import type { TestRunReport } from '../../../src/core/testing';

const source = [
  "import { roundCents } from './rounding.js';",
  '',
  'export function splitBill(total, people) {',
  "  if (people <= 0) throw new RangeError('people must be positive');",
  '  return roundCents(total / people);',
  '}',
  '',
  'export const VERSION = 2;',
].join('\n');

function generateInput(overrides: Partial<GenerateTestsPromptInput> = {}): GenerateTestsPromptInput {
  return {
    sourcePath: 'src/bill.js',
    sourceText: source,
    focus: { kind: 'symbol', name: 'splitBill', startLine: 3, endLine: 6, text: source.split('\n').slice(2, 6).join('\n') },
    detected: { framework: 'node-test', evidence: ['package.json scripts.test runs node --test'] },
    testFile: { path: 'src/bill.test.js', mode: 'create', convention: 'next to the source, as the existing tests are' },
    importPath: './bill.js',
    styleExample: { path: 'src/queue.test.js', text: "import { test } from 'node:test';\ntest('queue works', () => {});" },
    symbols: [{ name: 'roundCents', path: 'src/rounding.js', startLine: 1, text: 'export function roundCents(x) {\n  return Math.round(x);\n}' }],
    runCommand: 'node --test src/bill.test.js',
    contextWindow: 32_768,
    ...overrides,
  };
}

const userText = (prompt: { messages: { content?: unknown }[] }) => String(prompt.messages[1]?.content);

describe('generate-tests prompt', () => {
  it('names the code under test, the framework, the test file and the command, with the code, its symbols and the style example', () => {
    const prompt = buildGenerateTestsPrompt(generateInput());
    const text = userText(prompt);
    assert.match(text, /^Write unit tests for `splitBill` \(src\/bill\.js, lines 3-6\)\./);
    assert.match(text, /Framework: Node's built-in test runner \(node:test\) \(package\.json scripts\.test runs node --test\)\. Import \{ describe, it \} from 'node:test'/);
    assert.match(text, /Test file: src\/bill\.test\.js \(a new file; next to the source, as the existing tests are\)/);
    assert.match(text, /Relative to the test file, the code under test is at '\.\/bill\.js'/);
    assert.match(text, /The tests will be run with: node --test src\/bill\.test\.js/);
    assert.match(text, /## Code under test: src\/bill\.js, lines 3-6\n```js\nexport function splitBill/);
    assert.match(text, /## The whole file src\/bill\.js [^\n]*\n```js\nimport \{ roundCents \}/);
    assert.match(text, /## `roundCents`, used by the code \(src\/rounding\.js:1\)\n```js\nexport function roundCents/);
    assert.match(text, /## Style example: src\/queue\.test\.js[^\n]*\nFollow its style[^\n]*\n```js\nimport \{ test \} from 'node:test';/);
    assert.match(text, /Reply with the complete test file in one fenced code block whose first line names its path: ```js src\/bill\.test\.js/);
    assert.deepEqual(prompt.notes, []);
    assert.equal(prompt.messages[0]?.role, 'system');
  });

  it('for an existing test file: shows it whole, asks for additions as SEARCH/REPLACE, keeping every test', () => {
    const existing = "import { test } from 'node:test';\n\ntest('splits evenly', () => {});\n";
    const prompt = buildGenerateTestsPrompt(generateInput({ testFile: { path: 'src/bill.test.js', mode: 'extend', convention: 'the existing test file for this source', existingText: existing } }));
    const text = userText(prompt);
    assert.match(text, /Test file: src\/bill\.test\.js \(it exists: add to it;/);
    assert.match(text, /## The existing test file: src\/bill\.test\.js\nKeep every test in it exactly as it is\.\n```js\nimport \{ test \} from 'node:test';\n\ntest\('splits evenly'/);
    assert.match(text, /without removing or rewriting any existing test/);
    assert.match(text, /<<<<<<< SEARCH\n[^\n]+\n=======\n[^\n]+\n>>>>>>> REPLACE/);
    assert.doesNotMatch(text, /Reply with the complete test file in one fenced/);
  });

  it('for a whole file, sends the file once and no "whole file" section', () => {
    const prompt = buildGenerateTestsPrompt(generateInput({ focus: { kind: 'file', startLine: 1, endLine: 8, text: source } }));
    const text = userText(prompt);
    assert.match(text, /^Write unit tests for the code in src\/bill\.js\./);
    assert.equal(text.split('export function splitBill').length - 1, 1);
  });

  it('redacts secrets in every section before sending, says so, and tells the model not to copy the mark', () => {
    const secretSource = `${source}\nconst apiKey = "sk-proj-abcdefghijklmnopqrstuvwxyz123456";\n`;
    const prompt = buildGenerateTestsPrompt(generateInput({ sourceText: secretSource, focus: { kind: 'file', startLine: 1, endLine: 10, text: secretSource } }));
    const text = userText(prompt);
    assert.doesNotMatch(text, /sk-proj-abcdefghijklmnopqrstuvwxyz123456/);
    assert.match(text, /const apiKey = "\[REDACTED\]"/);
    assert.equal(prompt.redactions, 1);
    assert.deepEqual(prompt.notes, ['1 secret in the code under test was redacted before sending.']);
    assert.match(text, /Never write \[REDACTED\] into a file/);
  });

  it('keeps the code under test whole in a small window and cuts or leaves out the rest, with notes', () => {
    const bigExample = Array.from({ length: 3_000 }, (_, i) => `test('case ${i}', () => { assert.equal(splitBill(${i}, 1), ${i}); });`).join('\n');
    const prompt = buildGenerateTestsPrompt(generateInput({ contextWindow: 4_096, styleExample: { path: 'src/huge.test.js', text: bigExample } }));
    const text = userText(prompt);
    assert.match(text, /## Code under test: src\/bill\.js, lines 3-6\n```js\nexport function splitBill\(total, people\) \{\n[^`]*\n\}\n```/);
    assert.ok(prompt.notes.some((n) => /^The style example src\/huge\.test\.js was cut to \d+ of 3000 lines/.test(n)), prompt.notes.join('\n'));
    assert.ok(prompt.promptTokens < 4_096, `prompt of ${prompt.promptTokens} tokens fits the window`);
  });

  it('gives each framework its own instructions', () => {
    const pytest = userText(buildGenerateTestsPrompt(generateInput({ detected: { framework: 'pytest', evidence: [] }, sourcePath: 'app/bill.py', testFile: { path: 'tests/test_bill.py', mode: 'create', convention: 'x' } })));
    assert.match(pytest, /Framework: pytest\. Write plain test functions \(def test_\.\.\.\)/);
    assert.match(pytest, /```python tests\/test_bill\.py/);
    const junit4 = userText(buildGenerateTestsPrompt(generateInput({ detected: { framework: 'junit', evidence: [], junitVersion: 4 } })));
    assert.match(junit4, /Use JUnit 4: org\.junit\.Test/);
  });
});

const failingReport: TestRunReport = {
  command: 'node --test src/bill.test.js', cwd: '', testFile: 'src/bill.test.js', framework: 'node-test', exitCode: 1, passed: false,
  totals: { passed: 2, failed: 1, skipped: 0 },
  failures: [{ kind: 'test', testName: 'splitBill › rounds to cents', message: 'Expected values to be strictly equal:\n\n3.33 !== 3.34', file: 'src/bill.test.js', line: 12, column: 10 }],
  output: 'not ok 3 - rounds to cents\n',
};

function fixInput(overrides: Partial<FixFailuresPromptInput> = {}): FixFailuresPromptInput {
  return {
    report: failingReport, summary: '2 passed, 1 failed', framework: 'node-test',
    testFile: { path: 'src/bill.test.js', text: "test('rounds to cents', () => { assert.equal(splitBill(10, 3), 3.34); });" },
    code: [{ path: 'src/bill.js', text: source }],
    round: 2, of: 3, previous: [{ target: 'test', explanation: 'the expected value was off' }],
    contextWindow: 32_768,
    ...overrides,
  };
}

describe('fix-failures prompt', () => {
  it('sends the parsed failures with their locations, the test file, the code, and asks which one is wrong', () => {
    const text = userText(buildFixFailuresPrompt(fixInput()));
    assert.match(text, /^Round 2 of 3: these tests fail\./);
    assert.match(text, /Command: node --test src\/bill\.test\.js \(exit code 1\): 2 passed, 1 failed\./);
    assert.match(text, /Round 1 changed the test \(the expected value was off\); the tests still failed afterwards\./);
    assert.match(text, /## Failures\n```text\n1\. splitBill › rounds to cents failed \(src\/bill\.test\.js:12:10\)\n {3}Expected values to be strictly equal:\n {3}\n {3}3\.33 !== 3\.34\n```/);
    assert.match(text, /## The test file: src\/bill\.test\.js\n```js\ntest\('rounds to cents'/);
    assert.match(text, /## Code under test: src\/bill\.js\n```js\nimport \{ roundCents \}/);
    assert.match(text, /`Fix: test` when the test is wrong, or `Fix: code` when the code under test is wrong/);
    assert.match(text, /Edit only these files: src\/bill\.test\.js, src\/bill\.js\./);
  });

  it('sends the end of the output when no failure could be read from it', () => {
    const output = `${Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n')}\nSegmentation fault\n`;
    const text = userText(buildFixFailuresPrompt(fixInput({ report: { ...failingReport, failures: [], output }, previous: [] })));
    assert.match(text, /## The end of the output \(Tandem could not read individual failures from it\)\n```text\n… \(121 earlier lines left out\)\nline 121\n/);
    assert.match(text, /Segmentation fault\n```/);
  });

  it('reads the declaration the reply starts with, however it is dressed', () => {
    assert.deepEqual(readFixDeclaration('Fix: code\nThe function divides before rounding.\n\nsrc/bill.js\n```\n<<<<<<< SEARCH'), { declared: 'code', explanation: 'The function divides before rounding.' });
    assert.deepEqual(readFixDeclaration('**Fix: test** — the expectation was wrong.\n```js src/a.test.js\n```'), { declared: 'test', explanation: 'the expectation was wrong.' });
    assert.deepEqual(readFixDeclaration('Fix target: CODE'), { declared: 'code' });
    assert.deepEqual(readFixDeclaration('I changed the test.\n```js\n```'), {});
  });
});
