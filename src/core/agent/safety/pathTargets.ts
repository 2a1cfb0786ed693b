import path from 'node:path';
import type { ShellWord } from './shellTokens';

/**
 * Where a command line's working folder is, as far as a static reading can follow `cd`:
 * a folder inside the workspace (relative, '' for the root), outside it, or unknown.
 */
export type ShellCwd = { kind: 'inside'; relative: string } | { kind: 'outside' } | { kind: 'unknown' };

/**
 * What a path written by a command is: a harmless sink (`/dev/null`), a device, something in a
 * `.git` folder, inside or outside the workspace, or unknown until it runs.
 */
export type PathTarget = 'sink' | 'device' | 'git' | 'inside' | 'outside' | 'unknown';

const sinks = /^\/dev\/(null|stdout|stderr|tty|fd\/\d+)$/;

export interface PathContext {
  /** Absolute workspace root, when known: absolute paths under it count as inside. */
  root: string | undefined;
  cwd: ShellCwd;
}

/** Classifies a path operand or redirection target that a command may write, create or delete. */
export function classifyWriteTarget(word: ShellWord, context: PathContext): PathTarget {
  if (word.tilde || /^(\$HOME|\$\{HOME\})(\/|$)/.test(word.text)) return 'outside';
  const text = word.text.replace(/\\/g, '/');
  if (word.dynamic) return dynamicPrefixTarget(word, context);
  if (/%[A-Za-z_][A-Za-z0-9_]*%/.test(text)) return 'unknown'; // a cmd.exe variable
  if (sinks.test(text)) return 'sink';
  if (text.startsWith('/dev/')) return 'device';
  if (/^[A-Za-z]:/.test(text) || text.startsWith('//')) return 'outside'; // a drive (bash reads C:\x as C:x)
  let relative: string;
  if (text.startsWith('/')) {
    if (!context.root) return 'outside';
    const fromRoot = path.posix.relative(context.root.replace(/\\/g, '/'), path.posix.normalize(text));
    if (fromRoot === '..' || fromRoot.startsWith('../') || path.posix.isAbsolute(fromRoot)) return 'outside';
    relative = fromRoot;
  } else {
    if (context.cwd.kind !== 'inside') return context.cwd.kind;
    relative = path.posix.normalize(path.posix.join(context.cwd.relative || '.', text));
  }
  if (relative === '..' || relative.startsWith('../')) return 'outside';
  const segments = relative.split('/');
  if (word.glob && segments.some((segment) => globMatches(segment, '..'))) return 'outside';
  if (segments.some((segment) => segment.toLowerCase() === '.git' || (word.glob && globMatches(segment, '.git')))) return 'git';
  return 'inside';
}

/** `$HOME/x` and `"$dir"` are unknown; `./build/$name` is still somewhere under `./build`. */
function dynamicPrefixTarget(word: ShellWord, context: PathContext): PathTarget {
  const firstExpansion = word.text.search(/[$`]/);
  const prefix = word.text.slice(0, firstExpansion);
  const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
  if (folder === '') return 'unknown';
  if (folder === '/') return 'outside'; // `/$x`: an absolute path, wherever it lands
  const known = classifyWriteTarget({ ...word, text: folder, dynamic: false }, context);
  return known === 'inside' ? 'unknown' : known;
}

/** Whether one path segment, a glob (`*`, `?`, `[…]`), could expand to `name` (bash rules: a leading dot is never matched by a wildcard). */
export function globMatches(segment: string, name: string): boolean {
  if (!/[*?[]/.test(segment)) return segment === name;
  if (name.startsWith('.') && !segment.startsWith('.')) return false;
  let pattern = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') pattern += '.*';
    else if (c === '?') pattern += '.';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) { pattern += '\\['; continue; }
      const body = segment.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
      pattern += `[${body}]`;
      i = close;
    } else pattern += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  try {
    return new RegExp(`^${pattern}$`, 'i').test(name);
  } catch {
    return true; // a bracket expression we cannot read: assume the worst
  }
}

/** Follows a `cd`/`pushd` argument from the current folder. */
export function changeDirectory(word: ShellWord | undefined, context: PathContext): ShellCwd {
  if (!word || word.tilde || word.text === '-' ) return { kind: 'outside' };
  if (word.dynamic || word.glob) return { kind: 'unknown' };
  const target = classifyWriteTarget(word, context);
  if (target === 'outside' || target === 'device' || target === 'sink') return { kind: 'outside' };
  if (target === 'unknown') return { kind: 'unknown' };
  const text = word.text.replace(/\\/g, '/');
  const relative = text.startsWith('/') && context.root
    ? path.posix.relative(context.root.replace(/\\/g, '/'), path.posix.normalize(text))
    : path.posix.normalize(path.posix.join(context.cwd.kind === 'inside' ? context.cwd.relative || '.' : '.', text));
  return { kind: 'inside', relative: relative === '.' ? '' : relative };
}
