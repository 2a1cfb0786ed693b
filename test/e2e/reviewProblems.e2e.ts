import assert from 'node:assert/strict';
import { workbench } from './session';
import { eventually } from './support/eventually';
import { ReviewEditor } from './support/reviewEditor';

const PROPOSE = 'Tandem: Review Edits from Clipboard (Development)';
const oldSignature = 'export function formatMoney(cents: Cents): string {';
const newSignature = "export function formatMoney(cents: Cents, thousands = ''): string {";

/** Old and new signature one above the other: as code, an unclosed block ("'}' expected"). */
const signatureChange = ['src/money.ts', '<<<<<<< SEARCH', oldSignature, '=======', newSignature, '>>>>>>> REPLACE', ''].join('\n');

describe('a review document, as the workbench shows it', () => {
  it('is a tab named "money.ts (Review)", highlighted as TypeScript, and gives the Problems view nothing', async function () {
    this.timeout(60_000);
    const { page } = workbench();
    const review = new ReviewEditor(page);
    const problems = page.locator('[id="workbench.parts.statusbar"] [id="status.problems"]');
    const problemsBefore = await problems.getAttribute('aria-label');
    await page.evaluate((text) => navigator.clipboard.writeText(text), signatureChange);
    await workbench().runCommand(PROPOSE);
    await review.lens('Accept All').waitFor({ timeout: 20_000 });
    try {
      await eventually(async () => assert.ok((await review.lines()).includes(newSignature)));
      // The name as the tab shows it (its parts are separate spans: name, extension, description).
      const tabLabel = page.locator('[id="workbench.parts.editor"] .editor-group-container.active .tab.active .tab-label');
      const shown = ((await tabLabel.textContent()) ?? '').replace(/\s+/g, ' ').trim();
      assert.match(shown, /^money\.ts \(Review\)/, `not a second tab named "money.ts": ${shown}`);
      assert.match(await review.activeTabResource(), /\/src\/money\.ts \(Review\)$/);
      const languageItem = page.locator('[id="workbench.parts.statusbar"] [id="status.editor.mode"]');
      await eventually(async () => assert.equal((await languageItem.innerText()).trim(), 'TypeScript (Tandem review)'));
      // The TypeScript server reports syntax errors within a second or two of a document opening.
      await page.waitForTimeout(4_000);
      assert.equal(await problems.getAttribute('aria-label'), problemsBefore, 'the review document adds no problems');
    } finally {
      await review.lens('Reject All').click();
      await review.lens('Accept All').waitFor({ state: 'detached', timeout: 15_000 });
    }
  });
});
