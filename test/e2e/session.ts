// The live workbench the e2e tests drive, handed over by the runner through index.ts's run().
import type { Page } from 'playwright-core';
import type { E2eFixture } from './fixture';
import { Workbench } from './support/workbench';

export interface E2eSession {
  readonly page: Page;
  readonly fixture: E2eFixture;
  /** Where screenshots go (the repo's test-results/). */
  readonly resultsDir: string;
}

let current: { session: E2eSession; workbench: Workbench } | undefined;

export function beginSession(session: E2eSession): Workbench {
  current = { session, workbench: new Workbench(session.page, session.resultsDir) };
  return current.workbench;
}

export function endSession(): void {
  current = undefined;
}

function active(): NonNullable<typeof current> {
  if (!current) throw new Error('No e2e session: run the e2e tests with `node scripts/test.mjs --only e2e`');
  return current;
}

/** The workbench page object for the running session. */
export function workbench(): Workbench {
  return active().workbench;
}

export function fixture(): E2eFixture {
  return active().session.fixture;
}
