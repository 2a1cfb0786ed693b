// `npm run package`: production bundles, then tandem-<version>.vsix with @vscode/vsce.
// Dependencies are inlined by esbuild, so vsce packs no node_modules (--no-dependencies).
// `npm start` packages the same way and installs the result, so it runs what users install.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** @returns {string} where `npm run package` writes: tandem-<version>.vsix in the repo root */
export function defaultVsixPath() {
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  return path.join(root, `tandem-${version}.vsix`);
}

/**
 * Builds (unless `build` is false: pack dist/ as it is) and packs the extension.
 * @param {{ outFile?: string, build?: boolean, quiet?: boolean }} [options]
 *   build: false packs the current dist/ (a test run must not wipe the bundles the running
 *   workbench still serves); quiet: no vsce file listing.
 * @returns {{ file: string, bytes: number }}
 */
export function packageVsix({ outFile = defaultVsixPath(), build = true, quiet = false } = {}) {
  const stdio = quiet ? 'pipe' : 'inherit';
  if (build) execFileSync(process.execPath, [path.join(root, 'esbuild.config.mjs'), '--production'], { cwd: root, stdio });
  // The README's screenshots are relative links; without a repository URL vsce would refuse to rewrite them.
  execFileSync(bin('vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', outFile], { cwd: root, stdio });
  return { file: outFile, bytes: statSync(outFile).size };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { file, bytes } = packageVsix();
  console.log(`${path.basename(file)}: ${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`);
}
