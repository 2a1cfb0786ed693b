import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFiles, nodeWorkspaceFiles } from '../../../src/core/testing';

describe('nodeWorkspaceFiles and findFiles', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'tandem-ws-'));
    for (const path of ['src/a.test.ts', 'src/deep/b.test.ts', 'node_modules/pkg/c.test.ts', '.cache/d.test.ts', 'dist/e.test.ts', 'README.md']) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), path);
    }
    writeFileSync(join(root, '..', `${root.split('/').pop()}-outside.txt`), 'secret');
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(join(root, '..', `${root.split('/').pop()}-outside.txt`), { force: true });
  });

  it('reads, checks and lists workspace-relative paths', async () => {
    const files = nodeWorkspaceFiles(root);
    assert.equal(await files.read('src/a.test.ts'), 'src/a.test.ts');
    assert.equal(await files.read('src/missing.ts'), undefined);
    assert.equal(await files.exists('src/deep'), true);
    assert.deepEqual(await files.list('src'), [{ name: 'a.test.ts', isDirectory: false }, { name: 'deep', isDirectory: true }]);
    assert.deepEqual(await files.list('nope'), []);
  });

  it('refuses paths that leave the workspace', async () => {
    const files = nodeWorkspaceFiles(root);
    const outside = `../${root.split('/').pop()}-outside.txt`;
    assert.equal(await files.read(outside), undefined);
    assert.equal(await files.exists(outside), false);
    assert.equal(await files.read('/etc/hostname'), undefined);
    assert.deepEqual(await files.list('..'), []);
  });

  it('finds files breadth-first, skipping dependencies, build output and hidden folders, within bounds', async () => {
    const files = nodeWorkspaceFiles(root);
    assert.deepEqual(await findFiles(files, (p) => p.endsWith('.test.ts')), ['src/a.test.ts', 'src/deep/b.test.ts']);
    assert.deepEqual(await findFiles(files, (p) => p.endsWith('.test.ts'), { maxResults: 1 }), ['src/a.test.ts']);
    assert.deepEqual(await findFiles(files, (p) => p.endsWith('.test.ts'), { maxDirs: 2 }), ['src/a.test.ts']);
  });
});
