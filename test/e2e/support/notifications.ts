// Notifications as the user finds them in the Notification Center (the bell in the status bar).
// Why not the toasts: with the smoke-test driver that loads our development extension, VS Code
// never shows toasts (NotificationsToasts.addToast returns early), so the center is the only
// place a notification appears on screen.
import type { Locator, Page } from 'playwright-core';

export class Notifications {
  private readonly bell: Locator;
  private readonly center: Locator;

  constructor(private readonly page: Page) {
    this.bell = page.locator('[id="workbench.parts.statusbar"]').locator('[id="status.notifications"]');
    this.center = page.getByRole('list', { name: 'Notifications Center' });
  }

  /** Opens the Notification Center with the bell (the bell toggles, so only when it is closed). */
  async open(): Promise<void> {
    // A click that lands while the bell's hover or a status bar update is redrawing it can be lost
    // on a loaded machine: try again rather than wait out one long timeout.
    for (let attempt = 1; ; attempt++) {
      if (await this.isOpen()) return;
      await this.bell.click();
      try {
        await this.center.waitFor({ timeout: 3_000 });
        // The bell's hover would cover the buttons of the bottom notification.
        await this.page.mouse.move(0, 0);
        return;
      } catch (error) {
        if (attempt === 4) throw error;
      }
    }
  }

  isOpen(): Promise<boolean> {
    return this.center.isVisible();
  }

  /** The listed notification whose message contains `text`. */
  find(text: string): Notification {
    return new Notification(this.center.getByRole('dialog').filter({ hasText: text }));
  }
}

export class Notification {
  constructor(readonly locator: Locator) {}

  /** The message as shown. */
  async message(): Promise<string> {
    return (await this.locator.locator('.notification-list-item-message').innerText({ timeout: 2_000 })).trim();
  }

  /** "Warning", "Error" or "Info": how the row announces itself (its aria-label starts with it). */
  async severity(): Promise<string> {
    const label = (await this.locator.getAttribute('aria-label', { timeout: 2_000 })) ?? '';
    return label.split(':')[0] ?? '';
  }

  /** Labels of its buttons, e.g. ["Open Settings"]. */
  async buttons(): Promise<string[]> {
    return this.locator.locator('.notification-list-item-buttons-container').getByRole('button').allInnerTexts();
  }

  async click(button: string): Promise<void> {
    await this.locator.getByRole('button', { name: button, exact: true }).click();
  }
}
