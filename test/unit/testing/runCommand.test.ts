import assert from 'node:assert/strict';
import { detectFrameworkFor, nodeWorkspaceFiles, resolveRunCommand, splitCommandLine, testScopeFor } from '../../../src/core/testing';
import { rejectionOf } from '../../support/llmTestKit';
import { workspacesDir } from './fixtures';
import { memoryFiles } from './memoryFiles';

describe('the command that runs the tests', () => {
  const files = memoryFiles({
    'package.json': JSON.stringify({ scripts: { test: 'node --test' } }),
    'src/a.js': 'export const a = 1;',
    'src/a.test.js': "import { test } from 'node:test';",
  });

  it('narrows the detected command to the test file', async () => {
    const detected = await detectFrameworkFor(files, 'src/a.js');
    assert.deepEqual(await resolveRunCommand({ files, detected, configured: '', testFile: 'src/a.test.js', shell: 'posix' }), { command: 'node --test src/a.test.js', cwd: '', narrowed: true, source: 'detected' });
  });

  it("runs a JS project's whole suite with its npm test script, unless that is npm's placeholder", async () => {
    const detected = await detectFrameworkFor(files, 'src/a.js');
    assert.deepEqual(await resolveRunCommand({ files, detected, configured: '', shell: 'posix' }), { command: 'npm test', cwd: '', narrowed: false, source: 'npm-script' });
    const placeholder = memoryFiles({ 'package.json': JSON.stringify({ scripts: { test: 'echo "Error: no test specified" && exit 1' }, devDependencies: { mocha: '^10' } }) });
    const mocha = await detectFrameworkFor(placeholder, 'test/a.test.js');
    assert.equal((await resolveRunCommand({ files: placeholder, detected: mocha, configured: '', shell: 'posix' })).command, 'npx mocha');
  });

  it('uses tandem.tests.command with ${file} and ${testFile} filled in and quoted, at the workspace root', async () => {
    const detected = await detectFrameworkFor(files, 'src/a.js');
    const command = await resolveRunCommand({ files, detected, configured: ' npm test -- ${testFile} ', testFile: "src/it's.test.js", file: 'src/a.js', shell: 'posix' });
    assert.deepEqual(command, { command: "npm test -- 'src/it'\\''s.test.js'", cwd: '', narrowed: true, source: 'setting' });
    assert.equal((await resolveRunCommand({ files, detected: undefined, configured: 'make test', shell: 'posix' })).command, 'make test');
    const missing = await rejectionOf(resolveRunCommand({ files, detected, configured: 'jest ${testFile}', shell: 'posix' }));
    assert.match((missing as Error).message, /^"tandem\.tests\.command": The test command uses \$\{testFile\}, which has no value here\. Run it from a test file/);
  });

  it('says what to set when nothing can run the tests', async () => {
    const error = await rejectionOf(resolveRunCommand({ files, detected: undefined, configured: '', file: 'notes.txt', shell: 'posix' }));
    assert.match((error as Error).message, /^Tandem found no test framework for notes\.txt\. Set "tandem\.tests\.command"/);
  });
});

describe('which tests belong to a file', () => {
  const workspace = nodeWorkspaceFiles(workspacesDir);
  it('a test file is its own scope, a source file its existing test file, else the whole project', async () => {
    assert.equal((await testScopeFor(workspace, 'node-test/test/queue.test.js')).testFile, 'node-test/test/queue.test.js');
    assert.equal((await testScopeFor(workspace, 'node-test/src/queue.js')).testFile, 'node-test/test/queue.test.js');
    const limits = await testScopeFor(workspace, 'node-test/src/limits.js');
    assert.equal(limits.testFile, undefined);
    assert.equal(limits.detected?.framework, 'node-test');
    assert.deepEqual(await testScopeFor(workspace, 'README.md'), {});
  });
});

describe('running a command without a shell', () => {
  it('splits plain words and quotes like sh does', () => {
    assert.deepEqual(splitCommandLine('npx jest --runTestsByPath src/a.test.js'), ['npx', 'jest', '--runTestsByPath', 'src/a.test.js']);
    assert.deepEqual(splitCommandLine(`node --test 'src/it'\\''s here.test.js'`), ['node', '--test', "src/it's here.test.js"]);
    assert.deepEqual(splitCommandLine('pytest "tests/a b.py" -k \'x or y\''), ['pytest', 'tests/a b.py', '-k', 'x or y']);
    assert.deepEqual(splitCommandLine('mvn test -Dtest=CartTest'), ['mvn', 'test', '-Dtest=CartTest']);
  });

  it('leaves anything with shell syntax to a shell', () => {
    for (const command of ['npm test | tee log', 'a && b', 'CI=1 npm test', 'echo $HOME', 'jest src/*.test.js', 'echo "$(date)"', 'go test ./... # all', "echo 'unclosed"]) {
      assert.equal(splitCommandLine(command), undefined, command);
    }
    assert.equal(splitCommandLine('   '), undefined);
  });
});
