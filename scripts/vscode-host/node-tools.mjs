// Finds a dev dependency's command-line script so we can run it with this Node directly: no
// shell, no npx, the same on every platform.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from './paths.mjs';

/** @param {string} pkg package name @param {string} bin name in its "bin" field @returns {string} absolute path */
export function toolScript(pkg, bin) {
  const require = createRequire(path.join(REPO_ROOT, 'package.json'));
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const { bin: bins } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const relative = typeof bins === 'string' ? bins : bins?.[bin];
  if (!relative) throw new Error(`${pkg} has no "${bin}" command`);
  return path.join(path.dirname(manifestPath), relative);
}
