// What the extension bundle evaluates when VS Code loads it (budget 50 ms with activate(); see
// bench/activation): the modules reached by static imports from src/extension.ts. Heavy code must be
// reached only through require()/import() at first use, and the vscode API namespace built once.
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';

const root = path.join(__dirname, '../../..');

async function plugin(file: string, name: string): Promise<Plugin> {
  const module = (await import(pathToFileURL(path.join(root, 'scripts', file)).href)) as Record<string, Plugin>;
  const found = module[name];
  if (!found) throw new Error(`${file} exports no ${name}`);
  return found;
}

describe('the extension bundle at activation', function () {
  this.timeout(60_000);
  let code = '';
  let staticallyReached: string[] = [];

  before(async () => {
    const result = await build({
      entryPoints: [path.join(root, 'src/extension.ts')], outfile: path.join(root, 'out/activation-path/extension.js'), write: false, metafile: true,
      bundle: true, platform: 'node', target: 'node18', format: 'cjs', external: ['vscode'], logLevel: 'silent', absWorkingDir: root,
      plugins: [await plugin('lazy-chunks.mjs', 'lazyChunksPlugin'), await plugin('shared-vscode.mjs', 'sharedVscodePlugin')],
    });
    code = result.outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '';
    staticallyReached = reachedByStaticImports(result.metafile, 'src/extension.ts');
  });

  it('builds the vscode API namespace once, not once per importing module', () => {
    assert.equal(code.match(/require\("vscode"\)/g)?.length, 1);
  });

  it('does not evaluate the settings validator, the ignore matcher, the JSONC parser or the model client', () => {
    for (const heavy of ['node_modules/zod/', 'node_modules/ignore/', 'node_modules/jsonc-parser/', 'src/core/config/schema.ts', 'src/core/llm/client.ts', 'src/core/mcp/results.ts', 'src/core/chat/fileFilter.ts']) {
      assert.deepEqual(staticallyReached.filter((module) => module.startsWith(heavy)), [], `${heavy} is on the activation path`);
    }
  });
});

function reachedByStaticImports(metafile: Metafile, entry: string): string[] {
  const reached = new Set([entry]);
  const queue = [entry];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const imported of metafile.inputs[next]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || imported.external || reached.has(imported.path)) continue;
      reached.add(imported.path);
      queue.push(imported.path);
    }
  }
  return [...reached];
}
