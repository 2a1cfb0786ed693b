// The Output view in the panel: which channel it shows and the channel's text.
import type { Locator, Page } from 'playwright-core';

export class OutputView {
  private readonly panel: Locator;
  private readonly channelPicker: Locator;
  private readonly filterBox: Locator;

  constructor(private readonly page: Page) {
    this.panel = page.locator('[id="workbench.parts.panel"]');
    // The view's title bar and its (hidden) section header both carry the picker: take the one shown.
    this.channelPicker = this.panel.locator('select[aria-label="Switch Output"]').filter({ visible: true });
    this.filterBox = this.panel.getByPlaceholder(/^Filter/).filter({ visible: true });
  }

  /** The channel chosen in the view's "Switch Output" drop-down ('' when the view is not shown). */
  async selectedChannel(): Promise<string> {
    if ((await this.channelPicker.count()) === 0) return '';
    return this.channelPicker.inputValue();
  }

  /** Types into the view's filter box: only matching lines stay shown ('' shows all again). */
  async filter(text: string): Promise<void> {
    await this.filterBox.fill(text);
  }

  /**
   * The rendered text of `channel` in the view (its body is labelled "<channel> - Output"), with
   * whitespace collapsed: the view wraps long lines at spaces, and a match must not depend on
   * the panel's width.
   */
  async text(channel: string): Promise<string> {
    const body = this.panel.getByRole('document', { name: `${channel} - Output`, exact: true });
    const lines = await body.locator('.view-lines').innerText({ timeout: 2_000 });
    return lines.replace(/\s+/g, ' ');
  }
}
