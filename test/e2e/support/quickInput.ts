// The quick input widget: the command palette (F1) and quick picks opened by extensions. Rows are
// read by their visible label, the way a user scans the list.
import type { Locator, Page } from 'playwright-core';

export class QuickInput {
  readonly widget: Locator;
  private readonly input: Locator;
  private readonly options: Locator;

  constructor(private readonly page: Page) {
    this.widget = page.locator('.quick-input-widget');
    this.input = this.widget.locator('.quick-input-box input');
    this.options = this.widget.getByRole('option');
  }

  /** F1, type the command's title, click the row with exactly that title (fuzzy matching ranks others first). */
  async runCommand(title: string): Promise<void> {
    await this.takeFocusFromWebview();
    await this.page.keyboard.press('F1');
    await this.input.waitFor();
    await this.input.pressSequentially(title);
    await this.option(title).click();
  }

  /** The title bar text of the open quick pick ('' when it has none). */
  async title(): Promise<string> {
    const title = this.widget.locator('.quick-input-title');
    return (await title.isVisible()) ? (await title.innerText()).trim() : '';
  }

  /** The input's placeholder: where quick picks say what they are waiting for. */
  async placeholder(): Promise<string> {
    return (await this.input.getAttribute('placeholder', { timeout: 2_000 })) ?? '';
  }

  /** Visible labels of the listed rows, top to bottom (icons omitted). */
  async rowLabels(): Promise<string[]> {
    if (!(await this.widget.isVisible())) return [];
    const labels = await this.options.locator('.label-name').allInnerTexts();
    return labels.map((label) => label.replace(/\s+/g, ' ').trim());
  }

  /** Clicks the row whose label is exactly `label`. */
  async pick(label: string): Promise<void> {
    await this.option(label).click();
  }

  async isOpen(): Promise<boolean> {
    return this.widget.isVisible();
  }

  /** A focused webview (the chat panel) swallows F1: click the editor area first, as a user would. */
  private async takeFocusFromWebview(): Promise<void> {
    const inWebview = await this.page.evaluate(() => document.activeElement?.tagName === 'IFRAME');
    if (inWebview) await this.page.locator('[id="workbench.parts.editor"]').click({ position: { x: 200, y: 100 } });
  }

  private option(label: string): Locator {
    return this.options.filter({ has: this.page.locator('.label-name').getByText(label, { exact: true }) });
  }
}
