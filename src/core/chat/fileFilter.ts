import ignore, { type Ignore } from 'ignore';

export interface GitignoreFile {
  /** Folder of the .gitignore, '/'-separated and relative to the workspace folder ('' = its root). */
  dir: string;
  content: string;
}

/** Never offered, whatever the ignore files say. */
const alwaysIgnored = ['.git/', '.hg/', '.svn/'];

/**
 * Decides which workspace files the chat may offer and read: everything not matched by a
 * .gitignore (each applying to its own folder, as git does) or by the `tandem.ignore` globs
 * (gitignore syntax, relative to the workspace folder; e.g. `.env*`, `secrets/`).
 */
export class FileFilter {
  private readonly scoped: Array<{ prefix: string; rules: Ignore }>;
  private readonly global: Ignore;

  constructor(gitignores: readonly GitignoreFile[], extraPatterns: readonly string[]) {
    this.global = ignore().add([...alwaysIgnored, ...extraPatterns.filter((p) => p.trim())]);
    this.scoped = gitignores
      .map((file) => ({ prefix: file.dir ? `${trimSlashes(file.dir)}/` : '', rules: ignore().add(file.content) }))
      .sort((a, b) => a.prefix.length - b.prefix.length);
  }

  /** `relativePath`: '/'-separated, relative to the workspace folder; a trailing '/' marks a folder (so `dist/` patterns match it). */
  isIgnored(relativePath: string): boolean {
    const trimmed = trimSlashes(relativePath);
    if (!trimmed) return false;
    const path = /\/$/.test(relativePath) ? `${trimmed}/` : trimmed;
    if (this.global.ignores(path)) return true;
    for (const { prefix, rules } of this.scoped) {
      if (prefix && !path.startsWith(prefix)) continue;
      if (rules.ignores(path.slice(prefix.length))) return true;
    }
    return false;
  }
}

function trimSlashes(path: string): string {
  return path.replace(/^\.?\/+/, '').replace(/\/+$/, '');
}
