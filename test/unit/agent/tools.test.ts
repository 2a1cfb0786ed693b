import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { ApprovalRequest, ToolEnvironment } from '../../../src/core/agent';
import { runTool } from '../../../src/core/agent/tools/toolbox';
import { makeWorkspace, removeAll, testEnvironment } from './harness';

const ctx = (extra: Partial<Parameters<typeof runTool>[3]> = {}) => ({
  step: 1, signal: new AbortController().signal, progress: () => {}, output: () => {}, resultBudget: 8_000, ...extra,
});
const secret = 'sk-proj-' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0';

describe('agent tools', () => {
  let root: string;
  let env: ToolEnvironment;
  beforeEach(async () => {
    root = makeWorkspace({
      'src/app.ts': 'const a = 1;\r\nconst b = 2;\r\n',
      'src/config.ts': `export const key = "${secret}";\n`,
      '.env': 'TOKEN=abc\n',
      '.gitignore': 'dist/\n',
      'dist/out.js': 'built\n',
      'big.txt': Array.from({ length: 5_000 }, (_, i) => `line ${i + 1} ${'x'.repeat(40)}`).join('\n'),
    });
    writeFileSync(path.join(root, 'img.bin'), Buffer.from([0x89, 0x50, 0x00, 0x01, 0x02]));
    env = await testEnvironment(root);
  });
  afterEach(() => removeAll(root));

  it('read_file numbers lines, cuts a big file with a note, refuses binary files', async () => {
    const small = await runTool(env, 'read_file', { path: 'src/app.ts' }, ctx());
    assert.equal(small.content, 'src/app.ts (2 lines)\n1| const a = 1;\n2| const b = 2;');
    const big = await runTool(env, 'read_file', { path: 'big.txt' }, ctx());
    assert.ok(big.content.length <= 8_200);
    assert.match(big.content, /\[… cut by Tandem: lines \d+-5000 not shown; call read_file with startLine \d+\]$/);
    const range = await runTool(env, 'read_file', { path: 'big.txt', startLine: 4999, endLine: 5000 }, ctx());
    assert.match(range.content, /^big\.txt \(5000 lines, showing 4999-5000\)\n4999\| line 4999/);
    const binary = await runTool(env, 'read_file', { path: 'img.bin' }, ctx());
    assert.equal(binary.refused, true);
    assert.match(binary.content, /binary/);
  });

  it('refuses paths outside the workspace, through symlinks, and sensitive or ignored files', async () => {
    symlinkSync('/etc', path.join(root, 'etc-link'));
    for (const p of ['../outside.txt', '/etc/passwd', 'etc-link/passwd', '.env', 'dist/out.js']) {
      const result = await runTool(env, 'read_file', { path: p }, ctx());
      assert.equal(result.refused, true, p);
      assert.equal(result.ok, false);
    }
    const write = await runTool(env, 'write_file', { path: '../escape.txt', content: 'x' }, ctx());
    assert.equal(write.refused, true);
    assert.equal(existsSync(path.join(root, '../escape.txt')), false);
  });

  it('redacts secrets in what tools return', async () => {
    const read = await runTool(env, 'read_file', { path: 'src/config.ts' }, ctx());
    assert.doesNotMatch(read.content, new RegExp(secret));
    const found = await runTool(env, 'search', { query: 'key' }, ctx());
    assert.doesNotMatch(found.content, new RegExp(secret));
    const ran = await runTool(env, 'run_command', { command: 'cat src/config.ts' }, ctx());
    assert.ok(ran.ok, ran.content);
    assert.doesNotMatch(ran.content, new RegExp(secret));
  });

  it('list_files and search leave out ignored and sensitive files', async () => {
    const listed = await runTool(env, 'list_files', { recursive: true }, ctx());
    assert.deepEqual(listed.content.split('\n'), ['.gitignore', 'big.txt', 'img.bin', 'src/', 'src/app.ts', 'src/config.ts']);
    const found = await runTool(env, 'search', { query: 'built|TOKEN|const a', isRegex: true }, ctx());
    assert.equal(found.content, 'src/app.ts:1: const a = 1;');
    const bad = await runTool(env, 'search', { query: '(', isRegex: true }, ctx());
    assert.match(bad.content, /not a valid regular expression/);
  });

  it('apply_edits writes what matched, keeps CRLF, and returns the engine\'s failure message for what did not', async () => {
    const ok = await runTool(env, 'apply_edits', { response: 'src/app.ts\n<<<<<<< SEARCH\nconst b = 2;\n=======\nconst b = 3;\n>>>>>>> REPLACE\n' }, ctx());
    assert.ok(ok.ok, ok.content);
    assert.equal(readFileSync(path.join(root, 'src/app.ts'), 'utf8'), 'const a = 1;\r\nconst b = 3;\r\n');
    assert.deepEqual(ok.filesChanged, ['src/app.ts']);
    assert.match(ok.diff ?? '', /^-const b = 2;\r?$/m);
    const bad = await runTool(env, 'apply_edits', { response: 'src/app.ts\n<<<<<<< SEARCH\nconst zzz = 9;\n=======\nconst b = 4;\n>>>>>>> REPLACE\n' }, ctx());
    assert.equal(bad.ok, false);
    assert.match(bad.content, /Some edits could not be applied/);
    assert.equal(readFileSync(path.join(root, 'src/app.ts'), 'utf8'), 'const a = 1;\r\nconst b = 3;\r\n');
    const none = await runTool(env, 'apply_edits', { response: 'just prose' }, ctx());
    assert.match(none.content, /No edits found/);
  });

  it('apply_edits moves a file (apply_patch), checkpointing both paths', async () => {
    const touched: string[] = [];
    const tracked = await testEnvironment(root, { beforeWrite: async (_s, p) => void touched.push(p) });
    const patch = '*** Begin Patch\n*** Update File: src/app.ts\n*** Move to: src/main.ts\n@@\n-const b = 2;\n+const b = 5;\n*** End Patch\n';
    const result = await runTool(tracked, 'apply_edits', { response: patch }, ctx());
    assert.ok(result.ok, result.content);
    assert.equal(existsSync(path.join(root, 'src/app.ts')), false);
    assert.equal(readFileSync(path.join(root, 'src/main.ts'), 'utf8'), 'const a = 1;\r\nconst b = 5;\r\n');
    assert.deepEqual(touched.sort(), ['src/app.ts', 'src/main.ts']);
    assert.deepEqual(result.filesChanged?.sort(), ['src/app.ts', 'src/main.ts']);
  });

  it('write_file refuses a rewrite that leaves code out ("// ... rest unchanged"), which would delete it', async () => {
    const result = await runTool(env, 'write_file', { path: 'src/app.ts', content: 'const a = 10;\n// ... rest of the file unchanged\n' }, ctx());
    assert.equal(result.ok, false);
    assert.match(result.content, /has "\/\/ \.\.\. rest of the file unchanged" where code was left out: writing it would delete that code from src\/app\.ts\. Use apply_edits/);
    assert.equal(readFileSync(path.join(root, 'src/app.ts'), 'utf8'), 'const a = 1;\r\nconst b = 2;\r\n');
    const created = await runTool(env, 'write_file', { path: 'src/new.py', content: 'def f():\n    ...\n' }, ctx());
    assert.ok(created.ok, created.content);
  });

  it('checkpoints before each write and delete, and marks the write done after', async () => {
    const calls: string[] = [];
    const tracked = await testEnvironment(root, {
      beforeWrite: async (step, p) => void calls.push(`before ${step} ${p} ${existsSync(path.join(root, p)) ? readFileSync(path.join(root, p), 'utf8').length : '-'}`),
      afterWrite: async (step, p) => void calls.push(`after ${step} ${p}`),
    });
    await runTool(tracked, 'write_file', { path: 'src/new.ts', content: 'x\n' }, ctx({ step: 2 }));
    await runTool(tracked, 'delete_file', { path: 'src/app.ts' }, ctx({ step: 3 }));
    assert.deepEqual(calls, ['before 2 src/new.ts -', 'after 2 src/new.ts', 'before 3 src/app.ts 28', 'after 3 src/app.ts']);
  });

  it('edits and commands ask the approver; a no is reported to the model; without an approver they are refused', async () => {
    const asked: ApprovalRequest[] = [];
    let answer = false;
    const asking = await testEnvironment(root, { autoEdit: false, approver: async (r) => (asked.push(r), answer) }, []);
    const rejected = await runTool(asking, 'write_file', { path: 'a.txt', content: 'x' }, ctx());
    assert.equal(rejected.content, 'Refused: the user rejected the edit of a.txt.');
    assert.equal(asked[0]?.kind, 'edit');
    assert.match(asked[0]?.detail ?? '', /^\+x$/m);
    answer = true;
    const ran = await runTool(asking, 'run_command', { command: 'echo hi' }, ctx());
    assert.ok(ran.ok);
    assert.match(ran.content, /exit code 0[\s\S]*hi/);
    assert.equal(asked[1]?.kind, 'command');
    const denied = await runTool(asking, 'run_command', { command: 'git push --force' }, ctx());
    assert.match(denied.content, /is not allowed/);
    assert.equal(asked.length, 2, 'a denied command is never put to the user');
    const nobody = await testEnvironment(root, { autoEdit: false }, []);
    assert.match((await runTool(nobody, 'write_file', { path: 'a.txt', content: 'x' }, ctx())).content, /no terminal to ask on/);
    assert.match((await runTool(nobody, 'run_command', { command: 'echo hi' }, ctx())).content, /needs the user's approval .* and there is no terminal to ask on; it was not run/);
  });

  it('run_command reports keep-alive progress and the exit code; Restricted Mode allows only reads', async () => {
    const progress: string[] = [];
    const result = await runTool(env, 'run_command', { command: 'sleep 2.3; exit 3' }, ctx({ progress: (m) => progress.push(m) }));
    assert.equal(result.ok, false);
    assert.match(result.content, /exit code 3 after 2\.\d s/);
    assert.deepEqual(progress.slice(0, 2), ['running sleep 2.3; exit 3', 'running sleep 2.3; exit 3 — 2 s']);
    const restricted = await testEnvironment(root, { readOnly: true });
    assert.match((await runTool(restricted, 'write_file', { path: 'a', content: '' }, ctx())).content, /Restricted Mode/);
    assert.ok((await runTool(restricted, 'read_file', { path: 'src/app.ts' }, ctx())).ok);
  });

  it('git_status and git_diff read without touching the index', async () => {
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['-c', 'user.email=a@b', '-c', 'user.name=a', 'add', 'src/app.ts'], { cwd: root });
    execFileSync('git', ['-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qm', 'x'], { cwd: root });
    writeFileSync(path.join(root, 'src/app.ts'), 'changed\n');
    const index = path.join(root, '.git/index');
    const before = readFileSync(index);
    const mtime = statSync(index).mtimeMs;
    const status = await runTool(env, 'git_status', {}, ctx());
    assert.match(status.content, /^ M src\/app\.ts$/m);
    assert.doesNotMatch(status.content, /\.env/);
    const diff = await runTool(env, 'git_diff', {}, ctx());
    assert.match(diff.content, /^\+changed$/m);
    assert.deepEqual(readFileSync(index), before);
    assert.equal(statSync(index).mtimeMs, mtime);
  });
});
