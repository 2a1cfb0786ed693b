import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Checkpoints } from '../../../../src/core/agent/checkpoints';
import { agentRenames, agentWrites, git, hashTree, modeOf, write } from './checkpointFixture';

const posix = process.platform !== 'win32';

(posix ? describe : describe.skip)('Checkpoints: restore puts back exactly what the agent changed', function () {
  this.timeout(30_000);
  let sandbox: string;
  let root: string;
  let taskDir: string;
  let checkpoints: Checkpoints;
  const binary = randomBytes(4096);
  const read = (relative: string) => readFileSync(path.join(root, relative));
  const text = (relative: string) => readFileSync(path.join(root, relative), 'utf8');
  const exists = (relative: string) => existsSync(path.join(root, relative));
  /** The user's git state: both repositories' .git folders, byte for byte. */
  const gitState = () => `${hashTree(path.join(root, '.git'))}:${hashTree(path.join(root, 'vendor/lib/.git'))}`;
  /** Everything the agent never touched. */
  const untouched = () => hashTree(root, (p) => ['src', 'win.txt', 'bin', 'img.bin', 'empty.txt', 'old-name.ts', 'lib', 'gone.md', 'c.txt', 'vendor/lib/x.js'].some((t) => p === t || p.startsWith(`${t}/`)));

  beforeEach(() => {
    sandbox = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'tandem-checkpoints-')));
    root = path.join(sandbox, 'project');
    taskDir = path.join(sandbox, 'state', 'tasks', 'task-1');
    mkdirSync(root);
    write(root, 'src/a.ts', 'export const a = 1;\n');
    write(root, 'win.txt', 'line one\r\nline two\r\n');
    write(root, 'bin/run.sh', '#!/bin/sh\necho run\n', 0o755);
    write(root, 'img.bin', binary);
    write(root, 'empty.txt', '');
    write(root, 'old-name.ts', 'export const old = true;\n');
    write(root, 'gone.md', '# soon deleted\n');
    write(root, '.gitignore', 'dist/\n.env\n');
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, 'commit', '-q', '-m', 'initial');
    write(root, 'vendor/lib/x.js', 'module.exports = 1;\n');
    git(path.join(root, 'vendor/lib'), 'init', '-q');
    git(path.join(root, 'vendor/lib'), 'add', '.');
    git(path.join(root, 'vendor/lib'), 'commit', '-q', '-m', 'vendored');
    write(root, 'src/a.ts', 'export const a = 2; // stashed\n');
    git(root, 'stash', '-q');
    write(root, 'empty.txt', '');
    write(root, 'staged.txt', 'staged\n');
    git(root, 'add', 'staged.txt');
    write(root, 'notes.txt', 'my untracked notes\n');
    write(root, 'dist/bundle.js', 'ignored build output\n');
    write(root, '.env', 'TOKEN=secret\n');
    checkpoints = new Checkpoints(taskDir, root);
  });
  afterEach(() => rmSync(sandbox, { recursive: true, force: true }));

  async function runTask(): Promise<void> {
    await agentWrites(checkpoints, root, 1, 'src/a.ts', 'export const a = 10;\n');
    await agentWrites(checkpoints, root, 1, 'src/new/deep/b.ts', 'export const b = 1;\n');
    await agentWrites(checkpoints, root, 1, 'gone.md', null);
    await agentWrites(checkpoints, root, 2, 'win.txt', 'line one\nline 2\n');
    await agentWrites(checkpoints, root, 2, 'bin/run.sh', '#!/bin/sh\necho changed\n', 0o644);
    await agentWrites(checkpoints, root, 2, 'img.bin', Buffer.concat([binary, Buffer.from([0, 255, 0])]));
    await agentWrites(checkpoints, root, 2, 'empty.txt', 'no longer empty\n');
    await agentRenames(checkpoints, root, 2, 'old-name.ts', 'lib/new-name.ts');
    await agentWrites(checkpoints, root, 3, 'src/a.ts', 'export const a = 30;\n');
    await agentWrites(checkpoints, root, 3, 'vendor/lib/x.js', 'module.exports = 3;\n');
    await agentWrites(checkpoints, root, 3, 'c.txt', 'created in step 3\n');
  }

  it('lists the steps from 1 with the files each changed', async () => {
    await runTask();
    const steps = await checkpoints.list();
    assert.deepEqual(steps.map((s) => s.step), [1, 2, 3]);
    assert.deepEqual(steps[0]?.files, ['src/a.ts', 'src/new/deep/b.ts', 'gone.md']);
    assert.deepEqual(steps[1]?.files, ['win.txt', 'bin/run.sh', 'img.bin', 'empty.txt', 'old-name.ts', 'lib/new-name.ts']);
    assert.ok(steps.every((s) => !Number.isNaN(Date.parse(s.createdAt))));
  });

  it('restore(1) undoes the whole task: bytes, CRLF, modes, binary, empty, renames, deletions, nested repo; the rest and .git untouched', async () => {
    const gitBefore = gitState();
    await runTask();
    write(root, 'src/new/deep/b.ts', 'export const b = 1; // the user edited this\n');
    write(root, 'notes.txt', 'my notes, edited meanwhile\n');
    write(root, 'user-file.txt', 'created by the user\n');
    const others = untouched();

    const result = await checkpoints.restore(1);

    assert.deepEqual(result.conflicts.map((c) => c.path), ['src/new/deep/b.ts']);
    assert.match(result.conflicts[0]?.reason ?? '', /edited after the agent/);
    assert.deepEqual(new Set(result.removed), new Set(['lib/new-name.ts', 'c.txt']));
    assert.deepEqual(new Set(result.restored), new Set(['src/a.ts', 'gone.md', 'win.txt', 'bin/run.sh', 'img.bin', 'empty.txt', 'old-name.ts', 'vendor/lib/x.js']));
    assert.equal(text('src/a.ts'), 'export const a = 1;\n');
    assert.equal(text('gone.md'), '# soon deleted\n');
    assert.deepEqual(read('win.txt'), Buffer.from('line one\r\nline two\r\n'));
    assert.equal(text('bin/run.sh'), '#!/bin/sh\necho run\n');
    assert.equal(modeOf(root, 'bin/run.sh'), 0o755);
    assert.deepEqual(read('img.bin'), binary);
    assert.equal(statSync(path.join(root, 'empty.txt')).size, 0);
    assert.equal(text('old-name.ts'), 'export const old = true;\n');
    assert.equal(exists('lib/new-name.ts'), false);
    assert.equal(exists('lib'), false, 'the folder the rename created is gone again');
    assert.equal(exists('c.txt'), false);
    assert.equal(text('vendor/lib/x.js'), 'module.exports = 1;\n');
    assert.equal(text('src/new/deep/b.ts'), 'export const b = 1; // the user edited this\n');
    assert.equal(untouched(), others, 'untracked, ignored and user files are exactly as they were');
    assert.equal(text('notes.txt'), 'my notes, edited meanwhile\n');
    assert.equal(gitState(), gitBefore, ".git (commits, index, stash) and the nested repository's .git are byte-identical");
    assert.match(git(root, 'stash', 'list'), /stash@\{0\}/);
    assert.match(result.safetySnapshot, /^safety-\d+$/);
  });

  it('restoring twice changes nothing the second time', async () => {
    await runTask();
    const first = await checkpoints.restore(1);
    assert.ok(first.restored.length > 0);
    const after = hashTree(root);
    const second = await checkpoints.restore(1);
    assert.deepEqual(second, { restored: [], removed: [], conflicts: [], safetySnapshot: '' });
    assert.equal(hashTree(root), after);
  });

  it('restores to the middle: steps before it stay, later ones are undone', async () => {
    await runTask();
    const result = await checkpoints.restore(3);
    assert.deepEqual(new Set(result.restored), new Set(['src/a.ts', 'vendor/lib/x.js']));
    assert.deepEqual(result.removed, ['c.txt']);
    assert.equal(text('src/a.ts'), 'export const a = 10;\n', 'back to what step 1 left');
    assert.equal(text('win.txt'), 'line one\nline 2\n', "step 2's change stays");
    await checkpoints.restore(2);
    assert.deepEqual(read('win.txt'), Buffer.from('line one\r\nline two\r\n'));
    assert.equal(text('src/a.ts'), 'export const a = 10;\n');
    assert.equal(text('src/new/deep/b.ts'), 'export const b = 1;\n');
  });

  it('the safety snapshot undoes a restore', async () => {
    await runTask();
    const afterTask = hashTree(root, (p) => p === '.git' || p.startsWith('.git/'));
    const restore = await checkpoints.restore(1);
    const undo = await checkpoints.undoRestore(restore.safetySnapshot);
    assert.deepEqual(undo.conflicts, []);
    assert.equal(hashTree(root, (p) => p === '.git' || p.startsWith('.git/')), afterTask);
    assert.equal(modeOf(root, 'bin/run.sh'), 0o644);
    assert.deepEqual((await checkpoints.safetySnapshots()).map((s) => s.restoring), ['step 1', restore.safetySnapshot]);
  });

  it('a file the user deleted, or recreated, after the agent is a conflict and kept as the user left it', async () => {
    await runTask();
    rmSync(path.join(root, 'c.txt'));
    rmSync(path.join(root, 'src/a.ts'));
    write(root, 'gone.md', 'the user wrote this one\n');
    const result = await checkpoints.restore(1);
    assert.deepEqual(result.conflicts.map((c) => c.path).sort(), ['gone.md', 'src/a.ts']);
    assert.equal(exists('src/a.ts'), false);
    assert.equal(text('gone.md'), 'the user wrote this one\n');
    assert.ok(!result.removed.includes('c.txt'), 'already gone: nothing to do, no conflict');
  });

  it('a step cut short before afterWrite is still restored, and the safety snapshot keeps what was there', async () => {
    await checkpoints.beforeWrite(1, 'src/a.ts');
    write(root, 'src/a.ts', 'half-way\n');
    const result = await checkpoints.restore(1);
    assert.deepEqual(result.restored, ['src/a.ts']);
    assert.equal(text('src/a.ts'), 'export const a = 1;\n');
    await checkpoints.undoRestore(result.safetySnapshot);
    assert.equal(text('src/a.ts'), 'half-way\n');
  });

  it('a write through a symbolic link inside the workspace is restored in the file it changed', async () => {
    symlinkSync('src/a.ts', path.join(root, 'alias.ts'));
    await agentWrites(checkpoints, root, 1, 'alias.ts', 'written through the link\n');
    assert.equal(text('src/a.ts'), 'written through the link\n');
    await checkpoints.restore(1);
    assert.equal(text('src/a.ts'), 'export const a = 1;\n');
  });

  it('stores the same bytes once: a 5 MB file checkpointed in 5 steps costs 5 MB', async () => {
    write(root, 'big.dat', randomBytes(5 * 1024 * 1024));
    for (let step = 1; step <= 5; step++) await agentWrites(checkpoints, root, step, 'big.dat', read('big.dat'));
    const blobs = path.join(taskDir, 'checkpoints', 'blobs');
    const stored = readdirSync(blobs).reduce((sum, name) => sum + statSync(path.join(blobs, name)).size, 0);
    assert.ok(stored < 5.1 * 1024 * 1024, `${stored} bytes stored`);
  });

  it('keeps its store in the task folder: nothing is added to the workspace or its .git', async () => {
    const before = readdirSync(root).sort();
    const gitBefore = gitState();
    await checkpoints.beforeWrite(1, 'src/a.ts');
    await checkpoints.afterWrite(1, 'src/a.ts');
    assert.deepEqual(readdirSync(root).sort(), before);
    assert.equal(gitState(), gitBefore);
    assert.ok(existsSync(path.join(taskDir, 'checkpoints', 'journal.json')));
  });

  it('serialises concurrent calls (parallel tool calls)', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `gen/file-${i}.txt`);
    await Promise.all(names.map((name) => agentWrites(checkpoints, root, 1, name, `${name}\n`)));
    assert.deepEqual(new Set((await checkpoints.list())[0]?.files), new Set(names));
    const result = await checkpoints.restore(1);
    assert.equal(result.removed.length, 20);
    assert.equal(exists('gen'), false);
  });

  it('refuses what it must never do, with a reason', async () => {
    await assert.rejects(checkpoints.beforeWrite(1, '.git/config'), /\.git folder/);
    await assert.rejects(checkpoints.beforeWrite(1, 'vendor/lib/.git/HEAD'), /\.git folder/);
    await assert.rejects(checkpoints.beforeWrite(1, '../outside.txt'), /outside the workspace/);
    await assert.rejects(checkpoints.beforeWrite(1, 'src'), /is a folder/);
    await assert.rejects(checkpoints.beforeWrite(0, 'src/a.ts'), /numbered from 1/);
    await assert.rejects(checkpoints.restore(1), /changed no files/);
    await agentWrites(checkpoints, root, 1, 'src/a.ts', 'x\n');
    await assert.rejects(checkpoints.restore(2), /no step 2/);
    await assert.rejects(checkpoints.undoRestore('safety-9'), /no safety snapshot safety-9/);
    assert.throws(() => new Checkpoints(path.join(root, '.git', 'tandem'), root), /inside a \.git folder/);
  });

  it('a damaged journal is an error naming the file, and nothing is touched', async () => {
    await agentWrites(checkpoints, root, 1, 'src/a.ts', 'x\n');
    writeFileSync(path.join(taskDir, 'checkpoints', 'journal.json'), '{"version": 1, "steps": [');
    await assert.rejects(checkpoints.restore(1), /journal\.json is not valid JSON; nothing was restored/);
    assert.equal(text('src/a.ts'), 'x\n');
  });

  it('a damaged blob is refused, and the file is kept and reported', async () => {
    await agentWrites(checkpoints, root, 1, 'src/a.ts', 'x\n');
    const blobs = path.join(taskDir, 'checkpoints', 'blobs');
    for (const name of readdirSync(blobs)) writeFileSync(path.join(blobs, name), 'tampered');
    const result = await checkpoints.restore(1);
    assert.deepEqual(result.conflicts.map((c) => c.path), ['src/a.ts']);
    assert.match(result.conflicts[0]?.reason ?? '', /damaged/);
    assert.equal(text('src/a.ts'), 'x\n');
  });
});
