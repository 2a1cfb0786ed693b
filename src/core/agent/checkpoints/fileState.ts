import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, readFile, readlink, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/** What a path held at one moment: nothing, a file (its bytes by hash, and its mode bits), or a link. */
export type FileState =
  | { kind: 'missing' }
  | { kind: 'file'; blob: string; mode: number; size: number }
  | { kind: 'symlink'; target: string }
  | { kind: 'folder' };

/**
 * A content-addressed store of file bytes: `blobs/<sha256>`. The same bytes are stored once, so a
 * 5 MB file that stays the same across twenty steps costs 5 MB, not 100.
 */
export class BlobStore {
  /** `wholeReadLimit`: files up to this size are read whole; larger ones are streamed into the store while hashed. */
  constructor(private readonly folder: string, private readonly wholeReadLimit = 32 * 1024 * 1024) {}

  pathOf(blob: string): string {
    if (!/^[0-9a-f]{64}$/.test(blob)) throw new Error(`The checkpoint store names a blob it cannot have made (${blob.slice(0, 80)}).`);
    return path.join(this.folder, blob);
  }

  /** Records what `absolute` holds now (storing a file's bytes first), without following a final link. */
  async capture(absolute: string): Promise<FileState> {
    const info = await lstat(absolute).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw error;
    });
    if (!info) return { kind: 'missing' };
    if (info.isSymbolicLink()) return { kind: 'symlink', target: await readlink(absolute) };
    if (info.isDirectory()) return { kind: 'folder' };
    if (!info.isFile()) throw new Error(`${absolute} is not a regular file (a device, socket or pipe); Tandem does not checkpoint it.`);
    const mode = info.mode & 0o7777;
    const blob = info.size <= this.wholeReadLimit ? await this.storeBytes(await readFile(absolute)) : await this.storeStream(absolute);
    return { kind: 'file', blob, mode, size: info.size };
  }

  async read(blob: string): Promise<Buffer> {
    const bytes = await readFile(this.pathOf(blob));
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== blob) throw new Error(`The checkpoint copy ${blob.slice(0, 12)}… is damaged (its bytes no longer match); it was not used.`);
    return bytes;
  }

  private async storeBytes(bytes: Buffer): Promise<string> {
    const blob = createHash('sha256').update(bytes).digest('hex');
    const target = this.pathOf(blob);
    // a stored copy of the right size is kept; a damaged (truncated) one is replaced
    if ((await stat(target).catch(() => undefined))?.size === bytes.length) return blob;
    await mkdir(this.folder, { recursive: true });
    const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, target);
    return blob;
  }

  private async storeStream(absolute: string): Promise<string> {
    await mkdir(this.folder, { recursive: true });
    const temp = path.join(this.folder, `incoming-${randomBytes(6).toString('hex')}.tmp`);
    const hash = createHash('sha256');
    try {
      const source = createReadStream(absolute);
      source.on('data', (chunk) => hash.update(chunk));
      await pipeline(source, createWriteStream(temp, { flags: 'wx' }));
      const blob = hash.digest('hex');
      const target = this.pathOf(blob);
      if (await exists(target)) await rm(temp, { force: true });
      else await rename(temp, target);
      return blob;
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}

export function sameState(a: FileState, b: FileState): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'file' && b.kind === 'file') return a.blob === b.blob && a.mode === b.mode;
  if (a.kind === 'symlink' && b.kind === 'symlink') return a.target === b.target;
  return true;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false);
}
