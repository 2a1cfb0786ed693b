import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Checkpoints } from '../../../src/core/agent/checkpoints';
import { restoreTo, undoRestore } from '../../../src/features/agent/restoreFlow';

describe('agent panel: Restore to here', () => {
  async function task() {
    const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-restore-ws-'));
    const checkpoints = new Checkpoints(mkdtempSync(path.join(os.tmpdir(), 'tandem-restore-task-')), root);
    writeFileSync(path.join(root, 'a.ts'), 'export const a = 1;\n');
    writeFileSync(path.join(root, 'untouched.ts'), 'mine\n');
    const write = async (step: number, file: string, text: string) => {
      await checkpoints.beforeWrite(step, file);
      writeFileSync(path.join(root, file), text);
      await checkpoints.afterWrite(step, file);
    };
    await write(1, 'a.ts', 'export const a = 2;\n');
    await write(3, 'b.ts', 'export const b = 1;\n');
    return { root, checkpoints, read: (file: string) => readFileSync(path.join(root, file), 'utf8') };
  }

  it('names the files first and changes nothing when the user says no', async () => {
    const { checkpoints, read } = await task();
    const asked: string[] = [];
    const result = await restoreTo(checkpoints, 1, async (message, detail) => { asked.push(message, detail); return false; });
    assert.equal(result, undefined);
    assert.equal(asked[0], 'Undo all of this task?');
    assert.match(asked[1] ?? '', /^2 files the agent changed: a\.ts, b\.ts\./);
    assert.equal(read('a.ts'), 'export const a = 2;\n');
  });

  it('puts back exactly the agent\'s files, keeps the user\'s later edit as a conflict, and the restore can be undone', async () => {
    const { root, checkpoints, read } = await task();
    const result = await restoreTo(checkpoints, 3, async (message) => { assert.equal(message, 'Restore the files as they were before step 3?'); return true; });
    assert.deepEqual(result?.removed, ['b.ts']);
    assert.equal(existsSync(path.join(root, 'b.ts')), false);
    assert.equal(read('a.ts'), 'export const a = 2;\n', 'step 1 is kept');

    writeFileSync(path.join(root, 'a.ts'), 'export const a = 99; // mine\n');
    const all = await restoreTo(checkpoints, 1, async () => true);
    assert.deepEqual(all?.conflicts.map((c) => c.path), ['a.ts']);
    assert.equal(read('a.ts'), 'export const a = 99; // mine\n', 'the user\'s edit is never overwritten');
    assert.equal(read('untouched.ts'), 'mine\n');

    const undone = await undoRestore(checkpoints, result?.safetySnapshot ?? '', async () => true);
    assert.deepEqual(undone?.restored, ['b.ts']);
    assert.equal(read('b.ts'), 'export const b = 1;\n');
  });

  it('a step after the last change is refused with the reason', async () => {
    const { checkpoints } = await task();
    await assert.rejects(restoreTo(checkpoints, 4, async () => true), /No step from 4 on changed files/);
  });
});
