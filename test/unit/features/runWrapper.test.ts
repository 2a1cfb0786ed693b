import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureRunWrapper, runWrapperSource } from '../../../src/features/tests/runWrapper';

/** Runs the wrapper as the test task does (with ELECTRON_RUN_AS_NODE set), collecting what the terminal would show. */
function runWrapped(wrapper: string, outFile: string, command: string, onStart?: (pid: number) => void): Promise<{ code: number | null; terminal: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [wrapper, outFile, command], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    let terminal = '';
    child.stdout.on('data', (d: Buffer) => { terminal += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { terminal += d.toString(); });
    if (child.pid !== undefined) onStart?.(child.pid);
    child.on('close', (code) => resolve({ code, terminal }));
  });
}

/** Whether the process ends (or is only a zombie waiting to be reaped) within a few seconds. */
async function gone(pid: number): Promise<boolean> {
  for (const deadline = Date.now() + 3_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    const state = (() => { try { return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0]; } catch { return undefined; } })();
    if (state === 'Z') return true;
  }
  return false;
}

describe('the test task wrapper (tee to a file, keep the exit code)', function () {
  this.timeout(20_000);
  let dir: string;
  let wrapper: string;
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-wrapper-'));
    wrapper = await ensureRunWrapper(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is written once and rewritten only when its text differs', async () => {
    assert.equal(readFileSync(wrapper, 'utf8'), runWrapperSource);
    assert.equal(await ensureRunWrapper(dir), wrapper);
  });

  it("shows and saves stdout and stderr in order, and exits with the command's exit code", async () => {
    const out = path.join(dir, 'out-1.log');
    const { code, terminal } = await runWrapped(wrapper, out, 'echo one; echo two >&2; sleep 0.1; echo three; exit 3');
    assert.equal(code, 3);
    assert.equal(readFileSync(out, 'utf8'), 'one\ntwo\nthree\n');
    assert.equal(terminal, '> echo one; echo two >&2; sleep 0.1; echo three; exit 3\n\none\ntwo\nthree\n', 'the command, then its output');
  });

  it('exits 0 when the command passes, and the command does not inherit ELECTRON_RUN_AS_NODE', async () => {
    const out = path.join(dir, 'out-2.log');
    const { code } = await runWrapped(wrapper, out, 'echo "electron=${ELECTRON_RUN_AS_NODE:-unset}"');
    assert.equal(code, 0);
    assert.equal(readFileSync(out, 'utf8'), 'electron=unset\n');
  });

  it('a command that cannot start is a failure with a reason, not a pass', async () => {
    const out = path.join(dir, 'out-3.log');
    const { code } = await runWrapped(wrapper, out, 'definitely-not-a-command-tandem');
    assert.equal(code, 127);
    assert.match(readFileSync(out, 'utf8'), /not found/);
  });

  it('stopping the task stops the whole command, children included', async () => {
    const out = path.join(dir, 'out-4.log');
    const marker = path.join(dir, 'child.pid');
    let wrapperPid = 0;
    const done = runWrapped(wrapper, out, `sh -c 'echo $$ > ${marker}; sleep 30' & wait`, (pid) => { wrapperPid = pid; });
    const deadline = Date.now() + 5_000;
    let childPid = 0;
    while (!childPid && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      try { childPid = Number(readFileSync(marker, 'utf8').trim()); } catch { /* not yet */ }
    }
    assert.ok(childPid > 0, 'the command started');
    const started = Date.now();
    process.kill(wrapperPid, 'SIGTERM');
    const { code } = await done;
    assert.ok(Date.now() - started < 5_000, 'stopped promptly');
    assert.equal(code, 128 + 15);
    assert.ok(await gone(childPid), 'the grandchild is gone');
  });
});
