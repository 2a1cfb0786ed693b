import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OutputCapture } from '../../../../src/core/agent/exec/outputCapture';
import { runShellCommand } from '../../../../src/core/agent/exec/runShellCommand';

const posix = process.platform !== 'win32';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}

(posix ? describe : describe.skip)('runShellCommand', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-exec-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports exit codes and output, stdout and stderr together', async () => {
    const result = await runShellCommand({ command: 'echo out; echo err >&2; exit 3', cwd: dir, timeoutMs: 5000 });
    assert.equal(result.exitCode, 3);
    assert.equal(result.signal, null);
    assert.match(result.output, /out\n/);
    assert.match(result.output, /err\n/);
    assert.equal(result.timedOut, false);
    assert.equal(result.cancelled, false);
    assert.ok(result.durationMs >= 0);
    assert.equal((await runShellCommand({ command: 'true', cwd: dir, timeoutMs: 5000 })).exitCode, 0);
  });

  it('reports the signal that ended the command', async () => {
    const result = await runShellCommand({ command: 'kill -TERM $$', cwd: dir, timeoutMs: 5000 });
    assert.equal(result.exitCode, null);
    assert.equal(result.signal, 'SIGTERM');
  });

  it('runs in the given folder with a non-interactive environment and stdin closed', async () => {
    const result = await runShellCommand({ command: 'pwd; echo "$CI $GIT_TERMINAL_PROMPT $PAGER $GIT_PAGER $NO_COLOR $FORCE_COLOR $EXTRA"; cat; echo end', cwd: dir, timeoutMs: 5000, env: { EXTRA: 'x', CI: 'false' } });
    const [pwd, vars] = result.output.split('\n');
    assert.equal(pwd, dir);
    assert.equal(vars, 'true 0 cat cat 1 0 x');
    assert.match(result.output, /end\n$/);
    assert.equal(result.exitCode, 0);
  });

  it('a timeout stops the command and its grandchildren', async () => {
    const pidFile = path.join(dir, 'grandchild.pid');
    const result = await runShellCommand({ command: `bash -c 'sleep 30 & echo $! > ${pidFile}; wait' ; echo never`, cwd: dir, timeoutMs: 500 });
    assert.equal(result.timedOut, true);
    assert.equal(result.exitCode, null);
    assert.doesNotMatch(result.output, /never/);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(await waitUntil(() => !alive(grandchild), 3000), `grandchild ${grandchild} still running`);
  });

  it('a command that ignores SIGTERM is killed after the grace time', async () => {
    const started = Date.now();
    const result = await runShellCommand({ command: "trap '' TERM; sleep 30 & wait; sleep 30", cwd: dir, timeoutMs: 300, killGraceMs: 300 });
    assert.equal(result.timedOut, true);
    assert.ok(Date.now() - started < 5000);
  });

  it('cancelling stops it at once', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const result = await runShellCommand({ command: 'echo started; sleep 30', cwd: dir, timeoutMs: 10_000, signal: controller.signal });
    assert.equal(result.cancelled, true);
    assert.equal(result.timedOut, false);
    assert.ok(result.durationMs < 5000);
    assert.match(result.output, /started/);
    const already = new AbortController();
    already.abort();
    assert.equal((await runShellCommand({ command: 'echo x', cwd: dir, timeoutMs: 1000, signal: already.signal })).cancelled, true);
  });

  it('does not wait for background processes the command leaves behind, and stops them', async () => {
    const pidFile = path.join(dir, 'bg.pid');
    const started = Date.now();
    const result = await runShellCommand({ command: `sleep 30 & echo $! > ${pidFile}; echo done`, cwd: dir, timeoutMs: 10_000 });
    assert.equal(result.exitCode, 0);
    assert.ok(Date.now() - started < 5000);
    const background = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(await waitUntil(() => !alive(background), 3000));
  });

  it('keeps the head and the tail of huge output in bounded memory', async () => {
    const before = process.memoryUsage().rss;
    const result = await runShellCommand({ command: 'seq 1 3000000; head -c 30000000 /dev/zero | tr "\\0" x; echo; echo last-line', cwd: dir, timeoutMs: 60_000 });
    const grown = process.memoryUsage().rss - before;
    assert.equal(result.exitCode, 0);
    assert.ok(result.output.length < 61 * 1024 + 100, `${result.output.length} characters kept`);
    assert.ok(result.output.startsWith('1\n2\n3\n'));
    assert.ok(result.output.endsWith('xxx\nlast-line\n'));
    assert.match(result.output, /\n… [\d,]+ bytes cut …\n/);
    assert.ok(grown < 64 * 1024 * 1024, `rss grew by ${grown} bytes`);
  });

  it('streams output to onOutput as it arrives', async () => {
    const seen: string[] = [];
    await runShellCommand({ command: 'echo one; sleep 0.1; echo two', cwd: dir, timeoutMs: 5000, onOutput: (t) => seen.push(t) });
    assert.equal(seen.join(''), 'one\ntwo\n');
  });

  it('a folder that does not exist is an error, not a crash', async () => {
    const result = await runShellCommand({ command: 'echo x', cwd: path.join(dir, 'missing'), timeoutMs: 1000 });
    assert.equal(result.exitCode, null);
    assert.match(result.error ?? '', /does not exist/);
  });
});

describe('OutputCapture', () => {
  it('keeps everything while it fits', () => {
    const capture = new OutputCapture(4, 6);
    capture.push(Buffer.from('abc'));
    capture.push(Buffer.from('defg'));
    assert.equal(capture.text(), 'abcdefg');
  });

  it('cuts the middle and says how much', () => {
    const capture = new OutputCapture(4, 6);
    for (const piece of ['0123', '4567', '89ab', 'cdef']) capture.push(Buffer.from(piece));
    assert.equal(capture.text(), '0123\n… 6 bytes cut …\nabcdef');
    assert.equal(capture.totalBytes, 16);
  });

  it('never splits a character at either cut', () => {
    const capture = new OutputCapture(5, 5);
    capture.push(Buffer.from('ééé-middle-ééé'));
    const text = capture.text();
    assert.doesNotMatch(text, /\uFFFD/);
    assert.ok(text.startsWith('éé\n'));
    assert.ok(text.endsWith('\néé'));
  });
});
