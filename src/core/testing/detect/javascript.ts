import { findFiles } from '../findFiles';
import { isTestFile, jsRunnerOf } from '../conventions/testFiles';
import { joinPath, type WorkspaceFiles } from '../workspaceFiles';
import { EvidenceBoard, parseJsonObject, stringRecord, type DetectedFramework } from './evidence';

const configFiles: [DetectedFramework['framework'], string[]][] = [
  ['jest', ['jest.config.js', 'jest.config.ts', 'jest.config.mjs', 'jest.config.cjs', 'jest.config.json']],
  ['vitest', ['vitest.config.ts', 'vitest.config.js', 'vitest.config.mts', 'vitest.config.mjs', 'vitest.config.cts', 'vitest.config.cjs', 'vitest.workspace.ts', 'vitest.workspace.js']],
  ['mocha', ['.mocharc.js', '.mocharc.cjs', '.mocharc.json', '.mocharc.jsonc', '.mocharc.yml', '.mocharc.yaml']],
];
const viteConfigs = ['vite.config.ts', 'vite.config.js', 'vite.config.mts', 'vite.config.mjs'];

/** How a script line names each runner. */
const scriptRunners: [DetectedFramework['framework'], RegExp][] = [
  ['jest', /\bjest\b/],
  ['vitest', /\bvitest\b/],
  ['mocha', /\bmocha\b/],
  ['node-test', /\b(node|tsx)\b[^&|;]*\s--test\b/],
];

/** Jest, Vitest, Mocha and node:test, from package.json, config files and the existing tests. */
export async function detectJavaScript(files: WorkspaceFiles, root: string): Promise<DetectedFramework[]> {
  const pkgText = await files.read(joinPath(root, 'package.json'));
  if (pkgText === undefined) return [];
  const pkg = parseJsonObject(pkgText) ?? {};
  const board = new EvidenceBoard(root);

  const scripts = stringRecord(pkg.scripts);
  for (const [framework, pattern] of scriptRunners) {
    if (scripts.test && pattern.test(scripts.test)) board.add(framework, 4, `package.json scripts.test runs ${framework}: "${scripts.test}"`);
    const other = Object.entries(scripts).find(([name, line]) => name !== 'test' && pattern.test(line));
    if (other) board.add(framework, 1, `package.json scripts.${other[0]} runs ${framework}`);
  }

  const deps = { ...stringRecord(pkg.dependencies), ...stringRecord(pkg.devDependencies) };
  const depWeights: [DetectedFramework['framework'], string, number][] = [
    ['jest', 'jest', 2], ['jest', 'ts-jest', 1], ['jest', 'babel-jest', 1], ['jest', '@jest/globals', 1], ['jest', '@types/jest', 1],
    ['vitest', 'vitest', 2], ['mocha', 'mocha', 2], ['mocha', '@types/mocha', 1],
  ];
  for (const [framework, dep, weight] of depWeights) if (deps[dep]) board.add(framework, weight, `package.json depends on ${dep}`);
  if (pkg.jest !== undefined) board.add('jest', 3, 'package.json has a "jest" section');
  if (pkg.mocha !== undefined) board.add('mocha', 3, 'package.json has a "mocha" section');

  for (const [framework, names] of configFiles) {
    for (const name of names) if (await files.exists(joinPath(root, name))) board.add(framework, 3, `${name} exists`);
  }
  for (const name of viteConfigs) {
    const text = await files.read(joinPath(root, name));
    if (text && /\btest\s*:/.test(text)) board.add('vitest', 2, `${name} has a "test" section`);
  }

  await existingTests(files, root, board);
  const results = board.results();
  if (results.length) return results;
  return [{ framework: 'node-test', root, score: 0.5, evidence: ['no test runner configured; node:test is built into Node'], fallback: true }];
}

/** Test files that import a runner are strong evidence; a few are enough to tell. */
async function existingTests(files: WorkspaceFiles, root: string, board: EvidenceBoard): Promise<void> {
  const tests = await findFiles(files, (p) => isTestFile(p, 'mocha') && !p.endsWith('.d.ts'), { dir: root, maxResults: 20 });
  for (const path of tests) {
    const content = (await files.read(path)) ?? '';
    const runner = jsRunnerOf(content);
    if (runner) board.add(runner, 3, `existing tests import ${runner === 'node-test' ? 'node:test' : runner} (${path})`, 'imports');
    if (/\bjest\.(fn|mock|spyOn)\(/.test(content)) board.add('jest', 1, `existing tests use the jest object (${path})`, 'jest-object');
    if (/\bvi\.(fn|mock|spyOn)\(/.test(content)) board.add('vitest', 1, `existing tests use the vi object (${path})`, 'vi-object');
  }
}
