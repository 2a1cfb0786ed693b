import type { ParseOptions } from '../types';

export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/**
 * A path as printed by a tool -> the path Tandem reports: `file://` URLs decoded, `./` dropped,
 * and absolute paths under the project root made relative ('/'-separated).
 */
export function projectPath(printed: string, options: ParseOptions): string {
  let path = printed.trim();
  if (path.startsWith('file://')) {
    try {
      path = decodeURIComponent(new URL(path).pathname);
      if (/^\/[A-Za-z]:\//.test(path)) path = path.slice(1); // file:///C:/x -> C:/x
    } catch {
      // Not a valid URL after all: keep the text.
    }
  }
  path = path.replace(/^\.\//, '');
  const root = options.projectRoot?.replace(/\\/g, '/').replace(/\/+$/, '');
  if (root) {
    const slashed = path.replace(/\\/g, '/');
    const windows = /^[A-Za-z]:\//.test(root);
    const inside = windows ? slashed.toLowerCase().startsWith(`${root.toLowerCase()}/`) : slashed.startsWith(`${root}/`);
    if (inside) return slashed.slice(root.length + 1);
  }
  return path;
}

export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}

/**
 * Code of the project itself, as opposed to dependencies, runtimes and the runner's internals.
 * With a project root, every project path has been made relative, so an absolute one is outside.
 */
export function isProjectFile(path: string, options: ParseOptions): boolean {
  if (/(^|[\\/])(node_modules|site-packages|dist-packages|\.cargo|\.rustup)[\\/]/.test(path)) return false;
  if (path.startsWith('node:') || path.startsWith('<') || path.startsWith('internal/')) return false;
  if (!isAbsolutePath(path)) return true;
  return !options.projectRoot && !/^\/(usr|rustc|opt|Library|System)\//.test(path);
}

/** A JS stack frame `at fn (file:line:col)` / `at file:line:col`, or Vitest's `❯ fn file:line:col`. */
export function parseJsFrame(text: string, options: ParseOptions): SourceLocation | undefined {
  const match = /^\s*(?:at (?:async )?(?:.*? \()?|❯ (?:\S+ )?)((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?\s*$/.exec(text);
  if (!match?.[1]) return undefined;
  return { file: projectPath(match[1], options), line: Number(match[2]), column: Number(match[3]) };
}

export function isJsFrame(text: string): boolean {
  return /^\s*at \S/.test(text) || /^\s*❯ \S+/.test(text);
}

/** A file name that follows a common test-file convention (used to prefer test-file frames). */
export function looksLikeTestFile(path: string): boolean {
  return /(^|[\\/])(__tests__|tests?|spec)[\\/]/.test(path) || /[._-](test|spec)\.[cm]?[jt]sx?$/.test(path) || /(^|[\\/])test_[^\\/]*\.py$|_test\.(py|go)$/.test(path);
}

/**
 * The location to show for a failure: the first frame in the test file itself (a diagnostic on
 * the test file is what the user acts on), else the first project frame that looks like a test
 * file, else the first frame in project code.
 */
export function pickLocation(frames: readonly SourceLocation[], testFile: string | undefined, options: ParseOptions): SourceLocation | undefined {
  const project = frames.filter((f) => isProjectFile(f.file, options) || f.file === testFile);
  return (testFile ? project.find((f) => f.file === testFile) : undefined) ?? project.find((f) => looksLikeTestFile(f.file)) ?? project[0];
}
