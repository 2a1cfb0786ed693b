import assert from 'node:assert/strict';
import { detectFrameworkFor, findClosestTestFile, nodeWorkspaceFiles, planTestFile } from '../../../src/core/testing';
import { folderDistance } from '../../../src/core/testing/conventions/closestTest';
import { workspacesDir } from './fixtures';
import { memoryFiles } from './memoryFiles';

const workspace = nodeWorkspaceFiles(workspacesDir);

async function exampleFor(source: string, files = workspace): Promise<string | undefined> {
  const detected = await detectFrameworkFor(files, source);
  assert.ok(detected);
  const plan = await planTestFile(files, source, detected);
  return findClosestTestFile(files, plan.path, detected);
}

describe('findClosestTestFile: the style example for the prompt', () => {
  const cases: [string, string][] = [
    ['jest/src/pricing/discount.js', 'jest/src/pricing/tax.test.js'],
    ['vitest/src/api/client.ts', 'vitest/src/utils/__tests__/format.spec.ts'],
    ['mocha/lib/report/summary.js', 'mocha/test/report/format.spec.js'],
    ['node-test/src/limits.js', 'node-test/test/queue.test.js'],
    ['pytest/src/invoice/totals.py', 'pytest/tests/test_models.py'],
    ['unittest/calc/stats.py', 'unittest/tests/test_ops.py'],
    ['go/cart/cart.go', 'go/ratelimit/bucket_test.go'],
    ['cargo/src/text/normalize.rs', 'cargo/src/lib.rs'],
    ['maven/src/main/java/com/example/shop/Pricing.java', 'maven/src/test/java/com/example/shop/CartTest.java'],
  ];
  for (const [source, example] of cases) {
    it(`${source} -> ${example}`, async () => {
      assert.equal(await exampleFor(source), example);
    });
  }

  it('is undefined where the project has no tests', async () => {
    assert.equal(await exampleFor('empty-node/src/index.js'), undefined);
    assert.equal(await exampleFor('gradle/src/main/java/com/example/app/App.java'), undefined);
  });

  it('prefers the same folder, then skips a nearer test written for another runner', async () => {
    const files = memoryFiles({
      'package.json': JSON.stringify({ scripts: { test: 'jest' }, devDependencies: { jest: '^30', vitest: '^3' } }),
      'src/a/near.test.ts': "import { it } from 'vitest';",
      'src/a/x.ts': '',
      'src/b/far.test.ts': "test('x', () => {});",
      'src/deeper/nested/far2.test.ts': "test('y', () => {});",
    });
    assert.equal(await exampleFor('src/a/x.ts', files), 'src/b/far.test.ts');
  });

  it('measures folder distance in steps', () => {
    assert.equal(folderDistance('a/b', 'a/b'), 0);
    assert.equal(folderDistance('a/b', 'a/c/d'), 3);
    assert.equal(folderDistance('', 'x'), 1);
  });
});
