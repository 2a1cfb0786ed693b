import assert from 'node:assert/strict';
import { detectFrameworkFor, nodeWorkspaceFiles, testCommand, type TestCommand } from '../../../src/core/testing';
import { workspacesDir } from './fixtures';
import { memoryFiles } from './memoryFiles';

const workspace = nodeWorkspaceFiles(workspacesDir);

async function commandFor(testFile: string, files = workspace, shell: 'posix' | 'powershell' | 'cmd' = 'posix'): Promise<TestCommand> {
  const detected = await detectFrameworkFor(files, testFile);
  assert.ok(detected, `no framework for ${testFile}`);
  return testCommand(files, detected, testFile, { shell });
}

describe('testCommand: narrowed to the test file where the framework allows', () => {
  const cases: [string, string, string][] = [
    ['jest/src/cart.test.js', 'jest', 'npx jest --runTestsByPath src/cart.test.js'],
    ['vitest/src/utils/__tests__/format.spec.ts', 'vitest', 'npx vitest run src/utils/__tests__/format.spec.ts'],
    ['mocha/test/report/format.spec.js', 'mocha', 'npx mocha test/report/format.spec.js'],
    ['node-test/test/queue.test.js', 'node-test', 'node --test test/queue.test.js'],
    ['pytest/tests/test_models.py', 'pytest', 'python3 -m pytest tests/test_models.py'],
    ['unittest/tests/test_ops.py', 'unittest', 'python3 -m unittest tests/test_ops.py'],
    ['go/ratelimit/bucket_test.go', 'go', 'go test ./ratelimit'],
    ['cargo/tests/integration.rs', 'cargo', 'cargo test --test integration'],
    ['cargo/src/text/normalize.rs', 'cargo', 'cargo test --lib text::normalize::'],
    ['cargo/src/lib.rs', 'cargo', 'cargo test --lib'],
    ['maven/src/test/java/com/example/shop/CartTest.java', 'maven', 'mvn test -Dtest=CartTest'],
    ['gradle/src/test/java/com/example/app/AppTest.java', 'gradle', './gradlew test --tests com.example.app.AppTest'],
    ['mixed/packages/api/src/__tests__/routes.test.ts', 'mixed/packages/api', 'npx jest --runTestsByPath src/__tests__/routes.test.ts'],
  ];
  for (const [file, cwd, command] of cases) {
    it(`${file}: ${command} (in ${cwd})`, async () => {
      assert.deepEqual(await commandFor(file), { command, cwd, narrowed: true });
    });
  }

  it('runs the whole suite without a test file', async () => {
    const detected = await detectFrameworkFor(workspace, 'go/cart/cart.go');
    assert.ok(detected);
    assert.deepEqual(await testCommand(workspace, detected), { command: 'go test ./...', cwd: 'go', narrowed: false });
  });

  it('TypeScript tests under node:test go through tsx; a Go test at the module root is package "."', async () => {
    const files = memoryFiles({ 'package.json': '{"scripts":{"test":"node --test"}}', 'go.mod': 'module example.com/x\n' });
    assert.equal((await commandFor('src/a.test.ts', files)).command, 'npx tsx --test src/a.test.ts');
    assert.equal((await commandFor('x_test.go', files)).command, 'go test .');
  });

  it('quotes paths for the shell, and keeps a leading dash from reading as an option', async () => {
    const files = memoryFiles({ 'package.json': '{"scripts":{"test":"jest"}}' });
    assert.equal((await commandFor("src/it's here.test.js", files)).command, `npx jest --runTestsByPath 'src/it'\\''s here.test.js'`);
    assert.equal((await commandFor('-rf.test.js', files)).command, 'npx jest --runTestsByPath ./-rf.test.js');
    assert.equal((await commandFor('src/a b.test.js', files, 'powershell')).command, "npx jest --runTestsByPath 'src/a b.test.js'");
    assert.equal((await commandFor('src/a b.test.js', files, 'cmd')).command, 'npx jest --runTestsByPath "src/a b.test.js"');
  });

  it('uses the project\'s wrappers and the interpreter for the shell', async () => {
    const files = memoryFiles({ 'pom.xml': '<project><dependencies><dependency><artifactId>junit</artifactId></dependency></dependencies></project>', mvnw: '', 'setup.cfg': '[tool:pytest]\n' });
    assert.equal((await commandFor('src/test/java/a/BTest.java', files)).command, './mvnw test -Dtest=BTest');
    assert.equal((await commandFor('src/test/java/a/BTest.java', files, 'powershell')).command, ".\\mvnw.cmd test '-Dtest=BTest'");
    assert.equal((await commandFor('tests/test_a.py', files, 'cmd')).command, 'python -m pytest tests/test_a.py');
  });
});
