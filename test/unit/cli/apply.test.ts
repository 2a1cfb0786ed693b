// `tandem apply` on temporary folders: in-process through runApply for most cases (fast), and
// through the real entry point (src/cli/main.ts) for exit codes and standard input.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runApply } from '../../../src/cli/commands/apply';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.ts');
/** tsx's loader by absolute URL: the child runs in a temp folder, where a bare 'tsx' does not resolve. */
const TSX = pathToFileURL(require.resolve('tsx')).href;

function sr(file: string, search: string, replace: string): string {
  return `${file}\n\`\`\`\n<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE\n\`\`\`\n`;
}

describe('tandem apply', function () {
  this.timeout(20_000);
  let dir: string;
  let out: string;
  let err: string;

  const io = (stdin = '') => ({
    cwd: dir,
    stdout: (text: string) => void (out += text),
    stderr: (text: string) => void (err += text),
    readStdin: async () => stdin,
  });
  const put = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-apply-'));
    out = '';
    err = '';
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every file whose blocks applied, keeps its mode and line endings, and leaves no temp files', async () => {
    put('bin/run.sh', '#!/bin/sh\r\necho one\r\n');
    chmodSync(path.join(dir, 'bin/run.sh'), 0o755);
    put('src/a.ts', 'export const A = 1;\n');
    put('resp.md', sr('bin/run.sh', 'echo one', 'echo two') + sr('src/a.ts', 'export const A = 1;', 'export const A = 2;'));
    assert.equal(await runApply(['resp.md'], io()), 0);
    assert.equal(read('bin/run.sh'), '#!/bin/sh\r\necho two\r\n');
    assert.equal(statSync(path.join(dir, 'bin/run.sh')).mode & 0o777, 0o755);
    assert.equal(read('src/a.ts'), 'export const A = 2;\n');
    assert.deepEqual(readdirSync(path.join(dir, 'src')), ['a.ts']);
    assert.match(out, /^update bin\/run\.sh \(exact\)$/m);
    assert.equal(err, '');
  });

  it('applies a reply once: the second run reports already applied, writes nothing and exits 0 (JSON status already-applied)', async () => {
    put('src/a.ts', 'function a() {\n  return 1;\n}\n');
    put('resp.md', sr('src/a.ts', 'function a() {', 'function a() {\n  log("called a");'));
    assert.equal(await runApply(['resp.md'], io()), 0);
    const once = 'function a() {\n  log("called a");\n  return 1;\n}\n';
    assert.equal(read('src/a.ts'), once);
    out = '';
    assert.equal(await runApply(['resp.md'], io()), 0);
    assert.equal(read('src/a.ts'), once, 'not inserted a second time');
    assert.match(out, /^unchanged {2}src\/a\.ts \(already applied: the file already has these changes; nothing written\)$/m);
    out = '';
    assert.equal(await runApply(['resp.md', '--json'], io()), 0);
    const json = JSON.parse(out) as { files: Array<{ status: string; blocks: Array<{ strategy: string }> }> };
    assert.deepEqual([json.files[0]!.status, json.files[0]!.blocks[0]!.strategy], ['already-applied', 'already-applied']);
  });

  it('--json gives each block its strategy and, for a non-exact match, what was forgiven; a near miss is refused naming the tokens', async () => {
    put('src/a.ts', 'export function a(items: number[]) {\n  let total = 0;\n\n  for (const item of items) total += item;\n  return total;\n}\n');
    put('ok.md', sr('src/a.ts', '    let total = 0;\n    for (const item of items) total += item;', '    let total = 0;\n    for (const item of items) total += item * 2;'));
    assert.equal(await runApply(['ok.md', '--json'], io()), 0);
    const applied = JSON.parse(out) as { files: Array<{ status: string; blocks: Array<{ strategy: string; forgiven?: string[] }> }> };
    assert.deepEqual(applied.files[0]!.blocks.map((b) => [b.strategy, b.forgiven]), [['indentation', ['indentation', 'blank-lines']]]);
    assert.equal(read('src/a.ts'), 'export function a(items: number[]) {\n  let total = 0;\n\n  for (const item of items) total += item * 2;\n  return total;\n}\n');
    out = '';
    put('bad.md', sr('src/a.ts', '  return totals;', '  return totals + 1;'));
    assert.equal(await runApply(['bad.md'], io()), 1);
    assert.match(err, /SEARCH says `totals`, the file has `total` at line 5/);
  });

  it('leaves a file with a failed block untouched, writes the others, explains the failure and exits 1', async () => {
    put('src/a.ts', 'export const A = 1;\n');
    put('src/b.ts', 'export function b() {\n  return 1;\n}\n');
    put('resp.md', sr('src/a.ts', 'export const A = 1;', 'export const A = 2;') + sr('src/b.ts', 'export function b() {\n  return 1;\n}', 'export function b() {\n  return 2;\n}') + sr('src/b.ts', 'function missing() {}', 'function found() {}'));
    assert.equal(await runApply(['resp.md'], io()), 1);
    assert.equal(read('src/a.ts'), 'export const A = 2;\n');
    assert.equal(read('src/b.ts'), 'export function b() {\n  return 1;\n}\n');
    assert.match(out, /^failed +src\/b\.ts: 1 of 2 block\(s\) failed, file left untouched$/m);
    assert.match(err, /## src\/b\.ts: 1 of 2 blocks failed/);
    assert.match(err, /- Block 3 \(SEARCH\/REPLACE block at response line \d+, starting "function missing\(\) \{\}"\): Could not find the SEARCH text \(1 line\)/);
  });

  it('--json prints files, statuses, strategies and the closest candidate', async () => {
    put('src/b.ts', 'export function b() {\n  return 1;\n}\n');
    put('resp.md', sr('src/b.ts', 'export function bee(x) {\n  const twice = x * 2;\n  return twice;\n}', 'export function b() {\n  return 2;\n}'));
    assert.equal(await runApply(['resp.md', '--json'], io()), 1);
    const json = JSON.parse(out) as { files: Array<{ path: string; status: string; blocks: Array<Record<string, unknown>> }> };
    assert.equal(json.files.length, 1);
    const [file] = json.files;
    assert.equal(file!.path, 'src/b.ts');
    assert.equal(file!.status, 'failed');
    const block = file!.blocks[0]!;
    assert.equal(block.index, 0);
    assert.equal(block.status, 'failed');
    assert.equal(block.strategy, null);
    assert.deepEqual(Object.keys(block.closest as object), ['startLine', 'endLine', 'similarity']);
    assert.deepEqual([(block.closest as { startLine: number }).startLine, (block.closest as { endLine: number }).endLine], [1, 3]);
    const { similarity } = block.closest as { similarity: number };
    assert.ok(similarity > 0.3 && similarity < 0.8, `similarity ${similarity}`);
  });

  it('--dry-run writes nothing and prints the unified diff', async () => {
    put('src/a.ts', 'export const A = 1;\nexport const B = 2;\n');
    put('resp.md', sr('src/a.ts', 'export const B = 2;', 'export const B = 3;'));
    assert.equal(await runApply(['resp.md', '--dry-run'], io()), 0);
    assert.equal(read('src/a.ts'), 'export const A = 1;\nexport const B = 2;\n');
    assert.equal(out, '--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,2 +1,2 @@\n export const A = 1;\n-export const B = 2;\n+export const B = 3;\nwould update src/a.ts (exact)\n');
  });

  it('uses --file for blocks that name no file', async () => {
    put('lib/util.py', 'X = 1\n');
    put('resp.md', '<<<<<<< SEARCH\nX = 1\n=======\nX = 2\n>>>>>>> REPLACE\n');
    assert.equal(await runApply(['resp.md', '--file', 'lib/util.py'], io()), 0);
    assert.equal(read('lib/util.py'), 'X = 2\n');
  });

  it('creates, deletes and moves files from an apply_patch envelope', async () => {
    put('old.txt', 'bye\n');
    put('src/helpers.js', 'export const x = 1;\n');
    put('resp.md', '*** Begin Patch\n*** Add File: docs/new.md\n+# New\n*** Delete File: old.txt\n*** Update File: src/helpers.js\n*** Move to: src/math.js\n-export const x = 1;\n+export const x = 2;\n*** End Patch\n');
    assert.equal(await runApply(['resp.md'], io()), 0);
    assert.equal(read('docs/new.md'), '# New\n');
    assert.equal(existsSync(path.join(dir, 'old.txt')), false);
    assert.equal(existsSync(path.join(dir, 'src/helpers.js')), false);
    assert.equal(read('src/math.js'), 'export const x = 2;\n');
  });

  it('refuses paths that leave --cwd: .., absolute, and a symlinked folder pointing outside', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'tandem-outside-'));
    try {
      writeFileSync(path.join(outside, 'secret.txt'), 'keep\n');
      symlinkSync(outside, path.join(dir, 'link'));
      const create = (file: string) => `\`\`\`text ${file}\npwned\n\`\`\`\n`;
      put('resp.md', create('../escape.txt') + create(path.join(outside, 'abs.txt')) + create('link/secret.txt') + create('link/new.txt'));
      assert.equal(await runApply(['resp.md', '--json'], io()), 1);
      const json = JSON.parse(out) as { files: Array<{ status: string; message: string }> };
      assert.deepEqual(json.files.map((f) => f.status), ['failed', 'failed', 'failed', 'failed']);
      assert.match(json.files[0]!.message, /outside the workspace/);
      assert.match(json.files[2]!.message, /symbolic link/);
      assert.equal(readFileSync(path.join(outside, 'secret.txt'), 'utf8'), 'keep\n');
      assert.deepEqual(readdirSync(outside).sort(), ['secret.txt']);
      assert.equal(existsSync(path.join(dir, '..', 'escape.txt')), false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses binary files and says so', async () => {
    writeFileSync(path.join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
    put('resp.md', sr('logo.png', 'PNG', 'JPG'));
    assert.equal(await runApply(['resp.md', '--json'], io()), 1);
    assert.match(out, /binary/);
  });

  it('exits 1 when the response has no edits', async () => {
    put('resp.md', 'I cannot help with that.\n');
    assert.equal(await runApply(['resp.md'], io()), 1);
    assert.match(err, /contains no edits/);
  });

  it('exits 2 on bad usage or unreadable input', async () => {
    assert.equal(await runApply([], io()), 2);
    assert.equal(await runApply(['a.md', 'b.md'], io()), 2);
    assert.equal(await runApply(['resp.md', '--bogus'], io()), 2);
    assert.equal(await runApply(['missing.md'], io()), 2);
    assert.match(err, /cannot read missing\.md/);
    assert.equal(await runApply(['resp.md', '--cwd', 'nope'], io()), 2);
    assert.equal(await runApply(['resp.md', '--file', '../x.ts'], io()), 2);
  });

  it('runs as `tandem apply -` from standard input with the documented exit codes', () => {
    put('src/a.ts', 'export const A = 1;\n');
    const run = (args: string[], input: string) => spawnSync(process.execPath, ['--import', TSX, MAIN, 'apply', ...args], { cwd: dir, input, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    const ok = run(['-', '--cwd', dir], sr('src/a.ts', 'export const A = 1;', 'export const A = 3;'));
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(read('src/a.ts'), 'export const A = 3;\n');
    const failed = run(['-'], sr('src/a.ts', 'nothing like this', 'x'));
    assert.equal(failed.status, 1);
    const usage = run([], '');
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /Usage: tandem apply/);
  });
});
