// The golden corpus: one test per case in test/fixtures/edits/cases (see its README.md). Each case
// asserts the exact bytes of every file after the edit, and for failures which block failed and why.
import assert from 'node:assert/strict';
import path from 'node:path';
import { caseNames, checkCase, loadCase, runCase } from './corpusCase';

const CASES_DIR = path.resolve(__dirname, '../../fixtures/edits/cases');

describe('edit engine golden corpus', () => {
  for (const name of caseNames(CASES_DIR)) {
    const loaded = loadCase(CASES_DIR, name);
    it(`${name}: ${loaded.spec.description}`, () => {
      const run = runCase(loaded);
      const problems = checkCase(loaded, run);
      const results = JSON.stringify(run.results.map((r) => ({ path: r.path, status: r.status, message: r.message, blocks: r.blocks })), null, 1);
      assert.deepEqual(problems, [], `${problems.join('\n')}\n\nresults:\n${results}`);
    });
  }
});
