// Runs the e2e suite (test/e2e) against VS Code 1.139 (code-server) in headless Chromium: the
// workbench is opened once, with Tandem loaded from this checkout and pointed at a fake model
// server in this process, and the tests drive it like a user (keyboard, mouse, what is on screen).
// Spawned by scripts/test.mjs (`--only e2e`); also runnable alone after `node esbuild.config.mjs`:
//
//   node scripts/vscode-host/run-e2e.mjs [--grep <pattern>] [--timeout <seconds>]
//
// Prints mocha's spec output and a `TANDEM_SUITE_RESULT {...}` line. Every run uses a fresh temp
// profile and a fresh copy of the sample workspace; a failing test leaves
// test-results/e2e-<test>.png, a failed run also the full console/code-server log.
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { register as registerTsx } from 'tsx/cjs/api';
import { installVscodeHost } from '../install-vscode-host.mjs';
import { launchChromium } from './browser.mjs';
import { cleanupOnSignals, onCleanup, runCleanup, wasInterrupted } from './cleanup.mjs';
import { startCodeServer } from './code-server.mjs';
import { forwardConsole } from './console-forwarder.mjs';
import { saveFailureEvidence } from './evidence.mjs';
import { formatDuration } from './format.mjs';
import { logAppender } from './log-file.mjs';
import { REPO_ROOT, SAMPLE_FIXTURE, TEST_RESULTS_DIR } from './paths.mjs';
import { createTempProfile } from './profile.mjs';
import { writeUserSettings } from './user-settings.mjs';
import { workbenchUrl } from './workbench-url.mjs';

/** The suite's TypeScript entry (run through tsx, so the tests are never bundled or type-stripped by hand). */
const SUITE_ENTRY = path.join(REPO_ROOT, 'test', 'e2e', 'index.ts');
const EXTENSION_BUNDLE = path.join(REPO_ROOT, 'dist', 'extension.js');

/**
 * @typedef {{ passed: number, failed: number, pending: number }} SuiteResult
 * @typedef {{ result?: SuiteResult, durationMs: number, failure?: string }} RunOutcome
 * @typedef {{
 *   startFixture(): Promise<{ userSettings: Record<string, unknown>, close(): Promise<void> }>,
 *   run(options: { page: import('playwright-core').Page, fixture: unknown, resultsDir: string, grep?: string }): Promise<SuiteResult>,
 * }} E2eSuite
 */

/** @returns {E2eSuite} */
function loadSuite() {
  // tsx's CommonJS hook: the suite, its page objects and the fake server share one module graph,
  // so the session the runner hands over is the one the tests import.
  registerTsx();
  return createRequire(import.meta.url)(SUITE_ENTRY);
}

/**
 * Rejects when the run can no longer go on (browser or page gone, code-server exited, time up),
 * so a broken host fails the run at once instead of every remaining test timing out.
 * @param {{ browser: import('playwright-core').Browser, page: import('playwright-core').Page, codeServerExited: Promise<string>, timeoutMs: number }} options
 */
function whenBroken({ browser, page, codeServerExited, timeoutMs }) {
  return new Promise((_, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${formatDuration(timeoutMs)}`)), timeoutMs);
    onCleanup(() => clearTimeout(timer));
    browser.on('disconnected', () => reject(new Error('Chromium exited unexpectedly')));
    page.on('crash', () => reject(new Error('the workbench page crashed')));
    codeServerExited.then((how) => reject(new Error(`code-server exited during the run (${how})`)));
  });
}

/**
 * @param {object} [options]
 * @param {number} [options.timeoutMs]  from starting code-server to the last test (default 10 min: one test starts a second session, and the README screenshots switch themes)
 * @param {string} [options.grep]       mocha grep pattern
 * @returns {Promise<RunOutcome>}
 */
export async function runE2e({ timeoutMs = 10 * 60_000, grep } = {}) {
  const started = Date.now();
  if (!existsSync(EXTENSION_BUNDLE)) throw new Error(`${path.relative(REPO_ROOT, EXTENSION_BUNDLE)} is missing: run \`node esbuild.config.mjs\` first`);
  await installVscodeHost();
  const suite = loadSuite();

  const profile = createTempProfile();
  onCleanup(() => profile.dispose());
  const logFile = path.join(profile.root, 'e2e.log');
  const log = logAppender(logFile);
  const workspace = path.join(profile.root, 'pocket-ledger');
  cpSync(SAMPLE_FIXTURE, workspace, { recursive: true });

  /** @type {import('playwright-core').Page | undefined} */
  let page;
  /** @type {RunOutcome} */
  let outcome;
  try {
    const fixture = await suite.startFixture();
    onCleanup(() => fixture.close());
    writeUserSettings(profile.userDataDir, fixture.userSettings);

    const server = await startCodeServer({ profile, reconnectionGraceSeconds: 5, onLog: (line) => log(`[code-server] ${line}`) });
    onCleanup(() => server.stop());
    console.log(`code-server ready at ${server.url} after ${formatDuration(Date.now() - started)}; opening the workbench in headless Chromium`);

    const browser = await launchChromium(profile.env);
    onCleanup(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // The chat panel's Copy button is checked by reading the clipboard back.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    page = await context.newPage();
    // No suite runs inside the extension host here, so no console line carries a suite tag:
    // everything goes to the log file and only workbench errors are echoed.
    forwardConsole(page, { tag: `[tandem-e2e ${randomUUID()}] `, log, onSuiteLine: () => {} });
    await page.goto(workbenchUrl({ serverUrl: server.url, folder: workspace, extensionDevelopmentPath: REPO_ROOT }));

    const result = await Promise.race([
      suite.run({ page, fixture, resultsDir: TEST_RESULTS_DIR, grep }),
      whenBroken({ browser, page, codeServerExited: server.exited, timeoutMs }),
    ]);
    outcome = { result, durationMs: 0 };
  } catch (error) {
    outcome = { durationMs: 0, failure: error instanceof Error ? error.message : String(error) };
  }
  const failed = outcome.failure !== undefined || (outcome.result?.failed ?? 0) > 0;
  // After Ctrl+C the teardown is already under way and there is nothing to inspect.
  if (failed && !wasInterrupted()) await saveFailureEvidence(outcome.failure ? page : undefined, logFile, 'e2e');
  await runCleanup();
  outcome.durationMs = Date.now() - started;
  return outcome;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { grep: { type: 'string' }, timeout: { type: 'string' } } });
  cleanupOnSignals('Interrupted: stopping code-server, Chromium and the fake model server ...');
  try {
    const timeoutSeconds = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) throw new Error(`--timeout takes seconds, got "${values.timeout}"`);
    const outcome = await runE2e({ grep: values.grep, timeoutMs: timeoutSeconds && timeoutSeconds * 1000 });
    if (outcome.result) console.log(`TANDEM_SUITE_RESULT ${JSON.stringify(outcome.result)}`);
    const counts = outcome.result ? `${outcome.result.passed} passed, ${outcome.result.failed} failed, ${outcome.result.pending} pending` : 'no result reported';
    if (outcome.failure) console.log(`E2E run FAILED: ${outcome.failure}`);
    console.log(`E2E run finished in ${formatDuration(outcome.durationMs)}: ${counts}`);
    process.exitCode = !outcome.failure && outcome.result?.failed === 0 ? 0 : 1;
  } catch (error) {
    console.error(`E2E run could not start: ${error instanceof Error ? error.message : error}`);
    await runCleanup();
    process.exitCode = 1;
  }
  // A run cut short (timeout, crash) may leave mocha's timers behind; everything we started is stopped.
  process.exit();
}
