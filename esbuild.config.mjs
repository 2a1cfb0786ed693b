// Builds the three bundles Tandem ships (extension host, CLI, webview) and, with --tests, the
// integration suite that runs inside VS Code. --production minifies and drops source maps;
// --watch rebuilds on change.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { lazyChunkBuilds, lazyChunksPlugin } from './scripts/lazy-chunks.mjs';

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
  { ...nodeCommon, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [lazyChunksPlugin] },
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
  });
}

// A package build must not carry a dev build's source maps along.
if (production) rmSync('dist', { recursive: true, force: true });

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log(`[watch] rebuilding ${builds.length} bundles on change`);
} else {
  const started = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  console.log(`built ${builds.map((b) => b.outfile).join(', ')} in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}
