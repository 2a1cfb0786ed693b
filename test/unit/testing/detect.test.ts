import assert from 'node:assert/strict';
import { detectFrameworkFor, detectTestFrameworks, findProjectRoot, nodeWorkspaceFiles } from '../../../src/core/testing';
import { workspacesDir } from './fixtures';

const workspace = nodeWorkspaceFiles(workspacesDir);

async function best(root: string): Promise<{ framework: string; evidence: string[]; fallback?: boolean }> {
  const [first] = await detectTestFrameworks(workspace, root);
  assert.ok(first, `nothing detected in ${root}`);
  return first;
}

describe('detectTestFrameworks on fixture workspaces', () => {
  const cases: [string, string, RegExp][] = [
    ['jest', 'jest', /scripts\.test runs jest/],
    ['vitest', 'vitest', /vitest\.config\.ts exists/],
    ['mocha', 'mocha', /\.mocharc\.json exists/],
    ['node-test', 'node-test', /existing tests import node:test/],
    ['pytest', 'pytest', /pyproject\.toml has \[tool\.pytest\.ini_options\]/],
    ['unittest', 'unittest', /subclass unittest\.TestCase/],
    ['go', 'go', /go\.mod exists \(module example\.com\/shop\)/],
    ['cargo', 'cargo', /Cargo\.toml exists/],
    ['maven', 'junit', /pom\.xml exists/],
    ['gradle', 'junit', /build\.gradle\.kts exists/],
  ];
  for (const [root, framework, reason] of cases) {
    it(`${root}: ${framework}`, async () => {
      const found = await best(root);
      assert.equal(found.framework, framework);
      assert.ok(found.evidence.some((e) => reason.test(e)), found.evidence.join('; '));
      assert.equal(found.fallback, undefined);
    });
  }

  it('the details the commands need: Go module, JUnit generation, build tool and wrapper', async () => {
    assert.equal((await detectTestFrameworks(workspace, 'go'))[0]?.goModule, 'example.com/shop');
    const maven = (await detectTestFrameworks(workspace, 'maven'))[0];
    assert.deepEqual([maven?.buildTool, maven?.junitVersion, maven?.gradleWrapper], ['maven', 5, undefined]);
    const gradle = (await detectTestFrameworks(workspace, 'gradle'))[0];
    assert.deepEqual([gradle?.buildTool, gradle?.junitVersion, gradle?.gradleWrapper], ['gradle', 4, true]);
  });

  it('falls back to node:test for a JS project without any runner, and says so', async () => {
    const found = await best('empty-node');
    assert.equal(found.framework, 'node-test');
    assert.equal(found.fallback, true);
  });

  it('finds nothing in a folder that is no project', async () => {
    assert.deepEqual(await detectTestFrameworks(workspace, 'mixed/packages/web/src'), []);
  });
});

describe('detectFrameworkFor: per file, in a mixed monorepo', () => {
  it('resolves each file to the nearest project of its language', async () => {
    assert.equal(await findProjectRoot(workspace, 'mixed/packages/web/src/slug.ts'), 'mixed/packages/web');
    assert.equal(await findProjectRoot(workspace, 'mixed/services/billing/billing/charge.py'), 'mixed/services/billing');
    assert.equal(await findProjectRoot(workspace, 'go/ratelimit/bucket.go'), 'go');
  });

  it('vitest for the web package, jest (package.json "jest" section) for the api, pytest (setup.cfg) for billing', async () => {
    const web = await detectFrameworkFor(workspace, 'mixed/packages/web/src/slug.ts');
    assert.deepEqual([web?.framework, web?.root], ['vitest', 'mixed/packages/web']);
    const api = await detectFrameworkFor(workspace, 'mixed/packages/api/src/routes.ts');
    assert.deepEqual([api?.framework, api?.root], ['jest', 'mixed/packages/api']);
    assert.ok(api?.evidence.includes('package.json has a "jest" section'));
    const billing = await detectFrameworkFor(workspace, 'mixed/services/billing/billing/charge.py');
    assert.deepEqual([billing?.framework, billing?.root], ['pytest', 'mixed/services/billing']);
  });

  it('has no framework for a file in no test language', async () => {
    assert.equal(await detectFrameworkFor(workspace, 'jest/package.json'), undefined);
  });
});
