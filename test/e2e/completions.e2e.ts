import assert from 'node:assert/strict';
import { fixture, workbench } from './session';
import { eventually } from './support/eventually';
import { screenshotForReadme } from './support/readmeScreenshots';

const signature = 'export function sumMoney(amounts: Cents[]): Cents {';
const body = '  return amounts.reduce((sum, cents) => sum + cents, 0);';

describe('inline completions, typed in Chromium', () => {
  it('shows the model\'s completion as ghost text where the user pauses, and Tab accepts it', async function () {
    this.timeout(120_000);
    const { page, quickInput } = workbench();
    fixture().server.addRule({ match: { endpoint: 'completions', prompt: /function sumMoney\(amounts: Cents\[\]\): Cents \{\s*$/ }, reply: { text: `\n${body}\n` } });
    try {
      // A new untitled TypeScript file: the sample's own files stay as the other tests expect them.
      await workbench().runCommand('File: New Untitled Text File');
      await workbench().runCommand('Change Language Mode');
      await page.keyboard.type('TypeScript');
      await eventually(async () => assert.equal((await quickInput.rowLabels())[0], 'TypeScript'));
      await page.keyboard.press('Enter');
      const editor = page.locator('[id="workbench.parts.editor"] .editor-group-container.active .monaco-editor').first();
      await editor.waitFor({ timeout: 15_000 });
      await editor.click();
      await page.keyboard.type('export type Cents = number;\n\n', { delay: 5 });
      await page.keyboard.type(signature, { delay: 5 });
      const ghost = editor.locator('.ghost-text-decoration, .ghost-text');
      await ghost.first().waitFor({ timeout: 20_000 });
      // Ghost text is rendered token by token: compare without the spacing between the pieces.
      await eventually(async () => assert.match((await ghost.allTextContents()).join('').replace(/\s+/g, ''), /returnamounts\.reduce\(\(sum,cents\)=>sum\+cents,0\);/));
      // Switching themes takes the focus away, which hides ghost text. Type the file again, as at
      // the start, once the editor has the focus back: a key pressed before that (Ctrl+End, when the
      // machine is loaded) is lost, and the signature then lands inside the function above it,
      // where no completion is offered. If no ghost text comes, a late suggest list over the line
      // may be hiding it: dismiss it and ask explicitly (Alt+\), as a user would.
      const focused = page.locator('[id="workbench.parts.editor"] .editor-group-container.active .monaco-editor.focused').first();
      const ghostAgain = async () => {
        await editor.click();
        await focused.waitFor({ timeout: 10_000 });
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Delete');
        await page.keyboard.type('export type Cents = number;\n\n', { delay: 5 });
        await page.keyboard.type(signature, { delay: 5 });
        const shown = await ghost.first().waitFor({ timeout: 8_000 }).then(() => true, () => false);
        if (shown) return;
        if (await editor.locator('.suggest-widget.visible').isVisible()) await page.keyboard.press('Escape');
        await page.keyboard.press('Alt+Backslash');
        await ghost.first().waitFor({ timeout: 15_000 }).catch(async (error: unknown) => {
          const recent = fixture().server.requests.slice(-3).map((r) => ({ path: r.path, aborted: r.aborted, prompt: JSON.stringify(r.body).slice(-200) }));
          throw new Error(`${String(error)}\nlast requests: ${JSON.stringify(recent)}\nlines: ${JSON.stringify((await editor.locator('.view-line').allTextContents()).slice(-4))}`);
        });
      };
      await screenshotForReadme(workbench(), 'completions', ghostAgain);
      await page.keyboard.press('Tab');
      await eventually(async () => {
        const lines = await editor.locator('.view-line').allTextContents();
        assert.ok(lines.some((line) => line.replace(/\u00a0/g, ' ') === body), `accepted: ${JSON.stringify(lines.slice(-4))}`);
      });
    } finally {
      // Close the untitled file without saving it.
      await page.keyboard.press('Escape');
      await workbench().runCommand('View: Revert and Close Editor');
    }
  });
});
