// `npm run package`: production bundles, then tandem-<version>.vsix with @vscode/vsce.
// Dependencies are inlined by esbuild, so vsce packs no node_modules (--no-dependencies).
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, `tandem-${version}.vsix`);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

execFileSync(process.execPath, [path.join(root, 'esbuild.config.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
execFileSync(bin('vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--out', out], { cwd: root, stdio: 'inherit' });
const bytes = statSync(out).size;
console.log(`${path.basename(out)}: ${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`);
