// Webviews (the chat panel) are nested iframes the workbench may replace while a view settles:
// find the current frame by what its document contains rather than by its position.
import type { Frame, Page } from 'playwright-core';

export async function findWebviewFrame(page: Page, selector: string, timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.$(selector).catch(() => null)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector} after ${timeoutMs} ms`);
    await page.waitForTimeout(100);
  }
}
