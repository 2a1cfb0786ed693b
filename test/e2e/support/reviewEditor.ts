// The diff review as a user sees it: the review document in the active editor with its CodeLens
// (Accept / Reject above each change, Accept All / Reject All on top), and the editor's lines.
import type { Locator, Page } from 'playwright-core';

export class ReviewEditor {
  constructor(private readonly page: Page) {}

  /** The editor of the active editor group. */
  private get editor(): Locator {
    return this.page.locator('[id="workbench.parts.editor"] .editor-group-container.active .monaco-editor').first();
  }

  /** A clickable CodeLens by its exact title (icons left out), e.g. "Accept All". */
  lens(title: string): Locator {
    return this.editor.locator('.codelens-decoration a').filter({ hasText: exactly(title) });
  }

  /** A clickable CodeLens ("Accept", "Reject", "Undo") of the change whose position reads `position`, e.g. "2 of 5". */
  changeLens(position: string, title: string): Locator {
    return this.editor.locator('.codelens-decoration').filter({ hasText: exactly(position, false) }).locator('a').filter({ hasText: exactly(title) });
  }

  /** Every CodeLens title shown, top to bottom. */
  async lensTitles(): Promise<string[]> {
    const titles = await this.editor.locator('.codelens-decoration > *').allInnerTexts();
    return titles.map((title) => title.replace(/\s+/g, ' ').trim()).filter(Boolean);
  }

  /** The rendered lines of the active editor, top to bottom (only those on screen). */
  lines(): Promise<string[]> {
    return this.editor.locator('.view-lines').evaluate((view) => [...view.querySelectorAll<HTMLElement>('.view-line')]
      .map((line) => ({ top: parseFloat(line.style.top) || 0, text: (line.textContent ?? '').replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text), undefined, { timeout: 5_000 });
  }

  /** The active tab's resource as its label announces it: a file's path, or `/review-1/0/src/a.ts` for a review document. */
  async activeTabResource(): Promise<string> {
    return (await this.page.locator('[id="workbench.parts.editor"] .editor-group-container.active .tab.active .tab-label').getAttribute('aria-label', { timeout: 5_000 })) ?? '';
  }

  /** Whether the active tab has unsaved changes. */
  async activeTabIsDirty(): Promise<boolean> {
    return (await this.page.locator('[id="workbench.parts.editor"] .editor-group-container.active .tab.active').getAttribute('class') ?? '').includes('dirty');
  }
}

/** Matches an element whose whole text is `text` (a CodeLens link's icon adds no text). */
function exactly(text: string, whole = true): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return whole ? new RegExp(`^\\s*${escaped}\\s*$`) : new RegExp(`(^|\\s)${escaped}(\\s|$)`);
}
