import assert from 'node:assert/strict';
import { fixture, workbench } from './session';
import { eventually } from './support/eventually';
import { ReviewEditor } from './support/reviewEditor';

const guard = "  if (!text.trim()) throw new Error('Empty amount');";
const rewritten = [
  '```ts',
  '/** Parses "12", "-3.5" or "1999.99" into cents. Throws on anything else. */',
  'export function parseMoney(text: string): Cents {',
  guard,
  '  const match = AMOUNT.exec(text.trim());',
  '  if (!match) throw new Error(`Not an amount: "${text}"`);',
  "  const [, sign, whole, fraction = ''] = match;",
  "  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));",
  '  return sign ? -cents : cents;',
  '}',
  '```',
].join('\n');

/** The quick input's text box, addressed directly: keys sent to it never land in an editor if it closes meanwhile. */
const quickInputBox = () => workbench().quickInput.widget.locator('.quick-input-box input');

/**
 * Opens the quick input with `text` typed (`>` runs commands, `:` goes to a line, plain text finds
 * files) and retries when something closed it in between (an editor being swapped takes focus).
 */
async function quickOpen(text: string, ready: () => Promise<void>): Promise<void> {
  const page = workbench().page;
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('Control+p');
      await quickInputBox().fill(text, { timeout: 3_000 });
      await ready();
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      if (await workbench().quickInput.isOpen()) await page.keyboard.press('Escape');
    }
  }
}

/** Runs a command by its exact title (the page object's runCommand fails when one title starts another). */
async function runExactly(title: string): Promise<void> {
  // A row's accessible name is its title, then its key binding: "View: Close Editor, Control+W".
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const row = () => workbench().quickInput.widget.getByRole('option', { name: new RegExp(`^${escaped}(,|$)`) });
  await quickOpen(`>${title}`, () => row().waitFor({ timeout: 3_000 }));
  await row().click();
}

/** Opens a workspace file and puts the cursor on a line, through the quick input as a user would. */
async function openAtLine(file: string, line: number): Promise<void> {
  const { page, quickInput } = workbench();
  await quickOpen(file, () => eventually(async () => assert.equal((await quickInput.rowLabels())[0], file), 3_000));
  await quickInputBox().press('Enter');
  const activeTab = page.locator('[id="workbench.parts.editor"] .editor-group-container.active .tab.active');
  await eventually(async () => {
    const label = (await activeTab.getAttribute('aria-label', { timeout: 2_000 })) ?? '';
    assert.ok(label.includes(file) && !/review-\d+/.test(label), `${file} is the active tab (${label})`);
  });
  await quickOpen(`:${line}`, () => workbench().quickInput.widget.locator('.monaco-list-row').filter({ hasText: `go to line ${line} ` }).waitFor({ timeout: 3_000 }));
  await quickInputBox().press('Enter');
  await eventually(async () => assert.equal(await quickInput.isOpen(), false));
}

const OVERRIDE_TITLE = 'Override Host Inline Chat';

/** Switches tandem.inlineEdit.overrideHostInlineChat in the Settings editor, as a user would. */
async function setOverride(on: boolean): Promise<void> {
  const page = workbench().page;
  await runExactly('Preferences: Open Settings (UI)');
  await eventually(async () => assert.ok(await workbench().settingsEditor.isActive()));
  await page.keyboard.type('tandem.inlineEdit.overrideHostInlineChat');
  const item = page.locator('.settings-editor .setting-item-contents').filter({ hasText: OVERRIDE_TITLE });
  const checkbox = item.locator('.setting-value-checkbox');
  await checkbox.waitFor({ timeout: 10_000 });
  if (((await checkbox.getAttribute('aria-checked')) === 'true') !== on) await checkbox.click();
  await eventually(async () => assert.equal(await checkbox.getAttribute('aria-checked'), String(on)));
  await runExactly('View: Close Editor');
  await eventually(async () => assert.equal(await workbench().settingsEditor.isActive(), false));
}

describe('inline edit with Ctrl+I, in Chromium', () => {
  afterEach(() => fixture().server.setOptions({ tokensPerSecond: undefined }));

  it("leaves Ctrl+I to VS Code's own inline chat where the host has one", async () => {
    const { page, quickInput } = workbench();
    const before = fixture().server.requests.length;
    await openAtLine('money.ts', 9);
    await page.keyboard.press('Control+i');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(await quickInput.isOpen(), false, "Tandem's instruction input did not open");
    assert.equal(fixture().server.requests.slice(before).filter((r) => r.path.endsWith('/chat/completions')).length, 0);
    await workbench().screenshot('inline-edit-host-inline-chat');
    await page.keyboard.press('Escape');
  });

  describe('with tandem.inlineEdit.overrideHostInlineChat on', () => {
    before(async function () {
      this.timeout(30_000);
      await setOverride(true);
    });
    after(async function () {
      this.timeout(30_000);
      await setOverride(false);
    });

    it('Ctrl+I in a function asks for an instruction, and the rewrite arrives as a review', async function () {
      this.timeout(60_000);
      const { page, quickInput } = workbench();
      const review = new ReviewEditor(page);
      fixture().server.addRule({ match: { lastUser: /Instruction:\nreject empty text$/ }, reply: { text: rewritten }, times: 1 });
      await openAtLine('money.ts', 9);

      await page.keyboard.press('Control+i');
      await eventually(async () => assert.equal(await quickInput.title(), 'Tandem: Edit src/money.ts lines 6-13'));
      assert.match(await quickInput.placeholder(), /Describe the change/);
      assert.ok((await quickInput.rowLabels()).includes('Add Documentation'), 'the presets are offered');
      await page.keyboard.type('reject empty text');
      await page.keyboard.press('Enter');

      await review.lens('Accept All').waitFor({ timeout: 20_000 });
      await eventually(async () => {
        const lines = await review.lines();
        assert.equal(lines[lines.indexOf(guard) - 1], 'export function parseMoney(text: string): Cents {', `the new line under the signature: ${JSON.stringify(lines)}`);
      });
      await workbench().screenshot('inline-edit-review');
      await review.lens('Reject All').click();
      await review.lens('Accept All').waitFor({ state: 'detached', timeout: 15_000 });
      // The review hands the editor back to the file; a key pressed before that lands could be lost.
      await eventually(async () => assert.match(await review.activeTabResource(), /\/src\/money\.ts$/));
      assert.equal(await review.activeTabIsDirty(), false, 'nothing was written');
    });

    it('Escape while the answer streams closes the request; nothing is proposed', async function () {
      this.timeout(60_000);
      const { page } = workbench();
      const review = new ReviewEditor(page);
      const server = fixture().server;
      server.setOptions({ tokensPerSecond: 5 });
      server.addRule({ match: { lastUser: /Instruction:\nslowly rewrite$/ }, reply: { text: rewritten }, times: 1 });
      await openAtLine('money.ts', 9);

      await page.keyboard.press('Control+i');
      await workbench().quickInput.widget.waitFor();
      await page.keyboard.type('slowly rewrite');
      await page.keyboard.press('Enter');
      const request = await eventually(async () => {
        const found = server.requests.filter((r) => JSON.stringify(r.body ?? '').includes('slowly rewrite')).at(-1);
        assert.ok(found?.firstByteAt !== undefined, 'the answer started streaming');
        return found;
      }, 20_000);

      await page.keyboard.press('Escape');
      await eventually(async () => assert.equal(request.aborted, true, 'the fake server saw the connection close'));
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(await review.lens('Accept All').count(), 0, 'no review opened');
    });
  });
});
