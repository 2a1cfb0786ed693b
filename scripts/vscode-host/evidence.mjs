// What a failed integration or e2e run leaves behind for a person to inspect (test-results/ is git-ignored).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, TEST_RESULTS_DIR } from './paths.mjs';

/**
 * Saves a screenshot of the workbench and the run's full console/code-server log to test-results/.
 * @param {import('playwright-core').Page | undefined} page  undefined if the run failed before opening it
 * @param {string} logFile
 * @param {string} [run]  prefix of the saved file names: which suite failed
 */
export async function saveFailureEvidence(page, logFile, run = 'integration') {
  mkdirSync(TEST_RESULTS_DIR, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const saved = [];
  if (page && !page.isClosed()) {
    const screenshot = path.join(TEST_RESULTS_DIR, `${run}-${stamp}.png`);
    try {
      await page.screenshot({ path: screenshot, timeout: 10_000 });
      saved.push(screenshot);
    } catch (error) {
      console.log(`(no screenshot: ${error instanceof Error ? error.message.split('\n')[0] : error})`);
    }
  }
  if (existsSync(logFile)) {
    const logCopy = path.join(TEST_RESULTS_DIR, `${run}-${stamp}.log`);
    copyFileSync(logFile, logCopy);
    saved.push(logCopy);
  }
  if (saved.length > 0) console.log(`Saved for inspection: ${saved.map((file) => path.relative(REPO_ROOT, file)).join(', ')}`);
}
