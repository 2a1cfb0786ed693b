import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { nodeOutboundGate } from '../../../src/core/context';
import { completionContext, indexDifferences, indexWorkspaceFile, IndexStore, openIndex, statWorkspaceFile, TreeSitterLoader, walkWorkspace } from '../../../src/core/knowledge';
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
    const [head, search] = gunzipSync(readFileSync(store.file)).toString('utf8').split('\n');
    writeFileSync(store.file, gzipSync(`${JSON.stringify({ ...(JSON.parse(head!) as object), format: 0 })}\n${search}`));
    assert.equal((await open()).fromStore, false);
    writeFileSync(store.file, readFileSync(store.file).subarray(0, 200));
    assert.equal((await open()).fromStore, false, 'a cut-off gzip file');
  });

  it('is saved compact: gzip-compressed, no key names per definition, the language not stored, well under its plain JSON', async () => {
    const { index } = await open();
    const bytes = readFileSync(store.file);
    assert.deepEqual([bytes[0], bytes[1]], [0x1f, 0x8b], 'gzip magic');
    const [head = ''] = gunzipSync(bytes).toString('utf8').split('\n');
    assert.doesNotMatch(head, /"summary"|"range"|"language"|"definitions"/);
    const plain = JSON.stringify({ files: [...index.files()], search: JSON.parse(JSON.stringify(index.toJSON().search)) as unknown });
    assert.ok(bytes.length * 3 < plain.length, `${bytes.length} bytes saved vs ${plain.length} as plain JSON`);
    // What is decoded is what was indexed.
    const again = await open();
    for (const file of index.files()) assert.deepEqual(again.index.file(file.path), file);
  });

  it('reads the saved full-text index only when a question needs it, with the changes made before then', async () => {
    await open();
    const { index } = await open();
    const gate = await nodeOutboundGate(workspace.root);
    assert.equal((index as unknown as { chunks: { loaded: boolean } }).chunks.loaded, false, 'not parsed at reopening');
    workspace.write('src/net/retry.ts', '/** Waits with jitter between attempts. */\nexport function jitteredPause(ms: number) { return ms; }\n');
    const stat = statSync(path.join(workspace.root, 'src/net/retry.ts'));
    await indexWorkspaceFile(index, loader, gate, { path: 'src/net/retry.ts', size: stat.size, mtimeMs: stat.mtimeMs });
    index.removeFile('src/db/database.ts');
    assert.deepEqual(index.searchChunks('backoff sleep', 5).filter((h) => h.path === 'src/net/retry.ts'), [], 'the old chunks went');
    assert.equal(index.searchChunks('jittered pause', 5)[0]?.path, 'src/net/retry.ts');
    assert.ok(!index.searchChunks('table key value store', 10).some((h) => h.path === 'src/db/database.ts'));
    assert.ok(index.searchChunks('user repository', 5).some((h) => h.path === 'src/users/userRepository.ts'), 'untouched files are still found');
  });

  it('reopening after a few files changed saves them without parsing the full-text index, and a later question sees them', async () => {
    await open();
    workspace.write('src/net/retry.ts', '/** Waits with jitter between attempts. */\nexport function jitteredPause(ms: number) { return ms; }\n');
    utimesSync(path.join(workspace.root, 'src/net/retry.ts'), new Date(), new Date(Date.now() + 5_000));
    unlinkSync(path.join(workspace.root, 'src/db/database.ts'));
    const changed = await open();
    assert.deepEqual([changed.parsed, changed.removed], [1, 1]);
    assert.equal((changed.index as unknown as { chunks: { loaded: boolean } }).chunks.loaded, false, 'saved without parsing it');
    const again = await open();
    assert.equal(again.parsed, 0);
    assert.equal(again.index.searchChunks('jittered pause', 5)[0]?.path, 'src/net/retry.ts');
    assert.deepEqual(again.index.searchChunks('backoff sleep', 5).filter((h) => h.path === 'src/net/retry.ts'), []);
    assert.ok(!again.index.searchChunks('table key value store', 10).some((h) => h.path === 'src/db/database.ts'));
    assert.ok(again.index.searchChunks('user repository', 5).some((h) => h.path === 'src/users/userRepository.ts'));
  });

  it('a name defined in many files keeps its other definers when one of them changes or goes', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 30; i++) many[`src/m${i}.ts`] = `export class Store${i} {\n  load(id: string) { return id; }\n}\nexport function load() {}\n`;
    workspace.dispose();
    workspace = makeWorkspace(many);
    store = IndexStore.forWorkspace(workspace.root, { TANDEM_CACHE_DIR: cache });
    const { index } = await open();
    const gate = await nodeOutboundGate(workspace.root);
    assert.equal(index.definitionsOf('load').length, 60);
    for (const k of [0, 29, 7, 15]) {
      workspace.write(`src/m${k}.ts`, `export function load() {}\n`);
      const stat = statSync(path.join(workspace.root, `src/m${k}.ts`));
      await indexWorkspaceFile(index, loader, gate, { path: `src/m${k}.ts`, size: stat.size, mtimeMs: stat.mtimeMs });
    }
    index.removeFile('src/m3.ts');
    const refs = index.definitionsOf('load');
    assert.equal(refs.length, 60 - 4 - 2);
    assert.equal(new Set(refs.map((r) => `${r.path}#${r.index}`)).size, refs.length, 'no definition listed twice');
    assert.ok(!refs.some((r) => r.path === 'src/m3.ts'));
    assert.deepEqual(refs.filter((r) => r.path === 'src/m7.ts').map((r) => r.definition.container), [undefined]);
    assert.equal(refs.filter((r) => r.path === 'src/m8.ts').length, 2);
    index.removeFile('src/m7.ts');
    assert.equal(index.definitionsOf('load').length, 53);
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
  it('lists what a fresh walk finds that the index does not match: new, changed and deleted files (what a missed watcher event leaves behind)', async () => {
    const { index } = await open();
    const gate = await nodeOutboundGate(workspace.root);
    assert.deepEqual(indexDifferences(index, (await walkWorkspace(workspace.root, gate)).files), { changed: [], removed: [] });

    workspace.write('src/new.ts', 'export const fresh = 1;\n');
    workspace.write('src/net/retry.ts', 'export function retryForever() {}\n');
    utimesSync(path.join(workspace.root, 'src/net/retry.ts'), new Date(), new Date(Date.now() + 5_000));
    unlinkSync(path.join(workspace.root, 'tools/helper.py'));
    const { changed, removed } = indexDifferences(index, (await walkWorkspace(workspace.root, gate)).files);
    assert.deepEqual(changed.map((f) => f.path).sort(), ['src/net/retry.ts', 'src/new.ts']);
    assert.deepEqual(removed, ['tools/helper.py']);
  });

  it('an incremental update records the file as the walk states it, so the next walk does not parse it again', async () => {
    const { index } = await open();
    const gate = await nodeOutboundGate(workspace.root);
    workspace.write('src/net/retry.ts', 'export function retryForever() {}\n');
    const file = await statWorkspaceFile(workspace.root, 'src/net/retry.ts');
    assert.ok(file);
    assert.equal(await indexWorkspaceFile(index, loader, gate, file), 'indexed');
    assert.deepEqual(indexDifferences(index, (await walkWorkspace(workspace.root, gate)).files), { changed: [], removed: [] });
    assert.equal(await statWorkspaceFile(workspace.root, 'src/missing.ts'), undefined);
    assert.equal(await statWorkspaceFile(workspace.root, 'src'), undefined, 'a folder is not a file');
    assert.equal(await statWorkspaceFile(workspace.root, 'src/net/retry.ts', { maxFileBytes: 4, maxFiles: 10 }), undefined, 'too large for the index');
  });
});
