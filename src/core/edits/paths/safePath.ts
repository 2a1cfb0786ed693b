import path from 'node:path';

export type SafePath = { ok: true; absolute: string; relative: string } | { ok: false; reason: string };

/**
 * Resolves a path a model wrote against the workspace root, refusing anything that lands outside
 * it (`../`, an absolute path elsewhere, a drive letter or `~`). An absolute path inside the root
 * is accepted. Pure: symlinks are checked by `checkRealPath`.
 */
export function resolveUnderRoot(root: string, candidate: string): SafePath {
  const trimmed = candidate.trim();
  if (trimmed === '' || trimmed.includes('\0')) return { ok: false, reason: `"${candidate}" is not a file path.` };
  if (trimmed.startsWith('~')) return { ok: false, reason: `${candidate} points into a home directory, outside the workspace.` };
  const unified = trimmed.replace(/\\/g, '/');
  if (/^[A-Za-z]:\//.test(unified) && path.sep === '/') return { ok: false, reason: `${candidate} is an absolute Windows path, outside the workspace.` };
  const base = path.resolve(root);
  const absolute = path.resolve(base, unified);
  const relative = path.relative(base, absolute);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    return { ok: false, reason: `${candidate} is outside the workspace (${base}); edits may only change files under it.` };
  }
  return { ok: true, absolute, relative: relative.split(path.sep).join('/') };
}

/**
 * Confirms on disk that `absolute` (from resolveUnderRoot) is under `root` once symlinks are
 * followed: the file itself if it exists, else its nearest existing parent folder. `realpath` is
 * fs.promises.realpath or the editor's equivalent.
 */
export async function checkRealPath(root: string, absolute: string, realpath: (p: string) => Promise<string>): Promise<SafePath> {
  const realRoot = await realpath(path.resolve(root));
  let probe = absolute;
  for (;;) {
    try {
      const real = await realpath(probe);
      const relative = path.relative(realRoot, real);
      const withinRoot = relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
      const isRootItself = relative === '' && probe === absolute;
      if (!withinRoot || isRootItself) return { ok: false, reason: `${path.relative(root, absolute)} leads outside the workspace through a symbolic link.` };
      return { ok: true, absolute, relative: path.relative(path.resolve(root), absolute).split(path.sep).join('/') };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
      const parent = path.dirname(probe);
      if (parent === probe) return { ok: false, reason: `${absolute} has no existing folder inside the workspace.` };
      probe = parent;
    }
  }
}
