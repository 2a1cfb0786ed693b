import Mocha from 'mocha';

/** The one line the test runner (scripts/test.mjs) reads; everything else is for people. */
export const SUITE_RESULT_MARKER = 'TANDEM_SUITE_RESULT';

export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
}

/**
 * Mocha's spec output (readable in the forwarded console), followed by exactly one
 * machine-readable line with the counts: `TANDEM_SUITE_RESULT {"passed":N,"failed":M,"pending":P}`.
 * Failures include failing hooks, so a broken `before` still turns the run red.
 */
export class SuiteReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    // Registered after Spec's own run-end listener, so the line comes after the failure details.
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats;
      const result: SuiteResult = {
        passed: stats?.passes ?? 0,
        failed: stats?.failures ?? 0,
        pending: stats?.pending ?? 0,
      };
      console.log(`${SUITE_RESULT_MARKER} ${JSON.stringify(result)}`);
    });
  }
}
