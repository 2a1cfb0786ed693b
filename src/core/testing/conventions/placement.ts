import type { DetectedFramework } from '../detect/evidence';
import { findFiles } from '../findFiles';
import type { TestFramework } from '../types';
import { baseName, dirName, joinPath, relativeTo, type WorkspaceFiles } from '../workspaceFiles';
import { describeLayout, inferLayout, inferNaming, placeUnder, testFileName, type Layout, type Naming } from './layout';
import { isTestFile } from './testFiles';

/** Where the tests for a source file go. An existing file is extended, never overwritten. */
export interface TestFilePlan {
  /** Workspace-relative path of the test file. */
  path: string;
  exists: boolean;
  mode: 'create' | 'extend';
  /** Why this path, for the UI and the prompt ("next to the source, as the existing tests are"). */
  convention: string;
}

/** Defaults for a project without tests yet: what each runner finds out of the box. */
const defaults: Partial<Record<TestFramework, { layout: Layout; naming: Naming }>> = {
  jest: { layout: { kind: 'beside' }, naming: { language: 'javascript', infix: 'test' } },
  vitest: { layout: { kind: 'beside' }, naming: { language: 'javascript', infix: 'test' } },
  'node-test': { layout: { kind: 'beside' }, naming: { language: 'javascript', infix: 'test' } },
  // Mocha's default spec is ./test/*.{js,cjs,mjs}: directly in test/, not below it.
  mocha: { layout: { kind: 'tree', testRoot: 'test', flat: true }, naming: { language: 'javascript', infix: 'test' } },
  pytest: { layout: { kind: 'tree', testRoot: 'tests', flat: true }, naming: { language: 'python', style: 'prefix' } },
  unittest: { layout: { kind: 'tree', testRoot: 'tests', flat: true }, naming: { language: 'python', style: 'prefix' } },
};

/** The test file for `sourcePath` (workspace-relative) under the detected framework's conventions. */
export async function planTestFile(files: WorkspaceFiles, sourcePath: string, detected: DetectedFramework): Promise<TestFilePlan> {
  const { framework, root } = detected;
  if (isTestFile(sourcePath, framework)) return plan(sourcePath, true, 'the file is a test file itself');
  switch (framework) {
    case 'go':
      return existing(files, joinPath(dirName(sourcePath), `${stemOf(sourcePath)}_test.go`), 'Go tests sit next to the code, in <name>_test.go');
    case 'cargo':
      // Rust unit tests live in the file itself, in a #[cfg(test)] mod tests.
      return plan(sourcePath, await files.exists(sourcePath), 'Rust unit tests go in the file\'s own #[cfg(test)] mod tests');
    case 'junit':
      return planJvm(files, sourcePath);
    default:
      return planScripted(files, sourcePath, root, framework);
  }
}

async function planScripted(files: WorkspaceFiles, sourcePath: string, root: string, framework: TestFramework): Promise<TestFilePlan> {
  const language = framework === 'pytest' || framework === 'unittest' ? 'python' : 'javascript';
  const source = relativeTo(root, sourcePath);
  const tests = (await findFiles(files, (p) => isTestFile(p, framework), { dir: root, maxResults: 300 })).map((p) => relativeTo(root, p));
  const fallback = defaults[framework] ?? { layout: { kind: 'beside' } as Layout, naming: { language, infix: 'test' } as Naming };

  // A test file for this source under any common layout is the one to extend.
  for (const candidate of candidatePaths(source, language)) {
    if (tests.includes(candidate) || (await files.exists(joinPath(root, candidate)))) return plan(joinPath(root, candidate), true, 'the existing test file for this source');
  }
  const layout = inferLayout(tests, source);
  const naming = inferNaming(tests, language, source) ?? fallback.naming;
  const path = joinPath(root, placeUnder(layout ?? fallback.layout, source, testFileName(source, naming)));
  const why = layout ? `${describeLayout(layout)}, as the existing tests are` : `${describeLayout(fallback.layout)} (${framework}'s default; no tests yet)`;
  return existing(files, path, why);
}

/** Where a test for `source` could already be, under each layout and naming Tandem knows. */
function candidatePaths(source: string, language: 'javascript' | 'python'): string[] {
  const namings: Naming[] = language === 'python'
    ? [{ language, style: 'prefix' }, { language, style: 'suffix' }]
    : [{ language, infix: 'test' }, { language, infix: 'spec' }];
  const layouts: Layout[] = [
    { kind: 'beside' },
    { kind: 'subfolder', folder: language === 'python' ? 'tests' : '__tests__' },
    // Mirrored trees only: in a flat test folder, a same-named test may belong to another source.
    ...['test', 'tests', 'spec'].map((testRoot): Layout => ({ kind: 'tree', testRoot, flat: false })),
  ];
  const paths = layouts.flatMap((layout) => namings.map((naming) => placeUnder(layout, source, testFileName(source, naming))));
  return [...new Set(paths)];
}

/** Maven and Gradle: src/main/java/a/B.java -> src/test/java/a/BTest.java (BTests, TestB if present). */
async function planJvm(files: WorkspaceFiles, sourcePath: string): Promise<TestFilePlan> {
  const testDir = /(^|\/)src\/main\//.test(sourcePath) ? dirName(sourcePath.replace(/(^|\/)src\/main\//, '$1src/test/')) : dirName(sourcePath);
  const stem = stemOf(sourcePath);
  const ext = sourcePath.slice(sourcePath.lastIndexOf('.'));
  for (const name of [`${stem}Test`, `${stem}Tests`, `Test${stem}`]) {
    const path = joinPath(testDir, `${name}${ext}`);
    if (await files.exists(path)) return plan(path, true, 'the existing test class for this class');
  }
  return plan(joinPath(testDir, `${stem}Test${ext}`), false, 'the test source tree mirrors src/main (Maven/Gradle layout)');
}

async function existing(files: WorkspaceFiles, path: string, convention: string): Promise<TestFilePlan> {
  return plan(path, await files.exists(path), convention);
}

function plan(path: string, exists: boolean, convention: string): TestFilePlan {
  return { path, exists, mode: exists ? 'extend' : 'create', convention };
}

function stemOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}
