import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { constants, gunzip, gzip } from 'node:zlib';
import { writeFileAtomic } from '../fs/atomicWrite';
import { indexFormat, type SavedIndex } from './savedIndex';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
/** Fast gzip: most of the ratio of level 9 at a fraction of the time (measured by `npm run bench -- knowledge`). */
const gzipLevel = 4;

/**
 * Where one workspace's index is kept between runs: gzip-compressed JSON (zlib works off the main
 * thread), written atomically (a reader sees the old or the new index, never half of one). A file
 * of another format or another root, or one that does not decompress or parse, is treated as
 * absent: the index is rebuilt. A plain JSON file (the first format) is read too, then rebuilt.
 */
export class IndexStore {

  /** The CLI's store for a workspace: `<cache>/tandem/knowledge/<hash of the root>.json.gz`. */
  static forWorkspace(root: string, env: NodeJS.ProcessEnv = process.env): IndexStore {
    const hash = createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16);
    return new IndexStore(path.join(userCacheDir(env), 'knowledge', `${hash}.json.gz`), path.join(userCacheDir(env), 'knowledge', `${hash}.json`));
  }

  /** `legacyFile`: where an older version kept the same index, removed once the new one is saved. */
  constructor(readonly file: string, private readonly legacyFile?: string) {}

  async load(root: string): Promise<SavedIndex | undefined> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.file);
    } catch {
      return undefined;
    }
    try {
      const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? (await gunzipAsync(bytes)).toString('utf8') : bytes.toString('utf8');
      // The head (files) and the full-text index are two JSON texts on two lines: the second is parsed only when a question needs it.
      const lineEnd = text.indexOf('\n');
      const saved = JSON.parse(lineEnd < 0 ? text : text.slice(0, lineEnd)) as Partial<SavedIndex>;
      if (lineEnd >= 0) saved.search = text.slice(lineEnd + 1);
      if (saved.format !== indexFormat || saved.root !== root || !Array.isArray(saved.files) || (typeof saved.search !== 'object' && typeof saved.search !== 'string')) return undefined;
      return saved as SavedIndex;
    } catch {
      return undefined; // damaged or foreign: rebuilt, and overwritten on the next save
    }
  }

  async save(saved: SavedIndex): Promise<void> {
    const { search, ...head } = saved;
    const text = `${JSON.stringify(head)}\n${typeof search === 'string' ? search : JSON.stringify(search)}`;
    const packed = await gzipAsync(Buffer.from(text, 'utf8'), { level: gzipLevel, strategy: constants.Z_DEFAULT_STRATEGY });
    await writeFileAtomic(this.file, packed, { durable: false });
    if (this.legacyFile) await fs.rm(this.legacyFile, { force: true }).catch(() => undefined);
  }
}

/** `$XDG_CACHE_HOME/tandem`, else `~/.cache/tandem` (`%LOCALAPPDATA%\tandem\cache` on Windows). */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['TANDEM_CACHE_DIR']) return path.resolve(env['TANDEM_CACHE_DIR']);
  if (env['XDG_CACHE_HOME']) return path.join(path.resolve(env['XDG_CACHE_HOME']), 'tandem');
  if (process.platform === 'win32' && env['LOCALAPPDATA']) return path.join(env['LOCALAPPDATA'], 'tandem', 'cache');
  return path.join(os.homedir(), '.cache', 'tandem');
}
