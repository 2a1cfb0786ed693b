import type { TestFramework } from '../types';
import { baseName } from '../workspaceFiles';

export type TestLanguage = 'javascript' | 'python' | 'go' | 'rust' | 'jvm';

export const frameworkLanguage: Record<TestFramework, TestLanguage> = {
  jest: 'javascript', vitest: 'javascript', mocha: 'javascript', 'node-test': 'javascript',
  pytest: 'python', unittest: 'python', go: 'go', cargo: 'rust', junit: 'jvm',
};

/** The language a source file belongs to, by extension; undefined for anything else. */
export function languageOf(path: string): TestLanguage | undefined {
  if (/\.[cm]?[jt]sx?$/.test(path)) return 'javascript';
  if (/\.pyi?$/.test(path)) return 'python';
  if (path.endsWith('.go')) return 'go';
  if (path.endsWith('.rs')) return 'rust';
  if (/\.(java|kt|groovy|scala)$/.test(path)) return 'jvm';
  return undefined;
}

const jsTest = /\.(test|spec)\.[cm]?[jt]sx?$/;
const jsInTestDir = /(^|\/)(__tests__|tests?|spec)\/.*\.[cm]?[jt]sx?$/;
// node --test's default patterns: *.test.js, *-test.js, *_test.js, test-*.js, test.js, test/**.
const nodeTestName = /(^|[._-])test\.[cm]?[jt]s$|^test-.*\.[cm]?[jt]s$/;

/** Whether a workspace-relative path is a test file by the framework's own naming rules. */
export function isTestFile(path: string, framework: TestFramework): boolean {
  const name = baseName(path);
  switch (framework) {
    case 'jest':
    case 'vitest':
      return jsTest.test(name) || /(^|\/)__tests__\/.*\.[cm]?[jt]sx?$/.test(path);
    case 'mocha':
      return jsTest.test(name) || jsInTestDir.test(path);
    case 'node-test':
      return jsTest.test(name) || nodeTestName.test(name) || /(^|\/)test\/.*\.[cm]?[jt]s$/.test(path);
    case 'pytest':
      return /^test_.*\.py$|_test\.py$/.test(name);
    case 'unittest':
      return /^test.*\.py$/.test(name);
    case 'go':
      return name.endsWith('_test.go');
    case 'cargo':
      return /(^|\/)tests\/[^/]+\.rs$/.test(path);
    case 'junit':
      return /(^|\/)src\/test\//.test(path) && /^(Test\w+|\w+(Test|Tests|IT))\.(java|kt|groovy|scala)$/.test(name);
  }
}

/** Imports that tie a JS test file to one runner (files with none fit any globals-based runner). */
const jsRunnerImports: [TestFramework, RegExp][] = [
  ['vitest', /from\s+['"]vitest['"]|require\(\s*['"]vitest['"]\s*\)/],
  ['jest', /from\s+['"]@jest\/globals['"]|require\(\s*['"]@jest\/globals['"]\s*\)/],
  ['node-test', /from\s+['"](node:)?test['"]|require\(\s*['"](node:)?test['"]\s*\)/],
];

/** The JS runner a test file's imports name, if any. */
export function jsRunnerOf(content: string): TestFramework | undefined {
  return jsRunnerImports.find(([, pattern]) => pattern.test(content))?.[0];
}
