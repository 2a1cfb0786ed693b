// The Settings editor (UI): whether it is the active editor tab, what its search box holds and
// which settings it lists.
import type { Locator, Page } from 'playwright-core';

export class SettingsEditor {
  private readonly tab: Locator;
  private readonly editor: Locator;

  constructor(page: Page) {
    const editorPart = page.locator('[id="workbench.parts.editor"]');
    this.tab = editorPart.getByRole('tab', { name: 'Settings', exact: true });
    this.editor = editorPart.locator('.settings-editor');
  }

  /** True when the Settings tab exists and is the selected one. */
  async isActive(): Promise<boolean> {
    return (await this.tab.count()) === 1 && (await this.tab.getAttribute('aria-selected')) === 'true';
  }

  /** The text in the search box (an embedded editor, so read from its rendered line). */
  async searchQuery(): Promise<string> {
    const line = this.editor.locator('.settings-header .suggest-input-container .view-lines');
    return (await line.innerText({ timeout: 2_000 })).replace(/\u00a0/g, ' ').trim();
  }

  /** The titles of the listed settings as shown, e.g. "Tandem › Timeouts: Idle Ms". */
  async shownSettings(): Promise<string[]> {
    const titles = await this.editor.locator('.settings-body .setting-item-title').allInnerTexts();
    return titles.map((title) => title.replace(/\s+/g, ' ').trim());
  }

  /** The count badge next to the search box, e.g. "1 Setting Found". */
  async resultCount(): Promise<string> {
    return (await this.editor.locator('.settings-count-widget').innerText({ timeout: 2_000 })).trim();
  }
}
