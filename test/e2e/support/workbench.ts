import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { FakeLlmServer, type FakeServerOptions } from '../../support/fakeLlm';
import { loadHarness, type CodeServer, type Profile } from './harness';

/**
 * A real workbench (VS Code 1.139 as code-server) in headless Chromium with Tandem loaded from
 * this checkout, pointed at a fake model server in this process. Tests drive it as a user would.
 */
export interface Workbench {
  page: Page;
  fake: FakeLlmServer;
  workspace: string;
  profile: Profile;
  /** Merges settings into the user's settings.json; the running workbench picks them up. */
  updateSettings(settings: Record<string, unknown>): void;
  /** Runs a command through the command palette (F1), by its title. */
  runCommand(title: string): Promise<void>;
  statusBarItem(id: string): Locator;
  /** The frame of a webview whose document has `selector` (webviews are nested iframes). */
  webviewFrame(selector: string, timeoutMs?: number): Promise<Frame>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openWorkbench(options: { settings?: Record<string, unknown>; fake?: FakeServerOptions } = {}): Promise<Workbench> {
  const harness = await loadHarness();
  await harness.installVscodeHost();
  const fake = await FakeLlmServer.start({ models: ['fake-chat', 'fake-coder', 'llama3.1:8b'], ...options.fake });
  const profile = harness.createTempProfile();
  const workspace = path.join(profile.root, 'pocket-ledger');
  cpSync(harness.sampleFixture, workspace, { recursive: true });
  const tandemSettings = {
    'tandem.provider': 'fake',
    'tandem.providers': { fake: { kind: 'openai-compatible', label: 'Fake server', baseUrl: fake.baseUrl, models: { chat: 'fake-chat', completion: 'fake-coder' } } },
    'workbench.colorTheme': 'Default Dark Modern',
    ...options.settings,
  };
  harness.writeUserSettings(profile.userDataDir, tandemSettings);

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    await fake.close();
    profile.dispose();
  };
  try {
    server = await harness.startCodeServer({ profile, reconnectionGraceSeconds: 5 });
    browser = await harness.launchChromium(profile.env);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    await page.goto(harness.workbenchUrl({ serverUrl: server.url, folder: workspace, extensionDevelopmentPath: harness.repoRoot }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // Tandem's status bar item means its extension host is up and its commands are known.
    await page.locator('[id="tandem-dev.tandem.tandem.model"]').waitFor({ timeout: 60_000 });
    const workbench: Workbench = {
      page, fake, workspace, profile, close,
      updateSettings: (settings) => void harness.updateUserSettings(profile.userDataDir, settings),
      runCommand: (title) => runCommand(page, title),
      statusBarItem: (id) => page.locator(`[id="${id}"]`),
      webviewFrame: (selector, timeoutMs = 20_000) => findFrame(page, selector, timeoutMs),
      screenshot: async (name) => {
        mkdirSync(harness.testResultsDir, { recursive: true });
        const file = path.join(harness.testResultsDir, `e2e-${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
    };
    return workbench;
  } catch (error) {
    await close();
    throw error;
  }
}

async function runCommand(page: Page, title: string): Promise<void> {
  // Focus the workbench first (the empty editor area is inert): a focused webview swallows F1.
  await page.locator('.monaco-workbench .part.editor').click({ position: { x: 200, y: 100 } });
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input[type="text"]');
  await input.waitFor();
  await input.fill(`>${title}`);
  // Fuzzy matching lists similar titles too ("Select Model" also finds "Select Completion
  // Model"): pick the row whose label is exactly the title.
  const rows = page.locator('.quick-input-widget .monaco-list-row');
  await rows.first().waitFor();
  const row = rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) }).first();
  try {
    await row.waitFor({ timeout: 10_000 });
  } catch (error) {
    throw new Error(`no command "${title}" in the palette; it shows ${JSON.stringify(await rows.allInnerTexts())}`, { cause: error });
  }
  await row.click();
}

async function findFrame(page: Page, selector: string, timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.$(selector).catch(() => null)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector} after ${timeoutMs} ms`);
    await page.waitForTimeout(100);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
