import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TandemApi } from '../../src/extension';
import type { TestRunReport } from '../../src/core/testing';
import type { ReviewSnapshot } from '../../src/features/edit/review/reviewSnapshot';
import { FakeLlmServer } from '../support/fakeLlm';
import { setSetting, tandemApi } from './tandemApi';
import { waitFor } from './waitFor';

// The sample workspace's importer/ is a plain-JS package whose tests run with node:test (no install).
const root = () => vscode.workspace.workspaceFolders![0]!.uri;
const amountsUri = () => vscode.Uri.joinPath(root(), 'importer', 'src', 'amounts.js');
const testUri = () => vscode.Uri.joinPath(root(), 'importer', 'test', 'amounts.test.js');

/** The "generated" test file: its second test is deliberately wrong (-3 is -300 cents), on line 12. */
const generatedTest = [
  "import assert from 'node:assert/strict';",
  "import { describe, it } from 'node:test';",
  "import { centsFromText } from '../src/amounts.js';",
  '',
  "describe('centsFromText', () => {",
  "  it('reads whole and decimal amounts', () => {",
  "    assert.equal(centsFromText('12.50'), 1250);",
  "    assert.equal(centsFromText('1,234.5'), 123450);",
  '  });',
  '',
  "  it('reads negative amounts', () => {",
  "    assert.equal(centsFromText('-3'), 300);",
  '  });',
  '});',
  '',
].join('\n');
const generateReply = `Here are tests for centsFromText.\n\n\`\`\`js importer/test/amounts.test.js\n${generatedTest}\`\`\`\n`;
const fixReply = [
  'Fix: test',
  'A negative amount gives negative cents; the test expected the wrong sign.',
  '',
  'importer/test/amounts.test.js',
  '```',
  '<<<<<<< SEARCH',
  "    assert.equal(centsFromText('-3'), 300);",
  '=======',
  "    assert.equal(centsFromText('-3'), -300);",
  '>>>>>>> REPLACE',
  '```',
].join('\n');

describe('tests: generate, run as a VS Code task, fix (fake model, real node --test)', function () {
  this.timeout(90_000);
  let server: FakeLlmServer;
  let api: TandemApi;
  const tandemTaskEnds: (number | undefined)[] = [];
  const subscriptions: vscode.Disposable[] = [];

  before(async () => {
    server = await FakeLlmServer.start();
    await setSetting('providers', { fake: { kind: 'openai-compatible', label: 'Fake server', baseUrl: server.baseUrl, models: { chat: 'fake-chat' } } });
    await setSetting('provider', 'fake');
    await setSetting('tests.autoRunAfterAccept', true);
    api = await tandemApi();
    await waitFor(() => api.config().provider.id === 'fake' && api.config().tests.autoRunAfterAccept, 'the fake provider and auto-run to be active');
    subscriptions.push(vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution.task.source === 'Tandem') tandemTaskEnds.push(e.exitCode);
    }));
  });

  after(async () => {
    subscriptions.forEach((s) => s.dispose());
    await setSetting('tests.autoRunAfterAccept', undefined);
    await setSetting('provider', undefined);
    await setSetting('providers', undefined);
    await server.close();
    await vscode.workspace.fs.delete(testUri(), { useTrash: false }).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  afterEach(async () => {
    api.tests.simulateUntrusted(false);
    while ((await api.review.snapshot()).reviews.length > 0) await vscode.commands.executeCommand('tandem.review.rejectAll');
  });

  const chatRequests = () => server.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const promptOf = (i: number) => (chatRequests()[i]?.body as { messages: Array<{ content: string }> }).messages.map((m) => m.content).join('\n');
  const pendingTestsReview = (what: string) =>
    waitFor(async () => (await api.review.snapshot()).reviews.find((r): r is ReviewSnapshot => r.origin === 'tests' && r.files.length > 0), what, 30_000);
  const tandemDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Tandem tests');

  // First: before the fix, the first Generate Tests after start-up ran before the .gitignore rules had loaded.
  it('Generate Tests refuses a file .gitignore excludes, even as the first command', async () => {
    const ignoredDir = vscode.Uri.joinPath(root(), 'importer', 'scratch');
    const gitignore = vscode.Uri.joinPath(root(), 'importer', '.gitignore');
    const ignored = vscode.Uri.joinPath(ignoredDir, 'parse.js');
    await vscode.workspace.fs.writeFile(gitignore, new TextEncoder().encode('scratch/\n'));
    await vscode.workspace.fs.writeFile(ignored, new TextEncoder().encode('export function parse(text) {\n  return text.split(",");\n}\n'));
    try {
      const requestsBefore = chatRequests().length;
      await vscode.commands.executeCommand('tandem.generateTests', ignored);
      assert.equal((await api.tests.messages()).at(-1), 'importer/scratch/parse.js is excluded by tandem.ignore or .gitignore (or is a sensitive file), so Tandem does not send it to a model.');
      assert.equal(chatRequests().length, requestsBefore, 'nothing was sent to the model');
    } finally {
      await vscode.workspace.fs.delete(ignoredDir, { recursive: true, useTrash: false });
      await vscode.workspace.fs.delete(gitignore, { useTrash: false });
    }
  });

  it('Generate Tests refuses a file inside node_modules', async () => {
    const dependency = vscode.Uri.joinPath(root(), 'importer', 'node_modules', 'left-pad', 'index.js');
    await vscode.workspace.fs.writeFile(dependency, new TextEncoder().encode('module.exports = (s, n) => s.padStart(n);\n'));
    try {
      const requestsBefore = chatRequests().length;
      await vscode.commands.executeCommand('tandem.generateTests', dependency);
      assert.match((await api.tests.messages()).at(-1) ?? '', /^importer\/node_modules\/left-pad\/index\.js belongs to an installed dependency/);
      assert.equal(chatRequests().length, requestsBefore);
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), 'importer', 'node_modules'), { recursive: true, useTrash: false });
    }
  });

  it('Generate Tests on a function -> review -> accept -> the task runs -> the failing test is a problem at its line -> Fix -> accept -> the re-run passes', async () => {
    server.addRule({ match: { lastUser: /Write unit tests for `centsFromText`/ }, reply: { text: generateReply } });
    server.addRule({ match: { lastUser: /Round 1 of 3: these tests fail/ }, reply: { text: fixReply } });
    const editor = await vscode.window.showTextDocument(amountsUri());
    editor.selection = new vscode.Selection(6, 4, 6, 4); // inside centsFromText

    const generating = vscode.commands.executeCommand('tandem.generateTests');
    const review = await pendingTestsReview('the generated test file in the review');
    assert.equal(review.title, 'Tests for `centsFromText`');
    assert.deepEqual(review.files.map((f) => [f.uri, f.created, f.label]), [[testUri().toString(), true, 'new test file']]);
    assert.equal(await vscode.workspace.fs.stat(testUri()).then(() => true, () => false), false, 'nothing written before accepting');
    const prompt = promptOf(0);
    assert.match(prompt, /Write unit tests for `centsFromText` \(importer\/src\/amounts\.js, lines 5-11\)/);
    assert.match(prompt, /Framework: Node's built-in test runner \(node:test\)/);
    assert.match(prompt, /Test file: importer\/test\/amounts\.test\.js \(a new file; under test\/, as the existing tests are\)/);
    assert.match(prompt, /## Style example: importer\/test\/csv\.test\.js/);
    assert.match(prompt, /The tests will be run with: node --test test\/amounts\.test\.js/);

    await vscode.commands.executeCommand('tandem.review.acceptAll', review.id);
    await generating; // accepting runs the tests (tandem.tests.autoRunAfterAccept)
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(testUri())), generatedTest);
    assert.deepEqual(tandemTaskEnds, [1], 'one task ran, and node --test exited 1');
    const report = await api.tests.lastReport();
    assert.equal(report?.command, 'node --test test/amounts.test.js');
    assert.deepEqual(report?.totals, { passed: 1, failed: 1, skipped: 0 });
    assert.ok((await api.tests.messages()).includes('Tests of importer/test/amounts.test.js: 1 passed, 1 failed.'));
    const problems = tandemDiagnostics(testUri());
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.range.start.line, 11, 'on the failing assertion (line 12)');
    assert.equal(problems[0]!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(problems[0]!.message, /^centsFromText › reads negative amounts failed: AssertionError: Expected values to be strictly equal:\n\n-300 !== 300/);

    const fixing = vscode.commands.executeCommand('tandem.fixFailingTests', testUri());
    const fixReview = await pendingTestsReview('the proposed fix in the review');
    assert.match(fixReview.title, /^Fix failing tests, round 1 of 3: fix to the test \(A negative amount gives negative cents/);
    assert.deepEqual(fixReview.files.map((f) => [f.uri, f.label]), [[testUri().toString(), 'fix to the test']]);
    const fixPrompt = promptOf(1);
    assert.match(fixPrompt, /1\. centsFromText › reads negative amounts failed \(importer\/test\/amounts\.test\.js:12:\d+\)\n {3}AssertionError: Expected values to be strictly equal:/);
    assert.match(fixPrompt, /## Code under test: importer\/src\/amounts\.js/);
    assert.equal(tandemTaskEnds.length, 1, 'the fix started from the last run instead of running again');

    await vscode.commands.executeCommand('tandem.review.acceptAll', fixReview.id);
    const result = await fixing as { stop: string; rounds: number } | undefined;
    assert.deepEqual({ stop: result?.stop, rounds: result?.rounds }, { stop: 'passed', rounds: 1 });
    assert.deepEqual(tandemTaskEnds, [1, 0], 'the re-run passed');
    assert.deepEqual((await api.tests.lastReport())?.totals, { passed: 2, failed: 0, skipped: 0 });
    assert.deepEqual(tandemDiagnostics(testUri()), [], 'the problem is gone');
    assert.ok((await api.tests.messages()).includes('The tests pass after 1 fix round. (2 passed, 0 failed)'));
  });

  it('Fix Failing Tests after the test file was edited since the run runs the tests again before asking the model', async () => {
    await vscode.workspace.fs.writeFile(testUri(), new TextEncoder().encode(generatedTest));
    await vscode.commands.executeCommand('tandem.runTests', testUri());
    const ranBefore = tandemTaskEnds.length;
    assert.equal(tandemTaskEnds.at(-1), 1, 'the run failed');

    // The user adds a test above the failing one: the last run's line numbers no longer hold.
    const document = await vscode.workspace.openTextDocument(testUri());
    const edit = new vscode.WorkspaceEdit();
    edit.insert(testUri(), new vscode.Position(10, 0), "  it('reads zero', () => {\n    assert.equal(centsFromText('0'), 0);\n  });\n\n");
    await vscode.workspace.applyEdit(edit);
    await document.save();

    server.addRule({ match: { lastUser: /Round 1 of 3: these tests fail/ }, reply: { text: fixReply } });
    const fixing = vscode.commands.executeCommand('tandem.fixFailingTests', testUri());
    await pendingTestsReview('the proposed fix in the review');
    assert.equal(tandemTaskEnds.length, ranBefore + 1, 'the tests ran again before the model was asked');
    assert.match(promptOf(chatRequests().length - 1), /importer\/test\/amounts\.test\.js:16:\d+/, 'the failure at its new line');
    await vscode.commands.executeCommand('tandem.review.rejectAll');
    await fixing;
  });

  it('Run Tests twice at once starts one task; the second is told a run is under way', async () => {
    const started: string[] = [];
    const watch = vscode.tasks.onDidStartTask((e) => { if (e.execution.task.source === 'Tandem') started.push(e.execution.task.name); });
    try {
      // The whole project's suite: working out its command (npm test) reads package.json first.
      const first = vscode.commands.executeCommand('tandem.runTestsAndExplain', amountsUri());
      const second = vscode.commands.executeCommand('tandem.runTestsAndExplain', amountsUri());
      const reports = await Promise.all([first, second]) as (TestRunReport | undefined)[];
      assert.deepEqual(started, ['Tandem: npm test'], 'one task');
      assert.equal(reports.filter((r) => r !== undefined).length, 1);
      assert.ok((await api.tests.messages()).includes('Tandem is already running tests; wait until that run ends (see the terminal).'));
    } finally {
      watch.dispose();
    }
  });

  it('a run stopped from the terminal (Terminate Task) is reported as stopped, not as failing tests', async () => {
    await setSetting('tests.command', 'node -e "setTimeout(() => {}, 60000)"');
    await waitFor(() => api.config().tests.command !== '', 'tandem.tests.command to be active');
    const watch = vscode.tasks.onDidStartTask((e) => {
      if (e.execution.task.source === 'Tandem') setTimeout(() => e.execution.terminate(), 1_000);
    });
    try {
      const report = await vscode.commands.executeCommand('tandem.runTests', amountsUri()) as TestRunReport | undefined;
      assert.equal(report?.exitCode, undefined, `exit code ${report?.exitCode}`);
      assert.equal(report?.passed, false);
      assert.equal((await api.tests.messages()).at(-1), 'Tests: The test run did not finish');
    } finally {
      watch.dispose();
      await setSetting('tests.command', undefined);
    }
  });

  it('Run Tests runs nothing in an untrusted workspace and says why', async () => {
    const runsBefore = await api.tests.runCount();
    const started: string[] = [];
    const watch = vscode.tasks.onDidStartTask((e) => started.push(e.execution.task.name));
    try {
      api.tests.simulateUntrusted(true);
      const report = await vscode.commands.executeCommand('tandem.runTests', amountsUri());
      assert.equal(report, undefined);
      assert.deepEqual(started, []);
      assert.equal(await api.tests.runCount(), runsBefore);
      assert.match((await api.tests.messages()).at(-1) ?? '', /^Tandem runs tests only in a trusted workspace: this one is in Restricted Mode/);
    } finally {
      watch.dispose();
    }
  });
});
