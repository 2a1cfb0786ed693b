import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeOutboundGate } from '../../../../src/core/context/nodeOutboundGate';
import type { OutboundGate } from '../../../../src/core/context/outboundGate';
import { insideGitFolder, resolveToolPath } from '../../../../src/core/agent/safety/workspacePath';

describe('resolveToolPath: every tool path stays inside the workspace', () => {
  let sandbox: string;
  let root: string;
  let outside: string;
  let gate: OutboundGate;
  const read = (candidate: string) => resolveToolPath(root, candidate, gate, { forWrite: false });
  const write = (candidate: string) => resolveToolPath(root, candidate, gate, { forWrite: true });
  const refused = async (result: Promise<{ ok: boolean; reason?: string }>, pattern: RegExp) => {
    const value = await result;
    assert.equal(value.ok, false, JSON.stringify(value));
    assert.match(value.reason ?? '', pattern);
  };

  beforeEach(async () => {
    sandbox = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'tandem-paths-')));
    root = path.join(sandbox, 'project');
    outside = path.join(sandbox, 'outside');
    mkdirSync(path.join(root, 'src'), { recursive: true });
    mkdirSync(path.join(root, '.git'), { recursive: true });
    mkdirSync(path.join(root, 'vendor', 'lib', '.git'), { recursive: true });
    mkdirSync(path.join(outside, 'dir'), { recursive: true });
    writeFileSync(path.join(root, 'src', 'a.ts'), 'export {};\n');
    writeFileSync(path.join(root, '.env'), 'TOKEN=x\n');
    writeFileSync(path.join(root, '.gitignore'), 'dist/\n');
    writeFileSync(path.join(outside, 'secret.txt'), 'secret\n');
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'leak.txt'));
    symlinkSync(path.join(outside, 'dir'), path.join(root, 'linked'));
    symlinkSync(path.join(outside, 'missing.txt'), path.join(root, 'dangling.txt'));
    symlinkSync('src/a.ts', path.join(root, 'alias.ts'));
    symlinkSync('.env', path.join(root, 'settings.txt'));
    symlinkSync('.git', path.join(root, 'gitlink'));
    gate = await nodeOutboundGate(root);
  });
  afterEach(() => rmSync(sandbox, { recursive: true, force: true }));

  it('accepts paths inside, relative or absolute, for reading and writing', async () => {
    assert.deepEqual(await read('src/a.ts'), { ok: true, absolute: path.join(root, 'src', 'a.ts'), relative: 'src/a.ts' });
    assert.deepEqual(await write('./src/new/b.ts'), { ok: true, absolute: path.join(root, 'src', 'new', 'b.ts'), relative: 'src/new/b.ts' });
    assert.equal((await read(path.join(root, 'src', 'a.ts'))).ok, true);
    assert.equal((await read('src/../src/a.ts')).ok, true);
  });

  it('the workspace folder itself may be listed, not written', async () => {
    assert.deepEqual(await read('.'), { ok: true, absolute: root, relative: '' });
    assert.deepEqual(await read(''), { ok: true, absolute: root, relative: '' });
    await refused(write('.'), /workspace folder itself/);
  });

  it('refuses absolute paths elsewhere, .. escapes and the home directory', async () => {
    await refused(read('/etc/passwd'), /outside the workspace/);
    await refused(read('../outside/secret.txt'), /outside the workspace/);
    await refused(read('src/../../outside/secret.txt'), /outside the workspace/);
    await refused(write('~/.bashrc'), /home directory/);
    await refused(read('C:\\Windows\\win.ini'), /outside the workspace|Windows/);
  });

  it('refuses a symbolic link to a file outside, for reading and writing', async () => {
    await refused(read('leak.txt'), /symbolic link/);
    await refused(write('leak.txt'), /symbolic link/);
  });

  it('refuses a symbolic link to a folder outside, and new files under it', async () => {
    await refused(read('linked'), /symbolic link/);
    await refused(write('linked/new.txt'), /symbolic link/);
    await refused(write('linked/deep/er/new.txt'), /symbolic link/);
  });

  it('refuses a dangling link that a write would follow outside', async () => {
    await refused(write('dangling.txt'), /symbolic link/);
  });

  it('refuses a path under a parent folder that became a link after the gate was built', async () => {
    mkdirSync(path.join(root, 'build'));
    assert.equal((await write('build/out/x.txt')).ok, true);
    rmSync(path.join(root, 'build'), { recursive: true });
    symlinkSync(outside, path.join(root, 'build'));
    await refused(write('build/out/x.txt'), /symbolic link/);
  });

  it('follows links inside the workspace, and asks the gate about the real file too', async () => {
    assert.deepEqual(await read('alias.ts'), { ok: true, absolute: path.join(root, 'alias.ts'), relative: 'alias.ts' });
    await refused(read('settings.txt'), /sensitive/);
  });

  it('refuses ignored and sensitive files, whatever their case', async () => {
    await refused(read('.env'), /sensitive/);
    await refused(read('.ENV'), /sensitive/);
    await refused(read('dist/bundle.js'), /\.gitignore/);
    await refused(write('.env'), /may not change it either/);
  });

  it('never writes inside a .git folder, at any depth, in any case, through any link', async () => {
    await refused(write('.git/config'), /\.git folder/);
    await refused(write('.git'), /\.git folder/);
    await refused(write('.GIT/HEAD'), /\.git folder/);
    await refused(write('vendor/lib/.git/hooks/pre-commit'), /\.git folder/);
    await refused(write('gitlink/config'), /\.git folder/);
    await refused(write('src/../.git/index'), /\.git folder/);
    assert.equal((await write('.github/workflows/ci.yml')).ok, true);
    assert.equal((await write('src/.gitkeep')).ok, true);
  });

  it('recognises the names Windows and macOS give the same .git folder', () => {
    for (const p of ['.git', '.Git/config', '.git./config', '.git /x', '.git::$INDEX_ALLOCATION/x', 'a\\.git\\HEAD', 'GIT~1/config']) assert.equal(insideGitFolder(p), true, p);
    for (const p of ['.github/x', '.gitignore', 'src/git.ts', '.gitattributes', 'my.git/x']) assert.equal(insideGitFolder(p), false, p);
  });
});
