// Debian's Chromium, headless, driven by playwright-core (never `npx playwright install`: it
// cannot download browsers here). Arguments as verified in shared VSCODE_TEST_HOST.md.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from './paths.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * @param {Record<string, string>} profileEnv XDG_* and TMPDIR of the run, so Chromium writes nothing into HOME or /tmp
 * @returns {Promise<import('playwright-core').Browser>}
 */
export function launchChromium(profileEnv) {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run \`npm run setup:vscode-host\` (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...profileEnv },
    // We own teardown (process groups, cleanup on signals); Playwright must not race it.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}
