import assert from 'node:assert/strict';
import { workbench } from './session';
import { eventually } from './support/eventually';
import { screenshotForReadme } from './support/readmeScreenshots';
import { ReviewEditor } from './support/reviewEditor';

const PROPOSE = 'Tandem: Review Edits from Clipboard (Development)';
const REVIEW_STATUS_ITEM = 'tandem-dev.tandem.tandem.review';

const oldDateDoc = '  /** ISO date, e.g. "2024-05-01". */';
const newDateDoc = '  /** ISO date (YYYY-MM-DD), e.g. "2024-05-01". */';
const oldAmountDoc = '  /** Decimal amount; negative for expenses. */';
const newAmountDoc = '  /** Decimal amount as text, e.g. "-12.50"; negative for expenses. */';

/** A model response with two changes to src/ledger.ts, in SEARCH/REPLACE blocks. */
const twoChanges = [
  'src/ledger.ts', '<<<<<<< SEARCH', oldDateDoc, '=======', newDateDoc, '>>>>>>> REPLACE', '',
  'src/ledger.ts', '<<<<<<< SEARCH', oldAmountDoc, '=======', newAmountDoc, '>>>>>>> REPLACE', '',
].join('\n');

/** Puts a model response on the clipboard and opens its review, as a Tandem developer would. */
async function proposeFromClipboard(response: string): Promise<void> {
  const page = workbench().page;
  await page.evaluate((text) => navigator.clipboard.writeText(text), response);
  await workbench().runCommand(PROPOSE);
}

describe('the diff review, clicked through in Chromium', () => {
  it('shows the proposal inline with CodeLens; Reject on one change and Accept on the other writes exactly that', async () => {
    const review = new ReviewEditor(workbench().page);
    await proposeFromClipboard(twoChanges);
    await review.lens('Accept All').waitFor({ timeout: 20_000 });

    // Each change shows its old line, then its new line, each with Accept / Reject and its position.
    await eventually(async () => {
      const lines = await review.lines();
      const at = lines.indexOf(oldDateDoc);
      assert.ok(at >= 0, `the old line is shown: ${JSON.stringify(lines)}`);
      assert.equal(lines[at + 1], newDateDoc);
      assert.equal(lines[lines.indexOf(oldAmountDoc) + 1], newAmountDoc);
    });
    await review.changeLens('1 of 2', 'Reject').waitFor();
    await review.changeLens('2 of 2', 'Accept').waitFor();
    assert.ok((await review.lensTitles()).some((title) => /Edits from the clipboard · 2 pending/.test(title)), 'the headline says what is pending');
    const statusBar = workbench().statusBarItem(REVIEW_STATUS_ITEM);
    await eventually(async () => assert.equal(await statusBar.text(), '$(diff) 2 changes pending in 1 file'));
    await workbench().screenshot('review-pending');
    await screenshotForReadme(workbench(), 'review');

    await review.changeLens('1 of 2', 'Reject').click();
    // The rejected change shows only its old line, with Undo.
    await review.changeLens('1 of 2', 'Undo').waitFor({ timeout: 10_000 });
    await eventually(async () => assert.ok(!(await review.lines()).includes(newDateDoc), 'the rejected new line is gone'));
    await eventually(async () => assert.equal(await statusBar.text(), '$(diff) 1 change pending in 1 file'));

    await review.changeLens('2 of 2', 'Accept').click();
    // Every change decided: the review closes and the real file shows the result, saved.
    await review.lens('Accept All').waitFor({ state: 'detached', timeout: 15_000 });
    await eventually(async () => {
      const lines = await review.lines();
      assert.ok(lines.includes(oldDateDoc) && !lines.includes(newDateDoc), 'change 1 rejected');
      assert.ok(lines.includes(newAmountDoc) && !lines.includes(oldAmountDoc), 'change 2 accepted');
      assert.match(await review.activeTabResource(), /^\/.*\/src\/ledger\.ts$/, 'the real file (not a review document)');
      assert.deepEqual(await review.lensTitles(), [], 'the real file, without the review CodeLens');
      assert.equal(await review.activeTabIsDirty(), false, 'saved');
    });
    await statusBar.locator.waitFor({ state: 'hidden', timeout: 10_000 });
    await workbench().screenshot('review-decided');
  });

  it('lists a multi-file proposal under Pending Changes; Reject File there, Accept All from the editor title', async function () {
    this.timeout(60_000);
    const page = workbench().page;
    const review = new ReviewEditor(page);
    await proposeFromClipboard([
      'src/money.ts', '<<<<<<< SEARCH', 'export type Cents = number;', '=======', 'export type Cents = number; // integer', '>>>>>>> REPLACE', '',
      'src/ledger.ts', '<<<<<<< SEARCH', '  get size(): number {', '=======', '  /** How many entries there are. */', '  get size(): number {', '>>>>>>> REPLACE', '',
    ].join('\n'));
    await review.lens('Reject File').waitFor({ timeout: 20_000 });
    const statusBar = workbench().statusBarItem(REVIEW_STATUS_ITEM);
    await eventually(async () => assert.equal(await statusBar.text(), '$(diff) 2 changes pending in 2 files'));

    await workbench().runCommand('Tandem: Focus on Pending Changes View');
    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Pending Changes/i }) });
    const moneyRow = view.getByRole('treeitem').filter({ hasText: 'money.ts' });
    await moneyRow.waitFor({ timeout: 10_000 });
    assert.match(await moneyRow.innerText(), /1 of 1 pending · Edits from the clipboard/);
    await view.getByRole('treeitem').filter({ hasText: 'ledger.ts' }).waitFor();
    await workbench().screenshot('review-pending-changes-view');
    await moneyRow.hover();
    await moneyRow.getByRole('button', { name: 'Reject Pending Changes in File' }).click();
    await moneyRow.waitFor({ state: 'detached', timeout: 10_000 });
    await eventually(async () => assert.equal(await statusBar.text(), '$(diff) 1 change pending in 1 file'));

    // The status bar item opens the review that is left; the editor title's Accept All accepts it.
    await statusBar.locator.click();
    await review.changeLens('1 of 1', 'Accept').waitFor({ timeout: 10_000 });
    await page.locator('[id="workbench.parts.editor"] .action-label[aria-label="Accept All Pending Changes"]').click();
    await statusBar.locator.waitFor({ state: 'hidden', timeout: 10_000 });
    await eventually(async () => assert.ok((await review.lines()).includes('  /** How many entries there are. */'), 'the accepted change is in the file'));
    // Nothing is pending any more, so the view leaves the Tandem container (wait for it: the layout change moves focus).
    await view.waitFor({ state: 'detached', timeout: 10_000 });
    await page.waitForTimeout(500);
  });

  it('works from the keyboard: F7 to the next change, Ctrl+Backspace rejects it, Ctrl+Enter accepts the other', async () => {
    const page = workbench().page;
    const review = new ReviewEditor(page);
    const parseDoc = '/** Parses "12", "-3.5" or "1999.99" into cents. Throws on anything else. */';
    const parseDocNew = '/** Parses "12", "-3.5" or "1999.99" (at most two decimals) into cents. Throws on anything else. */';
    const formatDoc = '/** Formats cents as a decimal string with two places: -4210 -> "-42.10". */';
    const formatDocNew = '/** Formats cents as a decimal string with two decimal places: -4210 -> "-42.10". */';
    await proposeFromClipboard([
      'src/money.ts', '<<<<<<< SEARCH', parseDoc, '=======', parseDocNew, '>>>>>>> REPLACE', '',
      'src/money.ts', '<<<<<<< SEARCH', formatDoc, '=======', formatDocNew, '>>>>>>> REPLACE', '',
    ].join('\n'));
    await review.changeLens('2 of 2', 'Reject').waitFor({ timeout: 20_000 });

    // The review opens on change 1 (old line 6, new line 7); F7 moves to change 2 (line 16), Ctrl+Backspace rejects the change at the cursor.
    const cursor = page.locator('[id="status.editor.selection"]');
    await eventually(async () => assert.match(await cursor.innerText(), /^Ln 6,/), 10_000);
    await page.keyboard.press('F7');
    await eventually(async () => assert.match(await cursor.innerText(), /^Ln 16,/));
    await page.keyboard.press('Control+Backspace');
    await review.changeLens('2 of 2', 'Undo').waitFor({ timeout: 10_000 });
    assert.equal(await review.changeLens('1 of 2', 'Accept').count(), 1, 'change 1 is still pending');

    // The cursor moved on to the change still pending: Ctrl+Enter accepts it, which decides the file.
    await page.keyboard.press('Control+Enter');
    await review.lens('Accept All').waitFor({ state: 'detached', timeout: 15_000 });
    await eventually(async () => {
      const lines = await review.lines();
      assert.ok(lines.includes(parseDocNew) && !lines.includes(parseDoc), 'change 1 accepted');
      assert.ok(lines.includes(formatDoc) && !lines.includes(formatDocNew), 'change 2 rejected');
      assert.match(await review.activeTabResource(), /\/src\/money\.ts$/);
    });
  });
});
