// esbuild bundles the integration suite statically, so test/integration/all.ts lists every
// *.test.ts by hand. This check names any test file that is missing from that list, so a new
// test can never be silently skipped.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths.mjs';

const SUITE_DIR = path.join(REPO_ROOT, 'test', 'integration');
const MANIFEST = path.join(SUITE_DIR, 'all.ts');

/** @param {string} dir @returns {string[]} paths relative to SUITE_DIR, '/'-separated, without .ts */
function testModules(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    // multiRoot/ is a separate run (its own index.ts, in a multi-root workspace), not part of all.ts.
    if (entry.isDirectory()) return dir === SUITE_DIR && entry.name === 'multiRoot' ? [] : testModules(full);
    if (!entry.name.endsWith('.test.ts')) return [];
    return [path.relative(SUITE_DIR, full).split(path.sep).join('/').replace(/\.ts$/, '')];
  });
}

/** @returns {string[]} test files (relative to the repo) that all.ts does not import */
export function unlistedIntegrationTests() {
  const listed = new Set(
    [...readFileSync(MANIFEST, 'utf8').matchAll(/^\s*import\s+['"]\.\/([^'"]+?)(?:\.ts)?['"]/gm)].map((match) => match[1]),
  );
  return testModules(SUITE_DIR)
    .filter((module) => !listed.has(module))
    .map((module) => `test/integration/${module}.ts`);
}

/** Throws a message naming the files to add when all.ts is incomplete. */
export function assertSuiteManifestComplete() {
  const missing = unlistedIntegrationTests();
  if (missing.length > 0) {
    throw new Error(
      `test/integration/all.ts does not import ${missing.join(', ')}. Add:\n` +
      missing.map((file) => `  import './${file.slice('test/integration/'.length, -'.ts'.length)}';`).join('\n'),
    );
  }
}
