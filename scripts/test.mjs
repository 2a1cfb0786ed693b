// THE test command (`npm test`): typecheck, lint, build, unit tests, integration tests in a real
// VS Code, then e2e tests that drive its workbench in Chromium. Every step runs even after a
// failure, so one run reports everything; the last line is always `N passed, M failed` (typecheck
// and lint count as one check each; a step that crashes or reports no result counts as one
// failure), and the exit code is non-zero if anything failed.
//
//   node scripts/test.mjs                        everything
//   node scripts/test.mjs --only unit            one step (or several: --only typecheck,lint)
//   node scripts/test.mjs --only integration     builds first, then runs the integration suite
//   node scripts/test.mjs --only e2e             builds first, then runs the e2e suite
//   node scripts/test.mjs --grep <pattern>       mocha --grep for the unit, integration and e2e suites
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDuration } from './vscode-host/format.mjs';
import { onLines } from './vscode-host/line-reader.mjs';
import { toolScript } from './vscode-host/node-tools.mjs';
import { REPO_ROOT } from './vscode-host/paths.mjs';

const STEP_NAMES = ['typecheck', 'lint', 'build', 'unit', 'integration', 'e2e'];
const RESULT_LINE = /^TANDEM_SUITE_RESULT (\{.*\})\s*$/;

/** @typedef {{ passed: number, failed: number, pending?: number, note?: string }} Counts */

const { values: options } = parseArgs({ options: { only: { type: 'string' }, grep: { type: 'string' } } });
const selected = selectSteps(options.only);

/** @param {string | undefined} only @returns {string[]} */
function selectSteps(only) {
  if (!only) return STEP_NAMES;
  const wanted = only.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = wanted.filter((name) => !STEP_NAMES.includes(name));
  if (unknown.length > 0) {
    console.error(`Unknown step ${unknown.join(', ')}; steps are ${STEP_NAMES.join(', ')}`);
    process.exit(2);
  }
  // The integration and e2e suites run the compiled bundles, so they always need a fresh build.
  if ((wanted.includes('integration') || wanted.includes('e2e')) && !wanted.includes('build')) wanted.push('build');
  return STEP_NAMES.filter((name) => wanted.includes(name));
}

/**
 * The step's child process. Children run in their own process group, so Ctrl+C reaches only us
 * and we pass it on exactly once: the integration runner then tears down code-server and
 * Chromium itself, and the summary still gets printed.
 */
let current;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.log(`\n${signal}: stopping the current step ...`);
    current?.kill(signal);
  });
}
// If we die unexpectedly, SIGTERM still lets the integration runner stop code-server and Chromium.
process.on('exit', () => current?.kill('SIGTERM'));

/**
 * Runs node with `args` in the repo, output streamed; `onLine` also sees each stdout line.
 * @param {string[]} args @param {{ onLine?: (line: string) => void }} [options]
 * @returns {Promise<number>} exit code
 */
function runNode(args, { onLine } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, detached: true, stdio: ['ignore', onLine ? 'pipe' : 'inherit', 'inherit'] });
    current = child;
    if (onLine) {
      onLines(child.stdout, (line) => {
        console.log(line);
        onLine(line);
      });
    }
    child.on('error', reject);
    child.on('close', (code, signal) => {
      current = undefined;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** @param {number} code @returns {Counts} */
const oneCheck = (code) => (code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });

/** @type {Record<string, () => Promise<Counts>>} */
const steps = {
  typecheck: async () => oneCheck(await runNode([toolScript('typescript', 'tsc'), '-p', '.', '--noEmit'])),

  lint: async () => oneCheck(await runNode([toolScript('eslint', 'eslint'), '.'])),

  // A prerequisite, not a check: it only counts (as one failure) when it breaks.
  build: async () => {
    const code = await runNode(['esbuild.config.mjs', '--tests']);
    return code === 0 ? { passed: 0, failed: 0, note: 'built' } : { passed: 0, failed: 1, note: `build failed (exit ${code})` };
  },

  unit: async () => {
    if (!hasUnitTests()) return { passed: 0, failed: 0, note: 'no unit tests yet' };
    const countsFile = path.join(os.tmpdir(), `tandem-unit-counts-${process.pid}.json`);
    rmSync(countsFile, { force: true });
    const code = await runNode([
      toolScript('mocha', 'mocha'),
      '--reporter', 'test/support/mocha-counting-reporter.mjs',
      '--reporter-option', `countsFile=${countsFile}`,
      ...(options.grep ? ['--grep', options.grep] : []),
    ]);
    if (!existsSync(countsFile)) return { passed: 0, failed: 1, note: `mocha crashed before reporting (exit ${code})` };
    const counts = JSON.parse(readFileSync(countsFile, 'utf8'));
    rmSync(countsFile, { force: true });
    return code !== 0 && counts.failed === 0 ? { ...counts, failed: 1, note: `mocha exited with ${code}` } : counts;
  },

  // The main suite in the sample folder, then the small multi-root suite in a two-folder .code-workspace.
  integration: async () => {
    const main = await runSuite('scripts/vscode-host/run-integration.mjs');
    if (interrupted) return main;
    const multiRoot = await runSuite('scripts/vscode-host/run-integration.mjs', ['--multi-root']);
    const note = [main.note, multiRoot.note && `multi-root run: ${multiRoot.note}`].filter(Boolean).join('; ');
    return { passed: main.passed + multiRoot.passed, failed: main.failed + multiRoot.failed, pending: (main.pending ?? 0) + (multiRoot.pending ?? 0), ...(note ? { note } : {}) };
  },

  // The workbench in Chromium, clicked through like a user (test/e2e); screenshots of failures
  // and of the chat panel's themes go to test-results/.
  e2e: () => runSuite('scripts/vscode-host/run-e2e.mjs'),
};

/**
 * Runs a code-server suite runner (integration or e2e): both print a `TANDEM_SUITE_RESULT {...}`
 * line with the counts and exit non-zero when anything failed.
 * @param {string} script @param {string[]} [args] @returns {Promise<Counts>}
 */
async function runSuite(script, args = []) {
  let result;
  const code = await runNode(
    [script, ...args, ...(options.grep ? ['--grep', options.grep] : [])],
    { onLine: (line) => { const match = RESULT_LINE.exec(line); if (match) result = JSON.parse(match[1]); } },
  );
  if (!result) return { passed: 0, failed: 1, note: `no suite result (exit ${code})` };
  return code !== 0 && result.failed === 0 ? { ...result, failed: 1, note: `run failed (exit ${code})` } : result;
}

function hasUnitTests() {
  const dir = path.join(REPO_ROOT, 'test', 'unit');
  return existsSync(dir) && readdirSync(dir, { recursive: true }).some((file) => String(file).endsWith('.test.ts'));
}

/** @param {Counts} counts */
function describeCounts(counts) {
  const parts = [`${counts.passed} passed`, `${counts.failed} failed`];
  if (counts.pending) parts.push(`${counts.pending} pending`);
  return counts.note ? `${parts.join(', ')} (${counts.note})` : parts.join(', ');
}

const started = Date.now();
/** @type {Array<{ name: string, counts: Counts, ms: number }>} */
const results = [];
for (const [index, name] of selected.entries()) {
  if (interrupted) {
    results.push({ name, counts: { passed: 0, failed: 0, note: 'skipped: interrupted' }, ms: 0 });
    continue;
  }
  console.log(`\n━━ ${index + 1}/${selected.length} ${name} ${'━'.repeat(Math.max(4, 60 - name.length))}`);
  const stepStarted = Date.now();
  let counts;
  try {
    counts = await steps[name]();
  } catch (error) {
    counts = { passed: 0, failed: 1, note: `crashed: ${error instanceof Error ? error.message : error}` };
  }
  if (interrupted) counts = { ...counts, failed: Math.max(counts.failed, 1), note: 'interrupted' };
  const ms = Date.now() - stepStarted;
  results.push({ name, counts, ms });
  console.log(`${counts.failed > 0 ? '✗' : '✓'} ${name}: ${describeCounts(counts)} in ${formatDuration(ms)}`);
}

const totals = results.reduce((sum, { counts }) => ({ passed: sum.passed + counts.passed, failed: sum.failed + counts.failed }), { passed: 0, failed: 0 });
console.log(`\n━━ summary (${formatDuration(Date.now() - started)}) ${'━'.repeat(40)}`);
for (const { name, counts, ms } of results) {
  console.log(`  ${counts.failed > 0 ? '✗' : '✓'} ${name.padEnd(12)} ${describeCounts(counts).padEnd(44)} ${formatDuration(ms)}`);
}
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = interrupted ? 130 : totals.failed > 0 ? 1 : 0;
