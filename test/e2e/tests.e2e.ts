import assert from 'node:assert/strict';
import { fixture, workbench } from './session';
import { eventually } from './support/eventually';
import { screenshotForReadme } from './support/readmeScreenshots';
import { ReviewEditor } from './support/reviewEditor';
import { TANDEM_TESTS_ITEM_ID } from './support/workbench';

/** What the fake model writes: the second test expects the wrong sign, so the run reports 1 failure. */
const generatedTest = [
  "import assert from 'node:assert/strict';",
  "import { describe, it } from 'node:test';",
  "import { centsFromText } from '../src/amounts.js';",
  '',
  "describe('centsFromText', () => {",
  "  it('reads whole and decimal amounts', () => {",
  "    assert.equal(centsFromText('12.50'), 1250);",
  '  });',
  '',
  "  it('reads negative amounts', () => {",
  "    assert.equal(centsFromText('-3'), 300);",
  '  });',
  '});',
].join('\n');

describe('Generate Tests from the editor context menu, in Chromium', () => {
  it('right-click in a function > Tandem > Generate Tests proposes a test file; accepting and Run Tests runs it as a task', async function () {
    this.timeout(90_000);
    const { page, quickInput, notifications } = workbench();
    const review = new ReviewEditor(page);
    fixture().server.addRule({ match: { lastUser: /Write unit tests for `centsFromText`/ }, reply: { text: `\`\`\`js importer/test/amounts.test.js\n${generatedTest}\n\`\`\`` }, times: 1 });

    await workbench().runCommand('Go to File...');
    await page.keyboard.type('amounts.js');
    await eventually(async () => assert.ok((await quickInput.rowLabels()).includes('amounts.js')));
    await page.keyboard.press('Enter');
    const line = page.locator('[id="workbench.parts.editor"] .editor-group-container.active .view-line').filter({ hasText: 'const cleaned' });
    await line.click({ button: 'right', timeout: 15_000 });
    await page.getByRole('menuitem', { name: 'Tandem' }).click();
    // Monaco's menus ignore a click that comes right after a (sub)menu opened, which left the menu
    // open on a loaded machine: point at the item, then choose it with Enter.
    const generate = page.getByRole('menuitem', { name: 'Generate Tests' });
    await generate.hover();
    await page.keyboard.press('Enter');
    await generate.waitFor({ state: 'detached', timeout: 5_000 });

    await review.lens('Accept All').waitFor({ timeout: 30_000 });
    await eventually(async () => assert.ok((await review.lines()).includes("    assert.equal(centsFromText('-3'), 300);"), 'the generated test is shown'));
    assert.match(await review.activeTabResource(), /importer\/test\/amounts\.test\.js \(Review\)$/);
    assert.ok((await review.lensTitles()).some((title) => /Tests for `centsFromText`/.test(title)), 'the review says what the tests are for');
    await workbench().screenshot('tests-generated-review');

    await review.lens('Accept All').click();
    const written = notifications.find('Tests written to importer/test/amounts.test.js.');
    // The written file opens and takes the focus, which can close the Notification Center: look again.
    await eventually(async () => {
      await notifications.open();
      await written.locator.waitFor({ timeout: 2_000 });
    }, 30_000);
    await written.click('Run Tests');
    const result = notifications.find('Tests of importer/test/amounts.test.js: 1 passed, 1 failed.');
    // The task's terminal takes the focus when it starts, which closes the Notification Center.
    await eventually(async () => {
      await notifications.open();
      await result.locator.waitFor({ timeout: 2_000 });
    }, 30_000);
    assert.equal(await result.severity(), 'Warning');
    assert.deepEqual(await result.buttons(), ['Fix Failing Tests', 'Explain in Chat', 'Show Output']);
    // The result stays in view after the notification is gone: in the status bar.
    const testsItem = workbench().statusBarItem(TANDEM_TESTS_ITEM_ID);
    await eventually(async () => assert.equal(await testsItem.text(), '$(error) 1 passed, 1 failed'));
    // The run is a task in the terminal, like any task.
    await page.locator('.terminal-wrapper').first().waitFor({ timeout: 10_000 });
    await workbench().screenshot('tests-run-failing');
    await screenshotForReadme(workbench(), 'generate-tests', () => notifications.open());
  });
});
