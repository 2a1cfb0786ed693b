import assert from 'node:assert/strict';
import { detectFrameworkFor, nodeWorkspaceFiles, planTestFile, type TestFilePlan } from '../../../src/core/testing';
import { workspacesDir } from './fixtures';
import { memoryFiles } from './memoryFiles';

const workspace = nodeWorkspaceFiles(workspacesDir);

async function planFor(source: string, files = workspace): Promise<TestFilePlan> {
  const detected = await detectFrameworkFor(files, source);
  assert.ok(detected, `no framework for ${source}`);
  return planTestFile(files, source, detected);
}

describe('planTestFile on fixture workspaces', () => {
  const cases: [string, string, 'create' | 'extend'][] = [
    // jest: tests beside the sources; one exists already.
    ['jest/src/cart.js', 'jest/src/cart.test.js', 'extend'],
    ['jest/src/pricing/discount.js', 'jest/src/pricing/discount.test.js', 'create'],
    // vitest: __tests__ folders and .spec naming, also where a folder has no tests yet.
    ['vitest/src/utils/parse.ts', 'vitest/src/utils/__tests__/parse.spec.ts', 'create'],
    ['vitest/src/api/client.ts', 'vitest/src/api/__tests__/client.spec.ts', 'create'],
    // mocha: a test/ tree mirroring lib/.
    ['mocha/lib/inventory.js', 'mocha/test/inventory.spec.js', 'extend'],
    ['mocha/lib/report/summary.js', 'mocha/test/report/summary.spec.js', 'create'],
    // node:test: a flat test/ folder.
    ['node-test/src/queue.js', 'node-test/test/queue.test.js', 'extend'],
    ['node-test/src/limits.js', 'node-test/test/limits.test.js', 'create'],
    // pytest and unittest: tests/test_<module>.py.
    ['pytest/src/invoice/models.py', 'pytest/tests/test_models.py', 'extend'],
    ['pytest/src/invoice/totals.py', 'pytest/tests/test_totals.py', 'create'],
    ['unittest/calc/ops.py', 'unittest/tests/test_ops.py', 'extend'],
    ['unittest/calc/stats.py', 'unittest/tests/test_stats.py', 'create'],
    // Go: <name>_test.go beside the code.
    ['go/ratelimit/bucket.go', 'go/ratelimit/bucket_test.go', 'extend'],
    ['go/cart/cart.go', 'go/cart/cart_test.go', 'create'],
    // Rust: the file's own mod tests; an integration test is its own test file.
    ['cargo/src/text/normalize.rs', 'cargo/src/text/normalize.rs', 'extend'],
    ['cargo/tests/integration.rs', 'cargo/tests/integration.rs', 'extend'],
    // Maven and Gradle: src/test/java mirrors src/main/java.
    ['maven/src/main/java/com/example/shop/Cart.java', 'maven/src/test/java/com/example/shop/CartTest.java', 'extend'],
    ['maven/src/main/java/com/example/shop/Pricing.java', 'maven/src/test/java/com/example/shop/PricingTest.java', 'create'],
    ['gradle/src/main/java/com/example/app/App.java', 'gradle/src/test/java/com/example/app/AppTest.java', 'create'],
    // Monorepo package with __tests__; a project without tests gets the runner's default.
    ['mixed/packages/api/src/routes.ts', 'mixed/packages/api/src/__tests__/routes.test.ts', 'extend'],
    ['empty-node/src/index.js', 'empty-node/src/index.test.js', 'create'],
  ];
  for (const [source, path, mode] of cases) {
    it(`${source} -> ${mode} ${path}`, async () => {
      const plan = await planFor(source);
      assert.deepEqual([plan.path, plan.mode, plan.exists], [path, mode, mode === 'extend']);
      assert.ok(plan.convention.length > 0);
    });
  }

  it('explains a convention taken from the existing tests, and a default', async () => {
    assert.equal((await planFor('vitest/src/api/client.ts')).convention, 'in a __tests__/ folder next to the source, as the existing tests are');
    assert.equal((await planFor('empty-node/src/index.js')).convention, "next to the source (node-test's default; no tests yet)");
  });

  it('a test file given as the source is extended itself', async () => {
    const plan = await planFor('jest/src/pricing/tax.test.js');
    assert.deepEqual([plan.path, plan.mode], ['jest/src/pricing/tax.test.js', 'extend']);
  });
});

describe('planTestFile: conventions from the existing tests', () => {
  const pkg = JSON.stringify({ scripts: { test: 'jest' } });

  it('follows the majority when the source folder has no tests, the neighbours when it has', async () => {
    const files = memoryFiles({
      'package.json': pkg,
      'src/a/x.ts': '', 'src/a/x.test.ts': '', 'src/b/y.ts': '', 'src/b/__tests__/y.test.ts': '', 'src/c/z.ts': '', 'src/c/__tests__/z.test.ts': '',
      'src/a/new.ts': '', 'src/d/new.ts': '',
    });
    assert.equal((await planFor('src/a/new.ts', files)).path, 'src/a/new.test.ts');
    assert.equal((await planFor('src/d/new.ts', files)).path, 'src/d/__tests__/new.test.ts');
  });

  it('uses the tests\' extension when none of them shares the source\'s', async () => {
    const files = memoryFiles({ 'package.json': pkg, 'src/a.ts': '', 'test/b.test.mjs': '' });
    assert.equal((await planFor('src/a.ts', files)).path, 'test/a.test.mjs');
  });

  it('finds an existing test under another layout than the usual one, and extends it', async () => {
    const files = memoryFiles({ 'package.json': pkg, 'src/a.ts': '', 'src/a.test.ts': '', 'src/b.ts': '', 'test/b.spec.ts': '' });
    const plan = await planFor('src/b.ts', files);
    assert.deepEqual([plan.path, plan.mode], ['test/b.spec.ts', 'extend']);
  });

  it('python: suffix naming and colocated tests folders', async () => {
    const files = memoryFiles({ 'pytest.ini': '[pytest]\n', 'pkg/core.py': '', 'pkg/tests/core_test.py': '', 'pkg/util.py': '' });
    assert.equal((await planFor('pkg/util.py', files)).path, 'pkg/tests/util_test.py');
  });
});
