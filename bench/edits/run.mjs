// `npm run bench -- edits`: the edit engine against the budgets of ARCHITECTURE.md — 50
// SEARCH/REPLACE blocks on a 20k-line file, review hunks for a 5k-line file with 1% changed and
// for an all-different 6k-line file (no synchronous slice over 50 ms), the review document built
// and decided on those, plus the golden corpus's
// success rate. Baselines (plain jsdiff, String.indexOf) run on the same inputs for comparison.
// Writes bench/runs/edits.json (with --record also bench/results/). The TypeScript sources load through tsx, from a fresh clone.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { printTable, writeResult } from '../report.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const suite = await tsImport('./suite.ts', import.meta.url);

const metrics = {};
for (const [name, scenario] of [
  ['search/replace', suite.searchReplaceScenario],
  ['failed block', suite.failedBlockScenario],
  ['small change', suite.smallChangeScenario],
  ['rewrite', suite.rewriteScenario],
  ['review', suite.reviewScenario],
  ['golden corpus', () => suite.corpusScenario(repoRoot)],
]) {
  const started = performance.now();
  try {
    Object.assign(metrics, scenario());
  } catch (error) {
    // tsx reports TypeScript frames as data: URLs of the whole module; the message is what matters.
    console.error(`${name}: ${error.message}`);
    process.exit(1);
  }
  console.log(`${name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const budgets = {
  searchReplace50Blocks20kLinesMs: 20,
  hunks5kLines1PctMs: 5,
  hunksAllDifferent6kLinesMs: 100,
  hunksAllDifferent6kLinesLongestSliceMs: 50,
  reviewOpenAllDifferent6kLinesMs: 100,
  reviewOpenAllDifferent6kLinesLongestSliceMs: 50,
  goldenCorpusFailures: 0,
};
const result = writeResult('edits', metrics, budgets);
printTable('edits', metrics, budgets, result.pass);
process.exitCode = result.pass ? 0 : 1;
