import { sameFailures } from './failureSignature';
import type { TestRunReport } from './testRun';

/** Which fix round a step belongs to (1-based) out of how many are allowed. */
export interface FixRound {
  round: number;
  of: number;
}

/** What became of one fix attempt. */
export type FixStepOutcome =
  /** The fix was written (the user accepted all or part of it). */
  | { kind: 'applied'; target: FixTarget }
  /** The model's reply had no edit that could be applied; `reason` says why, for people. */
  | { kind: 'no-edit'; reason: string }
  /** The user rejected the proposed fix. */
  | { kind: 'rejected' };

/** Whether a fix changes the test, the code under test, or both. */
export type FixTarget = 'test' | 'code' | 'both';

/** The two things the loop does; the editor and the CLI implement them (task or child process, review or prompt). */
export interface FixLoopSteps {
  run(signal: AbortSignal): Promise<TestRunReport>;
  fix(report: TestRunReport, round: FixRound, signal: AbortSignal): Promise<FixStepOutcome>;
}

export type FixLoopProgress =
  | { step: 'running'; round: number; of: number; message: string }
  | { step: 'fixing'; round: number; of: number; message: string };

export interface FixLoopOptions {
  /** Fix rounds allowed (tandem.tests.maxFixRounds); 0 runs the tests once and fixes nothing. */
  maxRounds: number;
  signal?: AbortSignal;
  /** A run that already happened (the failures the user asked to fix): the loop starts from it. */
  initial?: TestRunReport;
  onProgress?(progress: FixLoopProgress): void;
}

/** Why the loop stopped. */
export type FixLoopStop =
  | 'passed'
  | 'cancelled'
  | 'no-edit'
  | 'rejected'
  /** A fix left exactly the failures it was meant to fix. */
  | 'same-failures'
  /** Every allowed round was used and the tests still fail. */
  | 'max-rounds';

export interface FixLoopResult {
  stop: FixLoopStop;
  /** Fix rounds started. */
  rounds: number;
  /** The last finished run (absent only when cancelled before the first run ended). */
  report?: TestRunReport;
  /** What happened, in a sentence for a notification or the terminal. */
  message: string;
}

/**
 * Runs the tests and, while they fail, asks for a fix, applies it and runs them again: at most
 * `maxRounds` fixes. Stops when the tests pass, when cancelled, when a reply has no applicable
 * edit, when the user rejects a fix, or when a fix leaves the same failures as before.
 * Errors of the steps (the model server failing, the runner unable to start) are thrown.
 */
export async function runFixLoop(steps: FixLoopSteps, options: FixLoopOptions): Promise<FixLoopResult> {
  const maxRounds = Math.max(0, Math.floor(options.maxRounds));
  const signal = options.signal ?? new AbortController().signal;
  const progress = (p: FixLoopProgress) => options.onProgress?.(p);
  let rounds = 0;
  let report = options.initial;
  const cancelled = (): FixLoopResult => ({ stop: 'cancelled', rounds, ...(report ? { report } : {}), message: `Cancelled${rounds > 0 ? ` after ${plural(rounds, 'fix round')}` : ''}.` });

  try {
    if (!report) {
      if (signal.aborted) return cancelled();
      progress({ step: 'running', round: 0, of: maxRounds, message: 'Running tests…' });
      report = await steps.run(signal);
    }
    if (signal.aborted || report.exitCode === undefined) return cancelled();
    if (report.passed) return { stop: 'passed', rounds, report, message: 'The tests pass.' };
    if (maxRounds === 0) return { stop: 'max-rounds', rounds, report, message: 'The tests fail; fixing is off (tandem.tests.maxFixRounds is 0).' };

    while (rounds < maxRounds) {
      rounds++;
      const round = { round: rounds, of: maxRounds };
      if (signal.aborted) return cancelled();
      progress({ step: 'fixing', ...round, message: `Round ${rounds} of ${maxRounds}: asking for a fix…` });
      const outcome = await steps.fix(report, round, signal);
      if (signal.aborted) return cancelled();
      if (outcome.kind === 'no-edit') return { stop: 'no-edit', rounds, report, message: `Stopped in round ${rounds}: the model's reply had no fix that could be applied. ${outcome.reason}`.trim() };
      if (outcome.kind === 'rejected') return { stop: 'rejected', rounds, report, message: `Stopped in round ${rounds}: the fix was rejected.` };

      progress({ step: 'running', ...round, message: `Round ${rounds} of ${maxRounds}: running tests…` });
      const next = await steps.run(signal);
      if (signal.aborted || next.exitCode === undefined) {
        report = next;
        return cancelled();
      }
      const previous = report;
      report = next;
      if (report.passed) return { stop: 'passed', rounds, report, message: `The tests pass after ${plural(rounds, 'fix round')}.` };
      if (sameFailures(previous, report)) {
        return { stop: 'same-failures', rounds, report, message: `Stopped after round ${rounds}: the fix did not change the failures.` };
      }
    }
    return { stop: 'max-rounds', rounds, report, message: `The tests still fail after ${plural(rounds, 'fix round')} (the limit, tandem.tests.maxFixRounds).` };
  } catch (error) {
    if (signal.aborted) return cancelled();
    throw error;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
