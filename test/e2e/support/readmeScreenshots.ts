// The README's screenshots, taken by the e2e tests from the real workbench in the dark and the
// light theme, stored as palette PNGs (256 colours: a fraction of the size, no visible loss on a
// UI). An ordinary run writes them to test-results/readme/; `TANDEM_UPDATE_SCREENSHOTS=1` writes
// the tracked copies in docs/screenshots/ (so a test run never dirties the checkout).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Workbench } from './workbench';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const TRACKED_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

interface Upng {
  decode(buffer: ArrayBuffer): unknown;
  toRGBA8(image: unknown): ArrayBuffer[];
  encode(frames: ArrayBuffer[], width: number, height: number, colours: number): ArrayBuffer;
}
// upng-js ships no types; the three calls used are declared above.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const UPNG = require('upng-js') as Upng;

type Theme = 'dark' | 'light';
const THEMES: Record<Theme, { pick: string; bodyClass: string }> = {
  dark: { pick: 'Dark Modern', bodyClass: 'vs-dark' },
  light: { pick: 'Light Modern', bodyClass: 'vs' },
};

/** A PNG with its colours reduced to a 256-colour palette. */
export function optimizePng(png: Buffer, width: number, height: number): Buffer {
  const [rgba] = UPNG.toRGBA8(UPNG.decode(new Uint8Array(png).buffer));
  if (!rgba) throw new Error('the screenshot could not be decoded');
  return Buffer.from(UPNG.encode([rgba], width, height, 256));
}

async function themeOf(page: Page): Promise<Theme> {
  return (await page.locator('.monaco-workbench').getAttribute('class'))?.split(/\s+/).includes('vs-dark') ? 'dark' : 'light';
}

async function switchTheme(workbench: Workbench, theme: Theme): Promise<void> {
  await workbench.runCommand('Preferences: Color Theme');
  await workbench.quickInput.pick(THEMES[theme].pick);
  await workbench.page.waitForFunction((cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls), THEMES[theme].bodyClass, { timeout: 20_000 });
  await workbench.page.waitForTimeout(500); // webviews repaint with the new colours
}

async function save(page: Page, name: string, theme: Theme): Promise<string> {
  const dir = process.env.TANDEM_UPDATE_SCREENSHOTS === '1' ? TRACKED_DIR : path.join(REPO_ROOT, 'test-results', 'readme');
  mkdirSync(dir, { recursive: true });
  const { width, height } = page.viewportSize() ?? { width: 1400, height: 900 };
  const file = path.join(dir, `${name}-${theme}.png`);
  writeFileSync(file, optimizePng(await page.screenshot(), width, height));
  return file;
}

/**
 * Screenshots the workbench as it is, then in the other theme, and switches back. `restore` puts
 * back what switching closed (the Notification Center, for one).
 */
export async function screenshotForReadme(workbench: Workbench, name: string, restore?: () => Promise<void>): Promise<void> {
  const first = await themeOf(workbench.page);
  const second: Theme = first === 'dark' ? 'light' : 'dark';
  await save(workbench.page, name, first);
  await switchTheme(workbench, second);
  await restore?.();
  await save(workbench.page, name, second);
  await switchTheme(workbench, first);
  await restore?.();
}
