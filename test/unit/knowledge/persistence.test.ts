import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeOutboundGate } from '../../../src/core/context';
import { completionContext, indexWorkspaceFile, IndexStore, openIndex, TreeSitterLoader } from '../../../src/core/knowledge';
import { makeWorkspace } from './workspace';

describe('knowledge: persisted and incremental index', function () {
  this.timeout(30_000);
  const loader = new TreeSitterLoader();
  let workspace: ReturnType<typeof makeWorkspace>;
  let cache: string;
  let store: IndexStore;

  beforeEach(() => {
    workspace = makeWorkspace();
    cache = mkdtempSync(path.join(os.tmpdir(), 'tandem-knowledge-cache-'));
    store = IndexStore.forWorkspace(workspace.root, { TANDEM_CACHE_DIR: cache });
  });
  afterEach(() => {
    workspace.dispose();
    rmSync(cache, { recursive: true, force: true });
  });

  const open = async () => openIndex({ root: workspace.root, gate: await nodeOutboundGate(workspace.root), store, loader });

  it('is ready from its saved copy on reopening, parsing only the files that changed and dropping deleted ones', async () => {
    const first = await open();
    assert.equal(first.fromStore, false);
    assert.equal(first.parsed, 8);
    assert.ok(statSync(store.file).size > 0);

    const again = await open();
    assert.equal(again.fromStore, true);
    assert.equal(again.parsed, 0);
    assert.equal(again.index.fileCount, 8);
    assert.equal(again.index.definitionsOf('retryWithBackoff')[0]?.definition.summary.end, 5);

    workspace.write('src/net/retry.ts', 'export function retryForever() {}\n');
    utimesSync(path.join(workspace.root, 'src/net/retry.ts'), new Date(), new Date(Date.now() + 5_000));
    unlinkSync(path.join(workspace.root, 'tools/helper.py'));
    const changed = await open();
    assert.deepEqual([changed.parsed, changed.removed, changed.reused], [1, 1, 6]);
    assert.equal(changed.index.definitionsOf('retryWithBackoff').length, 0);
    assert.equal(changed.index.definitionsOf('retryForever')[0]?.path, 'src/net/retry.ts');
    assert.equal(changed.index.file('tools/helper.py'), undefined);
  });

  it('rebuilds from scratch when the saved copy is damaged, of another format or of another folder', async () => {
    await open();
    writeFileSync(store.file, '{"format": 1, "root": "/else');
    const damaged = await open();
    assert.equal(damaged.fromStore, false);
    assert.equal(damaged.parsed, 8);
    const saved = JSON.parse(readFileSync(store.file, 'utf8')) as { format: number };
    writeFileSync(store.file, JSON.stringify({ ...saved, format: 0 }));
    assert.equal((await open()).fromStore, false);
  });

  it('updates one changed file in place: its old definitions gone, the new ones found, the lookup sees them', async () => {
    const { index } = await open();
    const gate = await nodeOutboundGate(workspace.root);
    workspace.write('src/db/database.ts', '/** Now a cache. */\nexport class Cache {\n  lookup(key: string): unknown { return key; }\n}\n');
    const stat = statSync(path.join(workspace.root, 'src/db/database.ts'));
    assert.equal(await indexWorkspaceFile(index, loader, gate, { path: 'src/db/database.ts', size: stat.size, mtimeMs: stat.mtimeMs }), 'indexed');
    assert.equal(index.definitionsOf('Database').length, 0);
    const text = 'const c = new Cache();\nc.lookup(k);\n';
    const result = completionContext(index, { path: 'src/use.ts', text, line: 2, col: 3, budget: 500 });
    assert.deepEqual(result.items.filter((i) => i.kind !== 'window').map((i) => [i.symbol, i.startLine, i.endLine]), [['Cache.lookup', 3, 3], ['Cache', 1, 2]]);

    unlinkSync(path.join(workspace.root, 'src/db/database.ts'));
    assert.equal(await indexWorkspaceFile(index, loader, gate, { path: 'src/db/database.ts', size: 0, mtimeMs: 0 }), 'removed');
    assert.equal(index.definitionsOf('Cache').length, 0);
    assert.equal(index.searchChunks('cache lookup', 5).length, 0, 'its chunks left the full-text index too');
  });

  it('leaves out files that became ignored, binary or too large', async () => {
    workspace.write('src/blob.ts', 'export const a = 1;\u0000\u0001binary');
    workspace.write('src/huge.ts', `export const big = "${'x'.repeat(1_100_000)}";\n`);
    const { index } = await open();
    assert.equal(index.file('src/blob.ts'), undefined);
    assert.equal(index.file('src/huge.ts'), undefined);
  });
});
