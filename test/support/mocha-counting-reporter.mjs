// Mocha's spec reporter, plus a JSON file with the counts for scripts/test.mjs:
//   mocha --reporter test/support/mocha-counting-reporter.mjs --reporter-option countsFile=<path>
// writes {"passed":N,"failed":M,"pending":P} when the run ends. Failures include failing hooks.
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

export default class CountingReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const countsFile = options?.reporterOption?.countsFile;
    if (!countsFile) throw new Error('mocha-counting-reporter needs --reporter-option countsFile=<path>');
    runner.once(EVENT_RUN_END, () => {
      const stats = runner.stats ?? {};
      const counts = { passed: stats.passes ?? 0, failed: stats.failures ?? 0, pending: stats.pending ?? 0 };
      writeFileSync(countsFile, `${JSON.stringify(counts)}\n`);
    });
  }
}
