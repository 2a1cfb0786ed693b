import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file so that readers see either the old or the new content, never a half-written one:
 * a temporary file in the same folder, flushed to disk, then renamed over the target. An existing
 * file's permissions are kept unless `options.mode` sets them; missing folders are created.
 * `durable: false` skips the flush: still atomic if the process dies (the rename is), not if the
 * machine loses power — for state saved many times a second (the agent's task after each call).
 */
export async function writeFileAtomic(file: string, text: string | Uint8Array, options: { mode?: number; durable?: boolean } = {}): Promise<void> {
  const mode = options.mode ?? await stat(file).then((s) => s.mode & 0o7777, () => undefined);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.tandem-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await (typeof text === 'string' ? handle.writeFile(text, 'utf8') : handle.writeFile(text));
      if (options.durable !== false) await handle.sync();
    } finally {
      await handle.close();
    }
    if (mode !== undefined) await chmod(temp, mode);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
