// `tandem tests` against the fake model server, on a temporary copy of a node:test fixture
// project, with the tests really run by `node --test`: in-process through runTests for most
// cases, and once through the real entry point (src/cli/main.ts) for the exit code.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runTests, type TestsIo } from '../../../src/cli/commands/tests';
import { FakeLlmServer, unusedPort } from '../../support/fakeLlm';

const FIXTURE = path.resolve(__dirname, '../../fixtures/testing/workspaces/node-test');
const MAIN = path.resolve(__dirname, '../../../src/cli/main.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;

const testFile = 'test/limits.test.js';
/** The generated test: the second expectation is deliberately wrong (clamp(5, 0, 3) is 3). */
const generated = [
  "import assert from 'node:assert/strict';",
  "import { test } from 'node:test';",
  "import { clamp } from '../src/limits.js';",
  '',
  "test('keeps values inside the range', () => {",
  '  assert.equal(clamp(2, 0, 3), 2);',
  '});',
  '',
  "test('clamps values above the range', () => {",
  '  assert.equal(clamp(5, 0, 3), 5);',
  '});',
].join('\n');
const generateReply = (text = generated) => `Tests for clamp:\n\n\`\`\`js ${testFile}\n${text}\n\`\`\`\n`;
const fixReply = [
  'Fix: test',
  'clamp returns the upper bound for values above the range, so the expectation is wrong.',
  '',
  testFile,
  '```',
  '<<<<<<< SEARCH',
  '  assert.equal(clamp(5, 0, 3), 5);',
  '=======',
  '  assert.equal(clamp(5, 0, 3), 3);',
  '>>>>>>> REPLACE',
  '```',
].join('\n');

describe('tandem tests', function () {
  this.timeout(60_000);
  let server: FakeLlmServer;
  let dir: string;
  /** The workspace index's cache folder (the commands open the index for declarations). */
  let cache: string;
  let out: string;
  let err: string;

  const io = (extra: Partial<TestsIo> = {}): TestsIo => ({
    cwd: dir, env: { TANDEM_CACHE_DIR: cache },
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    ...extra,
  });
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
  const chatRequests = () => server.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const promptOf = (i: number) => (chatRequests()[i]?.body as { messages: Array<{ content: string }> }).messages.map((m) => m.content).join('\n');
  const settings = (baseUrl: string) => JSON.stringify({
    'tandem.provider': 'fake',
    'tandem.providers': { fake: { kind: 'openai-compatible', baseUrl, models: { chat: 'fake-chat' } } },
    'tandem.retries.maxRetries': 0,
  });

  before(async () => { server = await FakeLlmServer.start(); });
  before(() => { cache = mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-index-cache-')); });
  after(() => { rmSync(cache, { recursive: true, force: true }); return server.close(); });
  beforeEach(() => {
    server.reset();
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-tests-'));
    cpSync(FIXTURE, dir, { recursive: true });
    mkdirSync(path.join(dir, '.vscode'));
    writeFileSync(path.join(dir, '.vscode/settings.json'), settings(server.baseUrl));
    out = '';
    err = '';
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('without --yes (and no terminal) prints the diff of the new test file and writes nothing', async () => {
    server.addRule({ match: { lastUser: /Write unit tests for the code in src\/limits\.js/ }, reply: { text: generateReply() } });
    assert.equal(await runTests(['src/limits.js'], io()), 0, err);
    assert.match(out, /^--- \/dev\/null\n\+\+\+ b\/test\/limits\.test\.js\n@@ -0,0 \+1,11 @@\n\+import assert from 'node:assert\/strict';/);
    assert.match(err, /writing test\/limits\.test\.js \(node-test; /);
    assert.match(err, /test\/limits\.test\.js was not written: pass --yes/);
    assert.ok(!existsSync(path.join(dir, testFile)));
    const prompt = promptOf(0);
    assert.match(prompt, /## Code under test: src\/limits\.js\n```js\nexport function clamp/);
    assert.match(prompt, /## Style example: test\/queue\.test\.js/);
    assert.match(prompt, /The tests will be run with: node --test test\/limits\.test\.js/);
  });

  it('--yes --run writes the file atomically, runs node --test on it, and exits 1 with the failure', async () => {
    server.addRule({ reply: { text: generateReply() } });
    assert.equal(await runTests(['src/limits.js', '--yes', '--run'], io()), 1, err);
    assert.equal(read(testFile), `${generated}\n`);
    assert.deepEqual(readdirSync(path.join(dir, 'test')).sort(), ['limits.test.js', 'queue.test.js'], 'no temp files left');
    assert.match(out, /not ok \d+ - clamps values above the range/, 'the test output was streamed');
    assert.match(err, /running node --test test\/limits\.test\.js/);
    assert.match(err, /tandem: 1 passed, 1 failed\n/);
  });

  it('--fix 3 sends the failure back, applies the fix to the test and passes in one round', async () => {
    server.addRule({ match: { lastUser: /Write unit tests/ }, reply: { text: generateReply() } });
    server.addRule({ match: { lastUser: /Round 1 of 3: these tests fail/ }, reply: { text: fixReply } });
    assert.equal(await runTests(['src/limits.js', '--yes', '--fix', '3'], io()), 0, err);
    assert.match(read(testFile), /assert\.equal\(clamp\(5, 0, 3\), 3\);/);
    const fixPrompt = promptOf(1);
    assert.match(fixPrompt, /1\. clamps values above the range failed \(test\/limits\.test\.js:10:\d+\)\n {3}AssertionError: Expected values to be strictly equal:\n {3}\n {3}3 !== 5/);
    assert.match(fixPrompt, /## Code under test: src\/limits\.js/);
    assert.match(err, /tandem: fix to the test \(test\/limits\.test\.js\): clamp returns the upper bound/);
    assert.match(err, /tandem: 2 passed, 0 failed\ntandem: The tests pass after 1 fix round\.\n$/);
  });

  it('--fix stops when the fix leaves the same failure, and exits 1', async () => {
    server.addRule({ match: { lastUser: /Write unit tests/ }, reply: { text: generateReply() } });
    // A "fix" that changes only a comment: the same test still fails the same way.
    server.addRule({ match: { lastUser: /these tests fail/ }, reply: { text: `Fix: test\n${testFile}\n\`\`\`\n<<<<<<< SEARCH\n  assert.equal(clamp(5, 0, 3), 5);\n=======\n  // checked\n  assert.equal(clamp(5, 0, 3), 5);\n>>>>>>> REPLACE\n\`\`\`\n` } });
    assert.equal(await runTests(['src/limits.js', '--yes', '--fix', '3'], io()), 1, err);
    assert.match(err, /Stopped after round 1: the fix did not change the failures\./);
    assert.equal(chatRequests().length, 2);
  });

  it('--json prints one object with the diff, the run and the fixes; the test output goes to stderr', async () => {
    server.addRule({ match: { lastUser: /Write unit tests/ }, reply: { text: generateReply() } });
    server.addRule({ match: { lastUser: /these tests fail/ }, reply: { text: fixReply } });
    assert.equal(await runTests(['src/limits.js', '--yes', '--fix', '1', '--json'], io()), 0, err);
    const json = JSON.parse(out) as { testFile: string; created: boolean; written: boolean; diff: string; run: { passed: boolean; exitCode: number; totals: { passed: number } }; fix: { stop: string; rounds: number; fixes: { target: string; files: string[]; written: boolean }[] } };
    assert.equal(json.testFile, testFile);
    assert.equal(json.created, true);
    assert.equal(json.written, true);
    assert.match(json.diff, /^--- \/dev\/null/);
    assert.deepEqual({ passed: json.run.passed, exitCode: json.run.exitCode, count: json.run.totals.passed }, { passed: true, exitCode: 0, count: 2 });
    assert.deepEqual(json.fix, { stop: 'passed', rounds: 1, message: 'The tests pass after 1 fix round.', fixes: [{ round: 1, target: 'test', files: [testFile], written: true }] });
    assert.match(err, /not ok \d+ - clamps values above the range/);
  });

  it('extends an existing test file without dropping its tests', async () => {
    server.addRule({ match: { lastUser: /Write unit tests for the code in src\/queue\.js/ }, reply: { text: `test/queue.test.js\n\`\`\`\n<<<<<<< SEARCH\n  assert.equal(queue.next(), 'a');\n});\n=======\n  assert.equal(queue.next(), 'a');\n});\n\ntest('next() on an empty queue returns undefined', () => {\n  assert.equal(new JobQueue().next(), undefined);\n});\n>>>>>>> REPLACE\n\`\`\`\n` } });
    assert.equal(await runTests(['src/queue.js', '--yes', '--run'], io()), 0, err);
    const text = read('test/queue.test.js');
    assert.match(text, /test\('next\(\) returns jobs in order'[\s\S]*test\('next\(\) on an empty queue returns undefined'/);
    assert.match(promptOf(0), /## The existing test file: test\/queue\.test\.js/);
    assert.match(err, /tandem: 2 passed, 0 failed/);
  });

  it('on a terminal it asks before each write: yes to the tests, no to the fix stops the loop', async () => {
    server.addRule({ match: { lastUser: /Write unit tests/ }, reply: { text: generateReply() } });
    server.addRule({ match: { lastUser: /these tests fail/ }, reply: { text: fixReply } });
    const questions: string[] = [];
    const answers = [true, false];
    const confirm = async (question: string) => { questions.push(question); return answers.shift() ?? false; };
    assert.equal(await runTests(['src/limits.js', '--fix', '3'], io({ confirm })), 1, err);
    assert.deepEqual(questions, ['Write test/limits.test.js? [y/N] ', 'Write test/limits.test.js? [y/N] ']);
    assert.equal(read(testFile), `${generated}\n`, 'the fix was not written');
    assert.match(err, /Stopped in round 1: the fix was rejected\./);
  });

  it('--command runs the given command line (through a shell when it needs one)', async () => {
    server.addRule({ reply: { text: generateReply(generated.replace('clamp(5, 0, 3), 5', 'clamp(5, 0, 3), 3')) } });
    assert.equal(await runTests(['src/limits.js', '--yes', '--run', '--command', 'node --test ${testFile} && echo ran-by-shell'], io()), 0, err);
    assert.match(out, /ran-by-shell/);
  });

  it('a test command that does not exist exits 2 with what to do, and is not sent to the model as a failure', async () => {
    server.addRule({ reply: { text: fixReply }, match: { lastUser: /fix/i } });
    server.addRule({ reply: { text: generateReply() }, times: 1 });
    assert.equal(await runTests(['src/limits.js', '--yes', '--fix', '2', '--command', 'no-such-test-runner ${testFile}'], io()), 2, err);
    assert.match(err, /^tandem: the test runner is missing: no-such-test-runner test\/limits\.test\.js could not run — command not found \(exit code 127\)\. No test ran\. Install the runner \(e\.g\. npm install --save-dev <runner>\), or pass --command with the project's test command \(or set tandem\.tests\.command\)\.$/m);
    assert.equal(chatRequests().length, 1, 'no fix was asked for');
    err = '';
    rmSync(path.join(dir, testFile));
    server.addRule({ reply: { text: generateReply() } });
    assert.equal(await runTests(['src/limits.js', '--yes', '--run', '--command', 'no-such-test-runner && true'], io()), 2, err);
    assert.match(err, /the test runner is missing: no-such-test-runner && true could not run — no-such-test-runner is not installed \(command not found\)/);
  });

  it('a runner npx would have to download (not installed) is reported as missing, exit 2, not as failing tests', async () => {
    server.addRule({ reply: { text: generateReply() } });
    // What `npx vitest run` prints in a project without vitest, when npx may not install it.
    const npx = `node -e "console.error('npm error npx canceled due to missing packages and no YES option: [\\"vitest@3.2.4\\"]'); process.exit(1)"`;
    assert.equal(await runTests(['src/limits.js', '--yes', '--run', '--command', npx], io()), 2, err);
    assert.match(err, /tandem: the test runner is missing: .* could not run — npx would have to download vitest@3\.2\.4: it is not installed in the project\. No test ran\./);
    assert.doesNotMatch(err, /Tests failed|failed \(exit code 1\)/);
    assert.equal(chatRequests().length, 1, 'nothing sent to the model to fix');
  });

  it('a failing test that prints "command not found" itself is still a failing test', async () => {
    server.addRule({ reply: { text: generateReply() } });
    const failing = `node -e "console.log('not ok 1 - sh: 1: foo: not found'); console.log('# pass 0'); console.log('# fail 1'); process.exit(1)"`;
    const code = await runTests(['src/limits.js', '--yes', '--run', '--command', failing], io());
    assert.doesNotMatch(err, /test runner is missing/);
    assert.equal(code, 1, err);
  });

  it('with the server down, says so without first announcing a test file it then does not write', async () => {
    writeFileSync(path.join(dir, '.vscode/settings.json'), settings(`http://127.0.0.1:${await unusedPort()}/v1`));
    assert.equal(await runTests(['src/limits.js', '--yes'], io()), 2);
    assert.doesNotMatch(err, /writing test\/limits\.test\.js/);
    assert.match(err, /^tandem: No model server answers at http:\/\/127\.0\.0\.1:\d+\/v1/m);
    assert.match(err, /comes from tandem\.providers\.fake\.baseUrl in .*settings\.json/);
  });

  it('refuses a folder, a binary or a non-UTF-8 file with the reason, without calling the model', async () => {
    writeFileSync(path.join(dir, 'src/logo.js'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d]));
    writeFileSync(path.join(dir, 'src/latin1.js'), Buffer.from('// caf\xe9\n', 'latin1'));
    assert.equal(await runTests(['src/logo.js', '--yes'], io()), 2);
    assert.match(err, /^tandem: cannot write tests for src\/logo\.js: the file is binary; only text files can be sent to the model$/m);
    assert.equal(await runTests(['src/latin1.js', '--yes'], io()), 2);
    assert.match(err, /^tandem: cannot write tests for src\/latin1\.js: the file is not UTF-8 text$/m);
    out = '';
    assert.equal(await runTests(['src/logo.js', '--yes', '--json'], io()), 2);
    assert.deepEqual(JSON.parse(out), { file: 'src/logo.js', written: false, notes: [], error: 'cannot write tests for src/logo.js: the file is binary; only text files can be sent to the model' });
    assert.equal(await runTests(['src', '--yes'], io()), 2);
    assert.match(err, /^tandem: cannot write tests for src: that is a folder$/m);
    assert.equal(chatRequests().length, 0);
    assert.deepEqual(readdirSync(path.join(dir, 'test')).sort(), readdirSync(path.join(FIXTURE, 'test')).sort());
  });

  it('Ctrl+C while the model writes the tests exits 130, says so, and writes nothing', async () => {
    server.addRule({ fault: { kind: 'hang' } });
    const abort = new AbortController();
    const running = runTests(['src/limits.js', '--yes', '--run'], io({ signal: abort.signal }));
    await server.waitForRequests(1);
    abort.abort();
    assert.equal(await running, 130);
    assert.match(err, /^tandem: Cancelled\.$/m);
    assert.ok(!existsSync(path.join(dir, testFile)));
  });

  it('bad usage and a model server that is down exit 2 and write nothing', async () => {
    assert.equal(await runTests(['src/limits.js', '--fix', '11'], io()), 2);
    assert.match(err, /--fix takes a number of rounds from 0 to 10, got "11"/);
    assert.equal(await runTests([], io()), 2);
    assert.equal(await runTests(['src/missing.js'], io()), 2);
    assert.equal(await runTests(['../outside.js'], io()), 2);
    err = '';
    writeFileSync(path.join(dir, '.vscode/settings.json'), settings(`http://127.0.0.1:${await unusedPort()}/v1`));
    assert.equal(await runTests(['src/limits.js', '--yes', '--run'], io()), 2);
    assert.match(err, /^tandem: No model server answers at http:\/\/127\.0\.0\.1:\d+\/v1/m);
    assert.ok(!existsSync(path.join(dir, testFile)));
  });

  it('through the real entry point: exit code 1 for failing tests', async () => {
    server.addRule({ reply: { text: generateReply() } });
    const child = spawn(process.execPath, ['--import', TSX, MAIN, 'tests', 'src/limits.js', '--yes', '--run'], { cwd: dir, env: { ...process.env, TANDEM_CACHE_DIR: cache }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 1);
    assert.match(stdout, /not ok \d+ - clamps values above the range/);
  });
});
