import assert from 'node:assert/strict';
import { scoreCase } from '../../../bench/completions/scoreCorpus';
import { harmCorpusDir, loadGoldenCases } from './goldenCases';

// The harm corpus (test/fixtures/completion/harm): raw model outputs of many families and the
// ghost text a user should see, run through the engine's whole post-processing, guard included.
const cases = loadGoldenCases(harmCorpusDir);

describe('completion harm corpus: what the user sees at the cursor (test/fixtures/completion/harm)', () => {
  it('has at least 100 cases across at least 7 languages', () => {
    assert.ok(cases.length >= 100, `only ${cases.length} cases`);
    const languages = new Set(cases.map((c) => c.languageId));
    assert.ok(languages.size >= 7, [...languages].join(', '));
  });

  for (const golden of cases) {
    it(`${golden.languageId}: ${golden.name}`, () => {
      const { shown, verdict } = scoreCase(golden);
      if (golden.expected === undefined) {
        assert.equal(shown, undefined, `expected nothing to be shown, got ${JSON.stringify(shown?.insertText)}`);
        return;
      }
      assert.ok(shown, 'nothing was shown');
      assert.equal(shown.insertText, golden.expected);
      assert.equal(shown.replaceLength, golden.replaces, 'characters after the cursor replaced');
      assert.equal(verdict, 'exact');
    });
  }
});
