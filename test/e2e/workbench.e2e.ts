import assert from 'node:assert/strict';
import { openWorkbench, type Workbench } from './support/workbench';

const statusItemId = 'tandem-dev.tandem.tandem.model';

describe('e2e: the workbench as a user sees it', () => {
  let workbench: Workbench;
  before(async () => { workbench = await openWorkbench({ settings: { 'tandem.timeouts.idleMs': 'abc' } }); });
  after(() => workbench?.close());
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await workbench.screenshot(`workbench-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  it('shows the chat model in the status bar and, once checked, that the server is reachable', async () => {
    const item = workbench.statusBarItem(statusItemId);
    await item.waitFor({ timeout: 30_000 });
    assert.match(await item.innerText(), /fake-chat/);
    await workbench.page.waitForFunction(
      (id) => document.getElementById(id)?.querySelector('[aria-label]')?.getAttribute('aria-label')?.includes('Server reachable (3 models)'),
      statusItemId, { timeout: 20_000 },
    );
  });

  it('warns about an invalid setting by name, and "Open Settings" opens it', async () => {
    // A warning raised while the workbench starts may wait in the notification centre instead of
    // a toast: open the centre from the status bar bell, as a user would.
    await workbench.runCommand('Notifications: Show Notifications');
    const entry = workbench.page.locator('.notifications-center .monaco-list-row', { hasText: 'tandem.timeouts.idleMs' });
    await entry.waitFor({ timeout: 20_000 });
    assert.match(await entry.innerText(), /tandem\.timeouts\.idleMs: expected number, received string \(got "abc"\)\. Using 30000 instead\./);
    await entry.hover();
    await entry.getByRole('button', { name: 'Open Settings' }).click();
    await workbench.page.locator('.settings-editor').waitFor({ timeout: 20_000 });
    await workbench.page.locator('.settings-editor .setting-item', { hasText: 'Idle Ms' }).first().waitFor({ timeout: 20_000 });
  });

  it('"Tandem: Select Model" lists the server\'s models and switching updates the status bar', async () => {
    await workbench.runCommand('Tandem: Select Model');
    const rows = workbench.page.locator('.quick-input-widget .monaco-list-row');
    await workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'llama3.1:8b' }).waitFor({ timeout: 20_000 });
    const labels = await rows.allInnerTexts();
    for (const model of ['fake-chat', 'fake-coder', 'llama3.1:8b']) assert.ok(labels.some((l) => l.includes(model)), `${model} in ${JSON.stringify(labels)}`);
    await workbench.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'llama3.1:8b' }).click();
    await workbench.page.waitForFunction((id) => document.getElementById(id)?.textContent?.includes('llama3.1:8b'), statusItemId, { timeout: 20_000 });
  });
});
