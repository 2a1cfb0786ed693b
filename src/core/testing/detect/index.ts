import { frameworkLanguage, jsRunnerOf, languageOf, type TestLanguage } from '../conventions/testFiles';
import { dirName, joinPath, type WorkspaceFiles } from '../workspaceFiles';
import { detectGo, detectJvm, detectRust } from './compiled';
import type { DetectedFramework } from './evidence';
import { detectJavaScript } from './javascript';
import { detectPython } from './python';

export type { DetectedFramework } from './evidence';

const detectors = [detectJavaScript, detectPython, detectGo, detectRust, detectJvm];

/** The files that make a folder a project root, per language. */
const rootMarkers: Record<TestLanguage, string[]> = {
  javascript: ['package.json'],
  python: ['pyproject.toml', 'setup.py', 'setup.cfg', 'tox.ini', 'pytest.ini'],
  go: ['go.mod'],
  rust: ['Cargo.toml'],
  jvm: ['pom.xml', 'build.gradle', 'build.gradle.kts'],
};

/** Every test framework the project at `root` shows evidence of, surest first. */
export async function detectTestFrameworks(files: WorkspaceFiles, root = ''): Promise<DetectedFramework[]> {
  const found = (await Promise.all(detectors.map((detect) => detect(files, root)))).flat();
  return found.sort((a, b) => b.score - a.score);
}

/**
 * The nearest folder above `path` that is a project of the file's language (package.json for
 * a .ts file, go.mod for a .go file, ...), so monorepos and mixed repos resolve per package.
 * '' (the workspace root) when none is found.
 */
export async function findProjectRoot(files: WorkspaceFiles, path: string, language = languageOf(path)): Promise<string> {
  const markers = language ? rootMarkers[language] : Object.values(rootMarkers).flat();
  for (let dir = dirName(path); ; dir = dirName(dir)) {
    for (const marker of markers) if (await files.exists(joinPath(dir, marker))) return dir;
    if (!dir) return '';
  }
}

/**
 * The framework to write and run tests for `path` with: the surest candidate of the file's
 * language in its project. A JS test file that imports a runner settles the question itself.
 */
export async function detectFrameworkFor(files: WorkspaceFiles, path: string): Promise<DetectedFramework | undefined> {
  const language = languageOf(path);
  if (!language) return undefined;
  const root = await findProjectRoot(files, path, language);
  const candidates = (await detectTestFrameworks(files, root)).filter((c) => frameworkLanguage[c.framework] === language);
  if (language === 'javascript') {
    const runner = jsRunnerOf((await files.read(path)) ?? '');
    const imported = candidates.find((c) => c.framework === runner);
    if (imported) return imported;
  }
  return candidates[0];
}
