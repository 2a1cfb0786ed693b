// The status bar as a user reads it: an item's text with its icons written the way extensions
// set them (`$(sparkle) fake-chat`), its screen-reader label, and the tooltip its hover shows.
import type { Locator, Page } from 'playwright-core';

export class StatusBarItem {
  readonly locator: Locator;

  /** @param id VS Code's entry id: `<publisher>.<extension name>.<item id>` */
  constructor(private readonly page: Page, id: string) {
    this.locator = page.locator('[id="workbench.parts.statusbar"]').locator(`[id="${id}"]`);
  }

  /** Icons as `$(name)`, then the visible text, e.g. `$(sparkle) fake-chat`. */
  text(): Promise<string> {
    return this.locator.locator('.statusbar-item-label').evaluate((label) => {
      const parts = [...label.childNodes].map((node) => {
        const icon = node instanceof HTMLElement ? [...node.classList].find((c) => c.startsWith('codicon-')) : undefined;
        return icon ? `$(${icon.slice('codicon-'.length)})` : node.textContent ?? '';
      });
      return parts.join('').replace(/\s+/g, ' ').trim();
    }, undefined, { timeout: 2_000 });
  }

  /** What a screen reader announces for the item. */
  async ariaLabel(): Promise<string> {
    return (await this.locator.getAttribute('aria-label', { timeout: 2_000 })) ?? '';
  }

  /** Hovers the item and returns the tooltip text that pops up (the mouse is moved away after). */
  async hoverText(): Promise<string> {
    await this.locator.hover();
    const tooltip = this.page.locator('[role="tooltip"].workbench-hover');
    try {
      return await tooltip.innerText({ timeout: 5_000 });
    } finally {
      await this.page.mouse.move(0, 0);
    }
  }
}
