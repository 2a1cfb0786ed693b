// Runs the compiled integration suite inside VS Code 1.139 (code-server) driven by headless
// Chromium, and exits with the suite's verdict. Spawned by scripts/test.mjs; also runnable alone
// after `node esbuild.config.mjs --tests`:
//
//   node scripts/vscode-host/run-integration.mjs [--grep <pattern>] [--timeout <seconds>] [--multi-root]
//
// --multi-root runs the small multi-root suite (test/integration/multiRoot) instead, in a generated
// .code-workspace holding a copy of the sample and a second small folder.
//
// Prints the suite's spec output and its `TANDEM_SUITE_RESULT {...}` line. Every run uses a fresh
// temp profile and a fresh copy of the sample workspace; on failure a screenshot and the full
// console log are saved to test-results/.
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { installVscodeHost } from '../install-vscode-host.mjs';
import { launchChromium } from './browser.mjs';
import { cleanupOnSignals, onCleanup, runCleanup, wasInterrupted } from './cleanup.mjs';
import { startCodeServer } from './code-server.mjs';
import { forwardConsole } from './console-forwarder.mjs';
import { saveFailureEvidence } from './evidence.mjs';
import { formatDuration } from './format.mjs';
import { logAppender } from './log-file.mjs';
import { MULTI_ROOT_SUITE_ENTRY, REPO_ROOT, SAMPLE_FIXTURE, SECOND_FOLDER_FIXTURE, SUITE_ENTRY } from './paths.mjs';
import { createTempProfile } from './profile.mjs';
import { assertSuiteManifestComplete } from './suite-manifest.mjs';
import { writeUserSettings } from './user-settings.mjs';
import { workbenchUrl } from './workbench-url.mjs';

const RESULT_LINE = /^TANDEM_SUITE_RESULT (\{.*\})\s*$/;
// Names shared with test/integration/consoleTag.ts and index.ts.
const CONSOLE_TAG_ENV = 'TANDEM_TEST_CONSOLE_TAG';
const GREP_ENV = 'TANDEM_TEST_GREP';

/**
 * @typedef {{ passed: number, failed: number, pending: number }} SuiteResult
 * @typedef {{ exitCode: number, result?: SuiteResult, durationMs: number, failure?: string }} RunOutcome
 */

/**
 * @param {object} [options]
 * @param {number} [options.timeoutMs]  from starting code-server to the suite's verdict (default 20 min: the suite took 3 min on a quiet 2-core machine before the agent, MCP and review tests joined it, and twice as long under load)
 * @param {string} [options.grep]       mocha grep pattern
 * @param {Record<string, unknown>} [options.settings]  VS Code user settings for the run
 * @param {string} [options.suiteEntry]  another compiled suite (e.g. a benchmark) instead of the integration suite
 * @param {(line: string) => void} [options.onSuiteLine]  also receives every line the suite prints
 * @param {boolean} [options.multiRoot]  open a .code-workspace of two folders (the sample and a second small one) and run the multi-root suite
 * @returns {Promise<RunOutcome>}
 */
export async function runIntegration({ timeoutMs = 20 * 60_000, grep, settings = {}, multiRoot = false, suiteEntry = multiRoot ? MULTI_ROOT_SUITE_ENTRY : SUITE_ENTRY, onSuiteLine } = {}) {
  const started = Date.now();
  if (!existsSync(suiteEntry)) throw new Error(`${path.relative(REPO_ROOT, suiteEntry)} is missing: run \`node esbuild.config.mjs --tests\` first`);
  if (suiteEntry === SUITE_ENTRY) assertSuiteManifestComplete();
  await installVscodeHost();

  const profile = createTempProfile();
  onCleanup(() => profile.dispose());
  const logFile = path.join(profile.root, 'integration.log');
  const log = logAppender(logFile);
  const workspace = path.join(profile.root, 'pocket-ledger');
  cpSync(SAMPLE_FIXTURE, workspace, { recursive: true });
  /** @type {string | undefined} */
  let workspaceFile;
  if (multiRoot) {
    cpSync(SECOND_FOLDER_FIXTURE, path.join(profile.root, 'shelf-keeper'), { recursive: true });
    workspaceFile = path.join(profile.root, 'multi-root.code-workspace');
    writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: 'pocket-ledger' }, { path: 'shelf-keeper' }] }, null, 2));
  }
  writeUserSettings(profile.userDataDir, settings);

  /** @type {SuiteResult | undefined} */
  let result;
  let page;
  const tag = `[tandem-suite ${randomUUID().slice(0, 8)}] `;

  const verdict = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${formatDuration(timeoutMs)}`)), timeoutMs);
    onCleanup(() => clearTimeout(timer));
    (async () => {
      const server = await startCodeServer({
        profile,
        reconnectionGraceSeconds: 5,
        env: { [CONSOLE_TAG_ENV]: tag, ...(grep ? { [GREP_ENV]: grep } : {}) },
        onLog: (line) => log(`[code-server] ${line}`),
      });
      onCleanup(() => server.stop());
      console.log(`code-server ready at ${server.url} after ${formatDuration(Date.now() - started)}; opening the workbench in headless Chromium`);

      const browser = await launchChromium(profile.env);
      onCleanup(() => browser.close());
      browser.on('disconnected', () => reject(new Error('Chromium exited unexpectedly')));
      page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.on('crash', () => reject(new Error('the workbench page crashed')));
      // The workbench calls window.codeAutomationExit(code) once the suite's run() settles.
      await page.exposeFunction('codeAutomationExit', (code) => resolve(Number(code)));
      forwardConsole(page, {
        tag,
        log,
        onSuiteLine: (line) => {
          console.log(line);
          onSuiteLine?.(line);
          const match = RESULT_LINE.exec(line);
          if (match) result = JSON.parse(match[1]);
        },
      });
      await page.goto(workbenchUrl({ serverUrl: server.url, folder: workspace, workspace: workspaceFile, extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: suiteEntry }));
    })().catch(reject);
  });

  /** @type {RunOutcome} */
  let outcome;
  try {
    const exitCode = await verdict;
    outcome = { exitCode, result, durationMs: 0 };
    if (!result) outcome.failure = `the suite reported no TANDEM_SUITE_RESULT line (extension host exit code ${exitCode})`;
  } catch (error) {
    outcome = { exitCode: 1, result, durationMs: 0, failure: error instanceof Error ? error.message : String(error) };
  }
  // After Ctrl+C the teardown is already under way and there is nothing to inspect.
  if ((outcome.failure || outcome.exitCode !== 0) && !wasInterrupted()) await saveFailureEvidence(page, logFile);
  await runCleanup();
  outcome.durationMs = Date.now() - started;
  return outcome;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { grep: { type: 'string' }, timeout: { type: 'string' }, 'multi-root': { type: 'boolean' } } });
  cleanupOnSignals('Interrupted: stopping code-server and Chromium ...');
  try {
    const timeoutSeconds = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) throw new Error(`--timeout takes seconds, got "${values.timeout}"`);
    const outcome = await runIntegration({ grep: values.grep, multiRoot: values['multi-root'] ?? false, timeoutMs: timeoutSeconds && timeoutSeconds * 1000 });
    const counts = outcome.result ? `${outcome.result.passed} passed, ${outcome.result.failed} failed, ${outcome.result.pending} pending` : 'no result reported';
    if (outcome.failure) console.log(`Integration run FAILED: ${outcome.failure}`);
    console.log(`Integration run finished in ${formatDuration(outcome.durationMs)}: ${counts}`);
    process.exitCode = outcome.exitCode === 0 && outcome.result?.failed === 0 ? 0 : 1;
  } catch (error) {
    console.error(`Integration run could not start: ${error instanceof Error ? error.message : error}`);
    await runCleanup();
    process.exitCode = 1;
  }
}
