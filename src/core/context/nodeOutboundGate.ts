import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileFilter, type GitignoreFile } from '../chat/fileFilter';
import { createIgnoreMatcher } from './ignoreRules';
import type { OutboundGate } from './outboundGate';
import { redactSecrets } from './redact';

/** Folders never walked for .gitignore files: huge, and never part of what a prompt may read. */
const unwalked = new Set(['node_modules', '.git', '.hg', '.svn']);
/** Enough for any real repository; a pathological tree stops here rather than stalling a command. */
const maxFoldersWalked = 20_000;

/**
 * The outbound gate for a folder on disk (CLI, tests): `tandem.ignore` patterns, the sensitive-file
 * list, and every .gitignore under `root` (each applying to its own folder, as git does). Folders
 * that a .gitignore already excludes are not walked.
 */
export async function nodeOutboundGate(root: string, userPatterns: readonly string[] = []): Promise<OutboundGate> {
  const gitignores = await readGitignores(root);
  const files = new FileFilter(gitignores, userPatterns);
  const sensitive = createIgnoreMatcher();
  return {
    refusalFor(relativePath) {
      const rel = relativePath.replace(/\\/g, '/');
      if (sensitive.isIgnored(rel)) return `${rel} is a sensitive file (keys, credentials, .env); its content never goes to a model.`;
      if (files.isIgnored(rel)) return `${rel} is matched by .gitignore or tandem.ignore; its content never goes to a model.`;
      return undefined;
    },
    redact(text, source) {
      return redactSecrets(text, { languageId: source?.languageId, path: source?.path });
    },
  };
}

async function readGitignores(root: string): Promise<GitignoreFile[]> {
  const found: GitignoreFile[] = [];
  const queue: string[] = [''];
  let walked = 0;
  while (queue.length > 0 && walked < maxFoldersWalked) {
    const dir = queue.shift() as string;
    walked++;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(path.join(root, dir), { withFileTypes: true });
    } catch {
      continue; // unreadable folder: nothing of it is read into a prompt either
    }
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        found.push({ dir, content: await fs.readFile(path.join(root, dir, '.gitignore'), 'utf8') });
      } catch { /* vanished meanwhile */ }
    }
    const filter = new FileFilter(found, []);
    for (const entry of entries) {
      if (!entry.isDirectory() || unwalked.has(entry.name)) continue;
      const child = dir ? `${dir}/${entry.name}` : entry.name;
      if (!filter.isIgnored(`${child}/`) && !filter.isIgnored(child)) queue.push(child);
    }
  }
  return found;
}
