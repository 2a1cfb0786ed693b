// Builds the three bundles Tandem ships (extension host, CLI, webview) and, with --tests, the
// integration suite that runs inside VS Code. --production minifies and drops source maps;
// --watch rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lazyChunkBuilds, lazyChunksPlugin } from './scripts/lazy-chunks.mjs';
import { sharedVscodePlugin } from './scripts/shared-vscode.mjs';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const withTests = args.has('--tests') || watch;

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'warning',
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  { ...nodeCommon, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [lazyChunksPlugin, sharedVscodePlugin] },
  { ...nodeCommon, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [lazyChunksPlugin] },
  ...lazyChunkBuilds('dist', nodeCommon),
];

// Every webview has its own browser bundle: media/<view>/main.ts -> dist/webview/<view>.js
const mediaDir = 'media';
for (const view of existsSync(mediaDir) ? readdirSync(mediaDir) : []) {
  const entry = path.join(mediaDir, view, 'main.ts');
  if (!existsSync(entry)) continue;
  builds.push({
    bundle: true, platform: 'browser', target: 'es2022', format: 'iife', minify: production,
    sourcemap: production ? false : 'linked', logLevel: 'warning',
    entryPoints: [entry], outfile: `dist/webview/${view}.js`,
  });
}

if (withTests) {
  builds.push({
    ...nodeCommon, minify: false, sourcemap: 'inline',
    entryPoints: ['test/integration/index.ts'], outfile: 'out/test/integration/index.js',
    external: ['vscode', 'mocha'],
  }, {
    // The multi-root run's suite (scripts/vscode-host/run-integration.mjs --multi-root).
    ...nodeCommon, minify: false, sourcemap: 'inline',
    entryPoints: ['test/integration/multiRoot/index.ts'], outfile: 'out/test/integration/multiRoot/index.js',
    external: ['vscode', 'mocha'],
  });
}

// A package build must not carry a dev build's source maps along.
if (production) rmSync('dist', { recursive: true, force: true });

// The knowledge index's tree-sitter runtime and grammars, loaded from disk on first use (never
// bundled): dist/grammars, the grammars brotli-compressed (half the .vsix bytes of plain .wasm).
// Compressing takes ~45 s, so the results are kept in node_modules/.cache across clean builds.
const grammarSource = 'node_modules/@vscode/tree-sitter-wasm/wasm';
const grammarCache = 'node_modules/.cache/tandem-grammars';
const grammars = ['typescript', 'tsx', 'javascript', 'python', 'go', 'rust', 'java', 'c-sharp', 'cpp', 'ruby', 'php'];
mkdirSync('dist/grammars', { recursive: true });
mkdirSync(grammarCache, { recursive: true });
for (const file of ['tree-sitter.js', 'tree-sitter.wasm']) copyFileSync(path.join(grammarSource, file), path.join('dist/grammars', file));
for (const name of grammars) {
  const from = path.join(grammarSource, `tree-sitter-${name}.wasm`);
  const packed = path.join(grammarCache, `tree-sitter-${name}.wasm.br`);
  if (!existsSync(packed) || statSync(packed).mtimeMs < statSync(from).mtimeMs) {
    writeFileSync(packed, brotliCompressSync(readFileSync(from), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_LGWIN]: 24 } }));
  }
  copyFileSync(packed, path.join('dist/grammars', path.basename(packed)));
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log(`[watch] rebuilding ${builds.length} bundles on change`);
} else {
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`built ${builds.map((b) => b.outfile).join(', ')} in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}
