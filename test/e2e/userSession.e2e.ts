import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { workbench } from './session';
import { eventually } from './support/eventually';
import { QuickInput } from './support/quickInput';
import { startDemoUserSession, type UserSession } from './support/userSession';
import { TANDEM_MODEL_ITEM_ID } from './support/workbench';
import { StatusBarItem } from './support/statusBar';

// `npm start` must behave like the VS Code a user has: the suite's own workbench runs with the
// smoke-test driver, which drops every toast, so this starts the real `npm start` session.
describe('the npm start session (Tandem from its .vsix, no test driver)', function () {
  this.timeout(120_000);
  let session: UserSession | undefined;
  let page: Page | undefined;
  const log: string[] = [];

  before(async function () {
    this.timeout(180_000);
    session = await startDemoUserSession((line) => log.push(line));
    page = await workbench().page.context().newPage();
    await page.goto(session.url);
    await new StatusBarItem(page, TANDEM_MODEL_ITEM_ID).locator.waitFor({ timeout: 90_000 });
  });

  after(async () => {
    await page?.close();
    await session?.stop();
  });

  it('shows a notification as a toast, where the user is looking', async () => {
    const shown = page!;
    await new QuickInput(shown).runCommand('Tandem: Export Conversation as Markdown');
    const toast = shown.locator('.notifications-toasts .notification-toast').filter({ hasText: 'nothing to export yet' });
    await toast.waitFor({ state: 'visible', timeout: 15_000 });
    assert.ok(await toast.isVisible());
  });

  it('starts clean: Tandem\'s chat in front, the host\'s own chat and AI actions hidden', async () => {
    const shown = page!;
    const sideBarTitle = shown.locator('[id="workbench.parts.sidebar"] .composite.title');
    await eventually(async () => assert.match(await sideBarTitle.innerText({ timeout: 2_000 }), /tandem/i, 'the side bar shows Tandem\'s Chat'));
    assert.equal(await shown.locator('[id="workbench.parts.auxiliarybar"]').isVisible(), false, 'the secondary side bar (VS Code\'s chat) stays closed');
  });
});
