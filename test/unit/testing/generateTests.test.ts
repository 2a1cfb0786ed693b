import assert from 'node:assert/strict';
import type { ChatMessage } from '../../../src/core/llm';
import {
  generateTests, interpretGenerateReply, prepareGeneration, relativePath, TestGenerationError, type AskModel, type PreparedGeneration,
} from '../../../src/core/testing';
import { FakeLlmServer } from '../../support/fakeLlm';
import { rejectionOf, testClient } from '../../support/llmTestKit';
import { memoryFiles } from './memoryFiles';

const pkg = JSON.stringify({ type: 'module', scripts: { test: 'node --test' } });
const money = [
  "import { CENTS } from './units.js';",
  '',
  'export function parseMoney(text) {',
  '  const value = Number(text.trim());',
  "  if (Number.isNaN(value)) throw new Error('Not an amount');",
  '  return Math.round(value * CENTS);',
  '}',
  '',
  'export function formatMoney(cents) {',
  '  return (cents / CENTS).toFixed(2);',
  '}',
].join('\n');
const existingTest = [
  "import assert from 'node:assert/strict';",
  "import { test } from 'node:test';",
  "import { formatMoney } from './money.js';",
  '',
  "test('formats cents', () => {",
  "  assert.equal(formatMoney(5), '0.05');",
  '});',
  '',
].join('\n');

function workspace(extra: Record<string, string> = {}) {
  return memoryFiles({
    'package.json': pkg,
    'src/money.js': money,
    'src/units.js': 'export const CENTS = 100;\n',
    'src/queue.test.js': "import { test } from 'node:test';\ntest('queue', () => {});\n",
    ...extra,
  });
}

const newFileReply = (path: string) => [
  'Here are the tests.',
  '',
  `\`\`\`js ${path}`,
  "import assert from 'node:assert/strict';",
  "import { test } from 'node:test';",
  "import { parseMoney } from './money.js';",
  '',
  "test('parses decimals into cents', () => {",
  "  assert.equal(parseMoney('1.5'), 150);",
  '});',
  '```',
].join('\n');

const additionReply = [
  'src/money.test.js',
  '```',
  '<<<<<<< SEARCH',
  "import { formatMoney } from './money.js';",
  '=======',
  "import { formatMoney, parseMoney } from './money.js';",
  '>>>>>>> REPLACE',
  '```',
  '',
  'src/money.test.js',
  '```',
  '<<<<<<< SEARCH',
  "  assert.equal(formatMoney(5), '0.05');",
  '});',
  '=======',
  "  assert.equal(formatMoney(5), '0.05');",
  '});',
  '',
  "test('rejects text', () => {",
  "  assert.throws(() => parseMoney('x'), /Not an amount/);",
  '});',
  '>>>>>>> REPLACE',
  '```',
].join('\n');

describe('Generate Tests: preparing the prompt from the workspace', () => {
  it('finds the framework, the test file, the style example, the imported symbols and the import path', async () => {
    const prepared = await prepareGeneration(workspace(), { sourcePath: 'src/money.js', sourceText: money, focus: { kind: 'symbol', name: 'parseMoney', startLine: 3, endLine: 7 } });
    assert.equal(prepared.detected.framework, 'node-test');
    assert.deepEqual({ path: prepared.plan.path, mode: prepared.plan.mode }, { path: 'src/money.test.js', mode: 'create' });
    assert.equal(prepared.styleExample?.path, 'src/queue.test.js');
    assert.equal(prepared.focus.text.split('\n')[0], 'export function parseMoney(text) {');
    assert.deepEqual(prepared.symbols.map((s) => `${s.name}@${s.path}:${s.startLine} ${s.text}`), ['CENTS@src/units.js:1 export const CENTS = 100;']);
    assert.equal(prepared.importPath, './money.js');
  });

  it('extends an existing test file and leaves out context the ignore rules exclude', async () => {
    const files = workspace({ 'src/money.test.js': existingTest });
    const prepared = await prepareGeneration(files, { sourcePath: 'src/money.js', sourceText: money }, { mayRead: (p) => p !== 'src/units.js' && p !== 'src/queue.test.js' });
    assert.equal(prepared.plan.mode, 'extend');
    assert.equal(prepared.existingText, existingTest);
    assert.equal(prepared.styleExample, undefined);
    assert.deepEqual(prepared.symbols, []);
    assert.ok(!files.reads.includes('src/units.js'), 'the excluded file was not even read');
  });

  it('says why when it cannot write tests for a file', async () => {
    const error = await rejectionOf(prepareGeneration(workspace(), { sourcePath: 'README.md', sourceText: '# hi' }));
    assert.ok(error instanceof TestGenerationError);
    assert.match(error.message, /README\.md is none of those/);
  });

  it('computes the import path from the test file folder', () => {
    assert.equal(relativePath('src/__tests__', 'src/money.ts'), '../money.ts');
    assert.equal(relativePath('test', 'src/a/b.js'), '../src/a/b.js');
    assert.equal(relativePath('', 'index.js'), './index.js');
  });
});

describe('Generate Tests: reading the reply', () => {
  const prepare = (files = workspace()) => prepareGeneration(files, { sourcePath: 'src/money.js', sourceText: money });

  it('a new test file from one named code block', async () => {
    const outcome = interpretGenerateReply(newFileReply('src/money.test.js'), await prepare());
    assert.ok(outcome.ok);
    assert.match(outcome.text, /^import assert from 'node:assert\/strict';\n[\s\S]*test\('parses decimals into cents'/);
  });

  it('refuses a new "test file" that declares no tests (it would pass when run)', async () => {
    const outcome = interpretGenerateReply("```js src/money.test.js\nimport { parseMoney } from './money.js';\nexport const value = parseMoney('1');\n```", await prepare());
    assert.ok(!outcome.ok);
    assert.match(outcome.reason, /declares no node:test tests/);
    assert.match(outcome.feedback, /declares no tests/);
  });

  it('a file the model placed elsewhere goes where the convention says, with a warning', async () => {
    const outcome = interpretGenerateReply(newFileReply('test/money.test.js'), await prepare());
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.warnings, ["The reply named test/money.test.js; the tests go to src/money.test.js, where the project's convention puts them."]);
  });

  it('additions to an existing file are merged by the edit engine, every old test kept', async () => {
    const outcome = interpretGenerateReply(additionReply, await prepare(workspace({ 'src/money.test.js': existingTest })));
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.reason);
    assert.match(outcome.text, /import \{ formatMoney, parseMoney \} from '\.\/money\.js';/);
    assert.match(outcome.text, /test\('formats cents'[\s\S]*test\('rejects text'/);
  });

  it('refuses a whole-file reply that drops an existing test, and says which', async () => {
    const outcome = interpretGenerateReply(newFileReply('src/money.test.js'), await prepare(workspace({ 'src/money.test.js': existingTest })));
    assert.ok(!outcome.ok);
    assert.equal(outcome.reason, 'The model\'s reply would remove existing tests from src/money.test.js ("formats cents"); Tandem keeps every existing test, so it was not used.');
    assert.match(outcome.feedback, /Keep every existing test exactly as it is: send SEARCH\/REPLACE blocks that only add the new tests\./);
  });

  it('refuses SEARCH blocks that are not in the file, and a reply that writes a redaction mark', async () => {
    const prepared = await prepare(workspace({ 'src/money.test.js': existingTest }));
    const stale = interpretGenerateReply('src/money.test.js\n```\n<<<<<<< SEARCH\nnot in the file at all\n=======\nx\n>>>>>>> REPLACE\n```', prepared);
    assert.ok(!stale.ok);
    assert.match(stale.reason, /^The model's edits to src\/money\.test\.js could not be applied: /);
    assert.match(stale.feedback, /Some edits could not be applied/);
    const marked = interpretGenerateReply(newFileReply('src/money.test.js').replace("'1.5'", "'[REDACTED]'"), await prepare());
    assert.ok(!marked.ok);
    assert.match(marked.reason, /writes \[REDACTED\]/);
  });

  it('a reply without code says so', async () => {
    const outcome = interpretGenerateReply('I cannot write tests for this.', await prepare());
    assert.ok(!outcome.ok);
    assert.equal(outcome.reason, "The model's reply has no code for src/money.test.js.");
  });
});

describe('Generate Tests against the fake model server', () => {
  let server: FakeLlmServer;
  before(async () => { server = await FakeLlmServer.start(); });
  after(() => server.close());
  afterEach(() => server.reset());

  const askFake = (): AskModel => {
    const { client } = testClient(server.baseUrl);
    return async (messages: ChatMessage[], signal) => (await client.chat({ messages, ...(signal ? { signal } : {}) })).text;
  };
  const lastUser = (i: number) => {
    const messages = (server.requests.filter((r) => r.path.endsWith('/chat/completions'))[i]?.body as { messages: { role: string; content: string }[] }).messages;
    return messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
  };

  it('sends the prompt and returns the new file', async () => {
    server.addRule({ match: { lastUser: /Write unit tests for the code in src\/money\.js/ }, reply: { text: newFileReply('src/money.test.js') } });
    const prepared = await prepareGeneration(workspace(), { sourcePath: 'src/money.js', sourceText: money });
    const generated = await generateTests(prepared, askFake(), { contextWindow: 32_768, runCommand: 'node --test src/money.test.js' });
    assert.equal(generated.path, 'src/money.test.js');
    assert.equal(generated.created, true);
    assert.equal(generated.originalText, '');
    assert.match(generated.proposedText, /parses decimals into cents/);
    assert.equal(generated.requests, 1);
    assert.match(lastUser(0), /The tests will be run with: node --test src\/money\.test\.js/);
  });

  it('sends a reply that would drop tests back once with the reason, and uses the corrected one', async () => {
    server.addRule({ match: { lastUser: /Write unit tests/ }, reply: { text: newFileReply('src/money.test.js') }, times: 1 });
    server.addRule({ match: { lastUser: /Your reply removes these existing tests/ }, reply: { text: additionReply } });
    const prepared: PreparedGeneration = await prepareGeneration(workspace({ 'src/money.test.js': existingTest }), { sourcePath: 'src/money.js', sourceText: money });
    const generated = await generateTests(prepared, askFake(), { contextWindow: 32_768 });
    assert.equal(generated.requests, 2);
    assert.equal(generated.created, false);
    assert.equal(generated.originalText, existingTest);
    assert.match(generated.proposedText, /test\('formats cents'[\s\S]*test\('rejects text'/);
    assert.match(lastUser(1), /Your reply removes these existing tests from src\/money\.test\.js: "formats cents"/);
  });

  it('gives up with the reason after the retry', async () => {
    server.addRule({ reply: { text: 'No tests today.' } });
    const prepared = await prepareGeneration(workspace(), { sourcePath: 'src/money.js', sourceText: money });
    const error = await rejectionOf(generateTests(prepared, askFake(), { contextWindow: 32_768 }));
    assert.ok(error instanceof TestGenerationError);
    assert.equal(error.message, "The model's reply has no code for src/money.test.js.");
    assert.equal(server.requests.filter((r) => r.path.endsWith('/chat/completions')).length, 2);
  });
});
