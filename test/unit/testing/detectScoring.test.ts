import assert from 'node:assert/strict';
import { detectFrameworkFor, detectTestFrameworks } from '../../../src/core/testing';
import { memoryFiles } from './memoryFiles';

describe('detectTestFrameworks: weighing the evidence', () => {
  it('the runner scripts.test runs wins over one that is merely installed', async () => {
    const files = memoryFiles({
      'package.json': JSON.stringify({ scripts: { test: 'vitest run', 'test:legacy': 'jest' }, devDependencies: { jest: '^29', vitest: '^3' } }),
    });
    const found = await detectTestFrameworks(files);
    assert.deepEqual(found.map((f) => f.framework), ['vitest', 'jest']);
    assert.ok((found[0]?.score ?? 0) > (found[1]?.score ?? 0));
  });

  it('counts twenty test files importing a runner as one piece of evidence, and reads at most twenty', async () => {
    const tree: Record<string, string> = { 'package.json': '{"devDependencies":{"jest":"^30"}}' };
    for (let i = 0; i < 40; i++) tree[`src/t${i}.test.ts`] = "import { it } from 'vitest';";
    const files = memoryFiles(tree);
    const vitest = (await detectTestFrameworks(files)).find((f) => f.framework === 'vitest');
    assert.equal(vitest?.score, 3);
    assert.ok(files.reads.filter((p) => p.endsWith('.test.ts')).length <= 20);
  });

  it('reads node:test from a script and from tests, and treats a broken package.json as no evidence', async () => {
    const files = memoryFiles({ 'package.json': '{ "scripts": { "test": "tsx --test src/**/*.test.ts" } }' });
    assert.equal((await detectTestFrameworks(files))[0]?.framework, 'node-test');
    const broken = memoryFiles({ 'package.json': '{ not json', 'test/a.test.mjs': "import test from 'node:test';" });
    const found = await detectTestFrameworks(broken);
    assert.deepEqual(found.map((f) => [f.framework, f.fallback]), [['node-test', undefined]]);
  });

  it('python: pytest config beats unittest-style tests; a bare project falls back to unittest', async () => {
    const both = memoryFiles({ 'tox.ini': '[tox]\nenvlist = py311\n\n[pytest]\naddopts = -q\n', 'tests/test_a.py': 'import unittest\n\nclass ATest(unittest.TestCase):\n    pass\n' });
    assert.deepEqual((await detectTestFrameworks(both)).map((f) => f.framework), ['pytest', 'unittest']);
    const bare = memoryFiles({ 'requirements.txt': 'requests==2.32.0\n', 'app.py': 'print(1)\n' });
    assert.deepEqual((await detectTestFrameworks(bare)).map((f) => [f.framework, f.fallback]), [['unittest', true]]);
  });

  it('a JS test file that imports a runner settles which one, when the project has both', async () => {
    const files = memoryFiles({
      'package.json': JSON.stringify({ scripts: { test: 'jest' }, devDependencies: { jest: '^30', vitest: '^3' } }),
      'src/new.test.ts': "import { describe } from 'vitest';",
    });
    assert.equal((await detectFrameworkFor(files, 'src/new.test.ts'))?.framework, 'vitest');
    assert.equal((await detectFrameworkFor(files, 'src/other.ts'))?.framework, 'jest');
  });

  it('a Maven build without a JUnit dependency is only a weak fallback', async () => {
    const found = await detectTestFrameworks(memoryFiles({ 'pom.xml': '<project><artifactId>x</artifactId></project>' }));
    assert.deepEqual(found.map((f) => [f.framework, f.fallback, f.buildTool]), [['junit', true, 'maven']]);
  });
});
