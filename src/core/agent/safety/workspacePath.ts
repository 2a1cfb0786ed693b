import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { OutboundGate } from '../../context/outboundGate';
import { checkRealPath, resolveUnderRoot } from '../../edits/paths/safePath';

export type ToolPath = { ok: true; absolute: string; relative: string } | { ok: false; reason: string };

/**
 * Resolves a path a model gave a tool (read_file, write_file, delete_file, list_files, search)
 * against the workspace root. Refused, with a reason the model can act on: paths outside the root
 * (absolute elsewhere, `..`, `~`), symbolic links that lead outside (the file, a parent folder, or
 * a dangling link a write would follow), ignored and sensitive files (the outbound gate, asked for
 * the path as given and as it really is), and for writes anything inside a `.git` folder at any
 * depth, whatever its case (`.GIT` is the same folder on macOS and Windows).
 * `''` and `.` name the workspace folder itself, which may be read (listed) but not written.
 */
export async function resolveToolPath(root: string, candidate: string, gate: OutboundGate, options: { forWrite: boolean }): Promise<ToolPath> {
  const base = path.resolve(root);
  const trimmed = candidate.trim();
  if (trimmed === '' || trimmed === '.' || trimmed === './') {
    if (options.forWrite) return { ok: false, reason: 'The workspace folder itself cannot be written; name a file inside it.' };
    return { ok: true, absolute: base, relative: '' };
  }
  const lexical = resolveUnderRoot(base, trimmed);
  if (!lexical.ok) return lexical;
  const real = await checkRealPath(base, lexical.absolute, (p) => fs.realpath(p));
  if (!real.ok) return real;
  const realRelative = await realRelativePath(base, lexical.absolute);
  if (realRelative === undefined) return { ok: false, reason: `${lexical.relative} leads outside the workspace through a symbolic link.` };
  if (options.forWrite) {
    const git = [lexical.relative, realRelative].find(insideGitFolder);
    if (git !== undefined) return { ok: false, reason: `${lexical.relative} is inside a .git folder; the agent never changes git's own files (your history, index and branches stay as they are).` };
  }
  for (const relative of new Set([lexical.relative, realRelative])) {
    const refusal = gate.refusalFor(relative) ?? (relative.toLowerCase() !== relative ? gate.refusalFor(relative.toLowerCase()) : undefined);
    if (refusal) return { ok: false, reason: options.forWrite ? `${refusal} The agent may not change it either.` : refusal };
  }
  return { ok: true, absolute: lexical.absolute, relative: lexical.relative };
}

/**
 * The path relative to the real root once every symbolic link is followed, including a final
 * link whose target does not exist yet (a write would create the target). Undefined when it
 * ends up outside the root.
 */
async function realRelativePath(root: string, absolute: string): Promise<string | undefined> {
  const realRoot = await fs.realpath(root);
  let target = absolute;
  for (let hops = 0; hops < 40; hops++) {
    const parent = await realParent(path.dirname(target));
    const full = path.join(parent, path.basename(target));
    const link = await fs.readlink(full).catch(() => undefined);
    if (link === undefined) {
      const relative = path.relative(realRoot, full);
      if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
      return relative.split(path.sep).join('/');
    }
    target = path.resolve(parent, link);
  }
  return undefined; // a loop of links
}

/** The real path of a folder, or of its nearest existing ancestor with the rest appended. */
async function realParent(folder: string): Promise<string> {
  try {
    return await fs.realpath(folder);
  } catch {
    const up = path.dirname(folder);
    if (up === folder) return folder;
    return path.join(await realParent(up), path.basename(folder));
  }
}

/** Whether a '/'-separated relative path passes through a `.git` folder or names a `.git` file. */
export function insideGitFolder(relative: string): boolean {
  return relative.split(/[\\/]/).some((segment) => {
    // Windows ignores trailing dots and spaces, and `.git::$INDEX_ALLOCATION` names the folder too.
    const name = segment.toLowerCase().replace(/[. ]+$/, '').split(':')[0];
    return name === '.git' || /^git~\d+$/.test(name ?? '');
  });
}
