import type { DetectedFramework } from '../detect/evidence';
import { findFiles } from '../findFiles';
import { dirName, type WorkspaceFiles } from '../workspaceFiles';
import { frameworkLanguage, isTestFile, jsRunnerOf } from './testFiles';

/** How many of the nearest candidates to read when checking which runner a JS test belongs to. */
const contentChecks = 10;

/**
 * The existing test file nearest to where the new test goes (`testPath`, from planTestFile):
 * the prompt shows it as the project's style example. Nearness is the folder distance (same
 * folder first); a JS file that imports a different runner than the detected one is skipped.
 */
export async function findClosestTestFile(files: WorkspaceFiles, testPath: string, detected: DetectedFramework): Promise<string | undefined> {
  const { framework, root } = detected;
  if (framework === 'cargo') return closestRustTests(files, testPath, root);
  const tests = await findFiles(files, (p) => isTestFile(p, framework) && p !== testPath, { dir: root, maxResults: 1_000 });
  const ext = testPath.slice(testPath.lastIndexOf('.'));
  const ranked = tests
    .map((path) => ({ path, distance: folderDistance(dirName(path), dirName(testPath)), sameExt: path.endsWith(ext) }))
    .sort((a, b) => a.distance - b.distance || Number(b.sameExt) - Number(a.sameExt) || a.path.length - b.path.length || a.path.localeCompare(b.path));

  if (frameworkLanguage[framework] !== 'javascript') return ranked[0]?.path;
  for (const { path } of ranked.slice(0, contentChecks)) {
    const runner = jsRunnerOf((await files.read(path)) ?? '');
    if (runner === undefined || runner === framework) return path;
  }
  return undefined;
}

/** Rust unit tests live inside source files: the nearest other .rs file with a #[cfg(test)] module. */
async function closestRustTests(files: WorkspaceFiles, testPath: string, root: string): Promise<string | undefined> {
  const sources = await findFiles(files, (p) => p.endsWith('.rs') && p !== testPath, { dir: root, maxResults: 500 });
  const ranked = sources.sort((a, b) => folderDistance(dirName(a), dirName(testPath)) - folderDistance(dirName(b), dirName(testPath)) || a.localeCompare(b));
  for (const path of ranked.slice(0, 30)) {
    if (/#\[cfg\(test\)\]/.test((await files.read(path)) ?? '')) return path;
  }
  return ranked.find((p) => /(^|\/)tests\/[^/]+\.rs$/.test(p));
}

/** Steps up from one folder and down to the other ('a/b' to 'a/c/d' is 3). */
export function folderDistance(from: string, to: string): number {
  const a = from ? from.split('/') : [];
  const b = to ? to.split('/') : [];
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return a.length - common + (b.length - common);
}
