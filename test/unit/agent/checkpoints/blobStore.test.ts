import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BlobStore } from '../../../../src/core/agent/checkpoints/fileState';

describe('BlobStore: file bytes by content', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-blobs-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('streams large files into the store with the same hash as small ones, and stores them once', async () => {
    const bytes = randomBytes(300 * 1024);
    writeFileSync(path.join(dir, 'big.bin'), bytes);
    writeFileSync(path.join(dir, 'copy.bin'), bytes);
    const streamed = new BlobStore(path.join(dir, 'blobs'), 1024);
    const first = await streamed.capture(path.join(dir, 'big.bin'));
    const second = await streamed.capture(path.join(dir, 'copy.bin'));
    const whole = await new BlobStore(path.join(dir, 'blobs')).capture(path.join(dir, 'big.bin'));
    const expected = createHash('sha256').update(bytes).digest('hex');
    assert.deepEqual(first, { kind: 'file', blob: expected, mode: first.kind === 'file' ? first.mode : 0, size: bytes.length });
    assert.deepEqual(second, first);
    assert.deepEqual(whole, first);
    assert.deepEqual(readdirSync(path.join(dir, 'blobs')), [expected], 'one blob, no temporary files left');
    assert.deepEqual(await streamed.read(expected), bytes);
  });

  it('records missing paths, folders and links without following them', async () => {
    const store = new BlobStore(path.join(dir, 'blobs'));
    symlinkSync('/etc/hostname', path.join(dir, 'link'));
    assert.deepEqual(await store.capture(path.join(dir, 'nothing')), { kind: 'missing' });
    assert.deepEqual(await store.capture(path.join(dir, 'nothing', 'deeper')), { kind: 'missing' });
    assert.deepEqual(await store.capture(dir), { kind: 'folder' });
    assert.deepEqual(await store.capture(path.join(dir, 'link')), { kind: 'symlink', target: '/etc/hostname' });
  });

  it('refuses blob names it cannot have made', () => {
    assert.throws(() => new BlobStore(dir).pathOf('../../etc/passwd'), /cannot have made/);
  });
});
