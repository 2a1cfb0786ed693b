import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomicWrite';
import { indexFormat, type SavedIndex } from './knowledgeIndex';

/**
 * Where one workspace's index is kept between runs: a JSON file written atomically (a reader
 * sees the old or the new index, never half of one). A file of another format or another root,
 * or one that does not parse, is treated as absent: the index is rebuilt.
 */
export class IndexStore {
  constructor(readonly file: string) {}

  /** The CLI's store for a workspace: `<cache>/tandem/knowledge/<hash of the root>.json`. */
  static forWorkspace(root: string, env: NodeJS.ProcessEnv = process.env): IndexStore {
    const hash = createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 16);
    return new IndexStore(path.join(userCacheDir(env), 'knowledge', `${hash}.json`));
  }

  async load(root: string): Promise<SavedIndex | undefined> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const saved = JSON.parse(text) as Partial<SavedIndex>;
      if (saved.format !== indexFormat || saved.root !== root || !Array.isArray(saved.files) || typeof saved.search !== 'object') return undefined;
      return saved as SavedIndex;
    } catch {
      return undefined; // damaged or foreign: rebuilt, and overwritten on the next save
    }
  }

  async save(saved: SavedIndex): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(saved), { durable: false });
  }
}

/** `$XDG_CACHE_HOME/tandem`, else `~/.cache/tandem` (`%LOCALAPPDATA%\tandem\cache` on Windows). */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['TANDEM_CACHE_DIR']) return path.resolve(env['TANDEM_CACHE_DIR']);
  if (env['XDG_CACHE_HOME']) return path.join(path.resolve(env['XDG_CACHE_HOME']), 'tandem');
  if (process.platform === 'win32' && env['LOCALAPPDATA']) return path.join(env['LOCALAPPDATA'], 'tandem', 'cache');
  return path.join(os.homedir(), '.cache', 'tandem');
}
