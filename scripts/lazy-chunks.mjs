// Heavy dependencies the bundles load on first use from a file of their own next to them, so
// starting Tandem does not parse them (activation budget 50 ms). A chunk is an esbuild entry of its
// own; in the extension and CLI bundles `require('<package>')` becomes `require('./<chunk>.js')`.
// Unbundled runs (tsx in unit tests) resolve the package itself, so the source needs no switch.

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

/** @type {import('esbuild').Plugin} */
export const lazyChunksPlugin = {
  name: 'lazy-chunks',
  setup(build) {
    for (const [name, file] of Object.entries(LAZY_CHUNKS)) {
      const filter = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
      build.onResolve({ filter }, () => ({ path: `./${file}`, external: true }));
    }
  },
};

/**
 * The chunks' own builds into `outdir`, sharing the bundles' node options.
 * @param {string} outdir @param {import('esbuild').BuildOptions} options
 * @returns {import('esbuild').BuildOptions[]}
 */
export function lazyChunkBuilds(outdir, options) {
  return Object.entries(LAZY_CHUNKS).map(([name, file]) => ({
    ...options, entryPoints: [name], outfile: `${outdir}/${file}`,
    ...(file.endsWith('.mjs') ? { format: 'esm' } : {}),
  }));
}
