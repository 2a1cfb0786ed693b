import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkRealPath, resolveUnderRoot } from '../../../src/core/edits';

describe('path safety', () => {
  const root = path.resolve('/work/project');

  it('resolves relative paths under the root and refuses escapes', () => {
    assert.deepEqual(resolveUnderRoot(root, 'src/a.ts'), { ok: true, absolute: path.join(root, 'src/a.ts'), relative: 'src/a.ts' });
    assert.deepEqual(resolveUnderRoot(root, 'src\\b.ts'), { ok: true, absolute: path.join(root, 'src/b.ts'), relative: 'src/b.ts' });
    assert.equal(resolveUnderRoot(root, path.join(root, 'src/c.ts')).ok, true, 'an absolute path inside the root is fine');
    for (const bad of ['../x.ts', 'src/../../x.ts', '/etc/passwd', '~/.ssh/id_rsa', 'C:\\Windows\\x', '', '.', 'a\0b']) {
      assert.equal(resolveUnderRoot(root, bad).ok, false, bad);
    }
  });

  it('follows symlinks on disk: a link inside the root is fine, one leading out is refused', async () => {
    const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'tandem-safe-')));
    try {
      const workspace = path.join(base, 'ws');
      mkdirSync(path.join(workspace, 'real'), { recursive: true });
      mkdirSync(path.join(base, 'outside'));
      symlinkSync(path.join(workspace, 'real'), path.join(workspace, 'inner'));
      symlinkSync(path.join(base, 'outside'), path.join(workspace, 'escape'));
      assert.equal((await checkRealPath(workspace, path.join(workspace, 'inner/new.ts'), realpath)).ok, true);
      assert.equal((await checkRealPath(workspace, path.join(workspace, 'missing/dir/new.ts'), realpath)).ok, true);
      const escaped = await checkRealPath(workspace, path.join(workspace, 'escape/new.ts'), realpath);
      assert.equal(escaped.ok, false);
      assert.match(!escaped.ok ? escaped.reason : '', /symbolic link/);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
