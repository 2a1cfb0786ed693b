// Entry point of the e2e suite, loaded by scripts/vscode-host/run-e2e.mjs (through tsx) once the
// workbench is open in Chromium: runs every test/e2e/**/*.e2e.ts with mocha against that page
// and reports the counts. A failing test leaves a screenshot in test-results/e2e-<test>.png.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import type { Page } from 'playwright-core';
import type { E2eFixture } from './fixture';
import { beginSession, endSession } from './session';

export { startFixture } from './fixture';

export interface E2eRunOptions {
  page: Page;
  fixture: E2eFixture;
  /** Where failure screenshots go (the repo's test-results/). */
  resultsDir: string;
  grep?: string;
}

export interface E2eResult {
  passed: number;
  failed: number;
  pending: number;
}

/** From starting the workbench: code-server, the extension host and Tandem's activation. */
const TANDEM_LOAD_TIMEOUT_MS = 60_000;

export async function run({ page, fixture, resultsDir, grep }: E2eRunOptions): Promise<E2eResult> {
  const workbench = beginSession({ page, fixture, resultsDir });
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec', ...(grep ? { grep } : {}) });
  for (const file of testFiles(__dirname)) mocha.addFile(file);

  mocha.suite.beforeAll('wait for the workbench with Tandem loaded', async function () {
    this.timeout(TANDEM_LOAD_TIMEOUT_MS + 5_000);
    await workbench.waitUntilTandemIsLoaded(TANDEM_LOAD_TIMEOUT_MS);
  });
  mocha.suite.afterEach('screenshot a failure, then tidy up', async function () {
    const test = this.currentTest;
    if (test?.state === 'failed') {
      const file = await workbench.screenshot(slug(test.fullTitle())).catch(() => undefined);
      if (file) console.log(`    screenshot: ${path.relative(process.cwd(), file)}`);
    }
    await workbench.dismissOverlays();
  });

  try {
    const runner = await new Promise<Mocha.Runner>((resolve) => {
      const started = mocha.run(() => resolve(started));
    });
    const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
    return { passed: passes, failed: failures, pending };
  } finally {
    endSession();
  }
}

/** Every *.e2e.ts below `dir`, sorted so the order is the same on every machine. */
function testFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.e2e.ts'))
    .sort()
    .map((file) => path.join(dir, file));
}

/** A file-name-safe form of a test title. */
function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 100);
}
