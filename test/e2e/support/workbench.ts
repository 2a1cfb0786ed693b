// Page object for the VS Code workbench in the browser: one entry point per part the tests use.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { Notifications } from './notifications';
import { OutputView } from './outputView';
import { QuickInput } from './quickInput';
import { SettingsEditor } from './settingsEditor';
import { StatusBarItem } from './statusBar';
import { findWebviewFrame } from './webviews';

/** Tandem's model entry: `createStatusBarItem('tandem.model')` in the extension `tandem-dev.tandem`. */
export const TANDEM_MODEL_ITEM_ID = 'tandem-dev.tandem.tandem.model';
/** The last test run's result: `createStatusBarItem('tandem.tests')`. */
export const TANDEM_TESTS_ITEM_ID = 'tandem-dev.tandem.tandem.tests';

export class Workbench {
  readonly quickInput: QuickInput;
  readonly notifications: Notifications;
  readonly settingsEditor: SettingsEditor;
  readonly output: OutputView;

  /** @param resultsDir where screenshot() saves (the repo's test-results/) */
  constructor(readonly page: Page, private readonly resultsDir: string) {
    this.quickInput = new QuickInput(page);
    this.notifications = new Notifications(page);
    this.settingsEditor = new SettingsEditor(page);
    this.output = new OutputView(page);
  }

  statusBarItem(id: string): StatusBarItem {
    return new StatusBarItem(this.page, id);
  }

  /** Runs a command from the command palette by its title, as a user would. */
  runCommand(title: string): Promise<void> {
    return this.quickInput.runCommand(title);
  }

  /** The frame of the webview whose document has `selector`. */
  webviewFrame(selector: string, timeoutMs = 20_000): Promise<Frame> {
    return findWebviewFrame(this.page, selector, timeoutMs);
  }

  /** Saves the window as test-results/e2e-<name>.png and returns the file. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(this.resultsDir, { recursive: true });
    const file = path.join(this.resultsDir, `e2e-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Resolves once the workbench is up and Tandem has activated (its status bar item is shown). */
  async waitUntilTandemIsLoaded(timeoutMs: number): Promise<void> {
    await this.statusBarItem(TANDEM_MODEL_ITEM_ID).locator.waitFor({ timeout: timeoutMs });
  }

  /**
   * Closes an open quick input or Notification Center a test left behind. Escape only when one is
   * open: elsewhere (a focused chat input) it could mean something else.
   */
  async dismissOverlays(): Promise<void> {
    if (await this.quickInput.isOpen()) await this.page.keyboard.press('Escape');
    if (await this.notifications.isOpen()) await this.page.keyboard.press('Escape');
  }
}
