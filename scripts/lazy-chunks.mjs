// Heavy dependencies the bundles load on first use from a file of their own next to them, so
// starting Tandem does not parse them (activation budget 50 ms). A chunk is an esbuild entry of its
// own; in the extension and CLI bundles `require('<package>')` becomes `require('./<chunk>.js')`.
// Unbundled runs (tsx in unit tests) resolve the package itself, so the source needs no switch.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * package name -> the file it is built into, next to dist/extension.js and dist/cli.js. A package
 * the source loads with `require()` is a CommonJS chunk (.js); one it loads with `await import()`
 * an ES module (.mjs), because Node's import() of CommonJS would hand back module.exports as the
 * default export instead of the package's own default.
 */
export const LAZY_CHUNKS = {
  '@secretlint/secretlint-rule-preset-recommend': 'secretlint-preset.js',
  openai: 'openai.mjs',
};

/** Source modules built as chunks: the import specifier that loads them -> [entry file, chunk file]. */
export const LAZY_SOURCE_CHUNKS = {
  './sdkModules': ['src/core/mcp/sdkModules.ts', 'mcp-sdk.js'],
};

/** @type {import('esbuild').Plugin} */
export const lazyChunksPlugin = {
  name: 'lazy-chunks',
  setup(build) {
    const exact = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
    for (const [name, file] of Object.entries(LAZY_CHUNKS)) {
      build.onResolve({ filter: exact(name) }, () => ({ path: `./${file}`, external: true }));
    }
    for (const [specifier, [entry, file]] of Object.entries(LAZY_SOURCE_CHUNKS)) {
      const target = path.resolve(repoRoot, entry).replace(/\.ts$/, '');
      build.onResolve({ filter: exact(specifier) }, (args) =>
        (path.resolve(args.resolveDir, specifier) === target ? { path: `./${file}`, external: true } : undefined));
    }
  },
};

/**
 * The chunks' own builds into `outdir`, sharing the bundles' node options.
 * @param {string} outdir @param {import('esbuild').BuildOptions} options
 * @returns {import('esbuild').BuildOptions[]}
 */
export function lazyChunkBuilds(outdir, options) {
  const sources = Object.values(LAZY_SOURCE_CHUNKS).map(([entry, file]) => [path.resolve(repoRoot, entry), file]);
  const chunks = [...Object.entries(LAZY_CHUNKS), ...sources];
  return chunks.map(([entry, file]) => ({
    ...options, entryPoints: [entry], outfile: `${outdir}/${file}`,
    ...(file.endsWith('.mjs') ? { format: 'esm' } : {}),
  }));
}
