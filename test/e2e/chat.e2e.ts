import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { MCP_SERVER } from './fixture';
import { fixture, workbench } from './session';
import { QuickInput } from './support/quickInput';
import { screenshotForReadme } from './support/readmeScreenshots';

const codeAnswer = 'Here is a safer parser:\n\n```ts src/money.ts\nexport function formatMoney(cents: Cents): string {\n  const sign = cents < 0 ? \'-\' : \'\';\n  const absolute = Math.abs(Math.round(cents));\n  const whole = Math.floor(absolute / 100);\n  const fraction = String(absolute % 100).padStart(2, \'0\');\n  return `${sign}${whole}.${fraction}`;\n}\n```\n\nIt rounds to whole cents.';
/** Names src/money.ts but fits nowhere in it: Apply must refuse, and say why under the block. */
const unplaceableAnswer = 'Try this:\n\n```ts src/money.ts\nexport function unrelated(): number {\n  return 1;\n}\n```';
const xssAnswer = 'Careful: <script>window.__xss = 1</script> and <img src="https://evil.example/x.png" onerror="window.__xss = 2"> and [a link](javascript:window.__xss=3) and <b onclick="window.__xss=4">bold</b>.';

describe('the chat panel, clicked through in Chromium', () => {
  let chat: Frame;

  /** The live chat frame: VS Code may replace a webview's frame while the view settles. */
  async function refreshChat(): Promise<void> {
    chat = await workbench().webviewFrame('#input');
    // The model name arrives with the extension's first state message: the link is up.
    await chat.locator('#model', { hasText: 'fake-chat' }).waitFor({ timeout: 20_000 });
  }

  before(async () => {
    // Streamed at a readable pace, so growth and Stop can be watched; reset() undoes it for the other suites.
    const server = fixture().server;
    server.setOptions({ tokensPerSecond: 60 });
    server.addRule({ match: { lastUser: /slow/ }, reply: { text: 'word '.repeat(600) } });
    server.addRule({ match: { lastUser: /parser/ }, reply: { text: codeAnswer } });
    server.addRule({ match: { lastUser: /xss/ }, reply: { text: xssAnswer } });
    server.addRule({ match: { lastUser: /unrelated/ }, reply: { text: unplaceableAnswer } });
    await workbench().runCommand('Tandem: Open Chat');
    await refreshChat();
    await workbench().page.waitForTimeout(1_000);
    await refreshChat();
  });
  after(() => fixture().server.reset());

  const lastAnswer = () => chat.locator('article.turn.assistant').last();

  async function send(text: string): Promise<void> {
    await refreshChat();
    await chat.locator('#input').fill(text);
    await chat.locator('#input').press('Enter');
  }

  it('streams an answer token by token into the panel, with its metrics footer', async () => {
    await send('write a parser');
    await lastAnswer().locator('.turn-footer').waitFor({ timeout: 30_000 });
    assert.match(await lastAnswer().innerText(), /It rounds to whole cents\./);
    assert.match(await lastAnswer().locator('.turn-footer').innerText(), /fake-chat/);
    await screenshotForReadme(workbench(), 'chat');

    await send('slow answer please');
    const lengths: number[] = [];
    for (let i = 0; i < 4; i++) {
      await workbench().page.waitForTimeout(400);
      lengths.push((await lastAnswer().locator('.turn-body').innerText()).length);
    }
    assert.ok(lengths[3]! > lengths[0]! && lengths[0]! > 0, `the answer grows while streaming: ${lengths.join(' → ')}`);
  });

  it('Stop ends the answer at once and the model server sees the connection close', async () => {
    await chat.locator('#stop').click();
    await lastAnswer().locator('.turn-stopped').waitFor({ timeout: 10_000 });
    const request = fixture().server.requests.filter((r) => String(JSON.stringify(r.body ?? '')).includes('slow answer')).at(-1);
    await request?.closed;
    assert.equal(request?.aborted, true);
  });

  it('attaches a file through the # picker as a chip with its token count', async () => {
    await chat.locator('#input').fill('');
    await chat.locator('#input').type('#money');
    const option = chat.locator('#picker .picker-item', { hasText: 'money.ts' }).first();
    await option.waitFor({ timeout: 10_000 });
    await option.click();
    const chip = chat.locator('#chips .chip', { hasText: 'money.ts' });
    await chip.waitFor({ timeout: 10_000 });
    assert.match(await chip.innerText(), /\d/);
  });

  it('Copy puts the code on the clipboard; Apply opens the change for review in the editor', async () => {
    const block = chat.locator('article.turn.assistant', { hasText: 'safer parser' }).first();
    await block.locator('button[data-action="copy"]').click();
    await block.locator('button[data-action="copy"]', { hasText: 'Copied' }).waitFor({ timeout: 5_000 });
    // The extension writes the clipboard after the button has said so: wait for it.
    await workbench().page.waitForFunction(async () => (await navigator.clipboard.readText()).includes('const absolute = Math.abs(Math.round(cents));'), undefined, { timeout: 10_000 });

    await block.locator('button[data-action="apply"]').click();
    const page = workbench().page;
    await page.locator('.codelens-decoration a', { hasText: 'Accept All' }).waitFor({ timeout: 15_000 });
    await page.locator('.codelens-decoration a', { hasText: 'Reject All' }).click();
    await page.locator('.codelens-decoration a', { hasText: 'Accept All' }).waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('renders HTML and script in a model answer as inert text', async () => {
    await send('xss test');
    await lastAnswer().locator('.turn-footer').waitFor({ timeout: 30_000 });
    const answer = lastAnswer().locator('.turn-body');
    assert.match(await answer.innerText(), /<script>window\.__xss = 1<\/script>/);
    assert.equal(await answer.locator('script, img, iframe, [onerror], [onclick]').count(), 0);
    assert.equal(await answer.locator('a[href^="javascript:"]').count(), 0);
    await workbench().page.waitForTimeout(300);
    for (const frame of workbench().page.frames()) {
      assert.equal(await frame.evaluate(() => (window as { __xss?: number }).__xss).catch(() => undefined), undefined);
    }
  });

  it('a refused Apply says why in the chat, under the block it came from', async () => {
    await send('something unrelated');
    // This answer, not the last one before it (which has its footer already).
    const answer = chat.locator('article.turn.assistant', { hasText: 'Try this' }).last();
    await answer.locator('.turn-footer').waitFor({ timeout: 30_000 });
    const block = answer.locator('.code-block').first();
    await block.locator('button[data-action="apply"]').click();
    const notice = answer.locator('.code-block + .action-notice.warning');
    await notice.waitFor({ timeout: 15_000 });
    const text = await notice.innerText();
    assert.match(text, /^The code could not be applied to src\/money\.ts: /);
    assert.match(text, /Nothing was changed\./);
    assert.equal(text.match(/SEARCH\/REPLACE/g)?.length, 1, `the advice once: ${text}`);
    // The same words are in the Notification Center: clear that one, the settings test reads the list.
    const { notifications, page } = workbench();
    await notifications.open();
    const row = notifications.find('could not be applied to src/money.ts').locator;
    await row.hover();
    await row.locator('.codicon-notifications-clear').click();
    await row.waitFor({ state: 'detached', timeout: 5_000 });
    await page.keyboard.press('Escape');
  });

  it('keeps screenshots of the panel in the dark and the light theme', async () => {
    // The theme's text colour as the panel's stylesheet receives it (VS Code's CSS variables).
    const brightness = async () => {
      const color = await chat.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--vscode-foreground').trim());
      const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(color);
      if (!hex) throw new Error(`unexpected --vscode-foreground: ${color}`);
      return hex.slice(1, 4).map((h) => parseInt(h, 16)).reduce((sum, c) => sum + c, 0);
    };
    await workbench().screenshot('chat-dark');
    const darkText = await brightness();
    assert.ok(darkText > 450, `light text on the dark theme (${darkText})`);
    await workbench().runCommand('Preferences: Color Theme');
    await workbench().quickInput.pick('Light Modern');
    await workbench().page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs'), undefined, { timeout: 20_000 });
    await refreshChat();
    const deadline = Date.now() + 10_000;
    while (await brightness() > 300 && Date.now() < deadline) await workbench().page.waitForTimeout(100);
    assert.ok(await brightness() <= 300, 'the panel follows the light theme: dark text');
    await workbench().screenshot('chat-light');
  });

  it("lists an MCP server's resources in the # picker; the chosen one becomes a chip", async () => {
    await refreshChat();
    await chat.locator('#input').fill('');
    await chat.locator('#input').type('#huge');
    // The server starts on this first use: its resources join the list when it is ready.
    const option = chat.locator('#picker .picker-item', { hasText: 'huge.log' }).first();
    await option.waitFor({ timeout: 20_000 });
    assert.match(await option.innerText(), new RegExp(`MCP ${MCP_SERVER} · test resource misbehaving://logs/huge\\.log · text/plain`));
    await option.click();
    const chip = chat.locator('#chips .chip', { hasText: `${MCP_SERVER}: huge.log` });
    await chip.waitFor({ timeout: 10_000 });
    assert.match(await chip.innerText(), /\d+k/, 'a 1 MB resource counts its tokens in thousands');
    assert.equal(await chat.locator('#input').inputValue(), '', 'the #query is gone from the input');
    await chip.getByRole('button', { name: `Remove ${MCP_SERVER}: huge.log` }).click();
    await chip.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('offers MCP prompts under /, asks for each argument in a quick input (a required one cannot be empty) and sends the prompt', async () => {
    fixture().server.addRule({ match: { lastUser: /Review src\/money\.ts, looking at rounding\./ }, reply: { text: 'The review prompt arrived.' } });
    const page = workbench().page;
    await refreshChat();
    await chat.locator('#input').fill('');
    await chat.locator('#input').type('/mcp');
    const option = chat.locator('#picker .picker-item', { hasText: `/mcp.${MCP_SERVER}.review-code` });
    await option.waitFor({ timeout: 20_000 });
    assert.match(await option.innerText(), /asks for file \[focus\]/);
    await option.click();
    assert.equal(await chat.locator('#input').inputValue(), `/mcp.${MCP_SERVER}.review-code `);
    await chat.locator('#input').press('Enter');

    const quick = new QuickInput(page);
    await quick.widget.waitFor({ timeout: 10_000 });
    assert.equal(await quick.title(), `/mcp.${MCP_SERVER}.review-code: file (1 of 2)`);
    await page.keyboard.press('Enter');
    await quick.widget.getByText('"file" is required').waitFor({ timeout: 5_000 });
    assert.equal(await quick.title(), `/mcp.${MCP_SERVER}.review-code: file (1 of 2)`, 'still asking for the required argument');
    await page.keyboard.type('src/money.ts');
    await page.keyboard.press('Enter');
    await quick.widget.locator('.quick-input-title', { hasText: 'focus (2 of 2)' }).waitFor({ timeout: 10_000 });
    await page.keyboard.type('rounding');
    await page.keyboard.press('Enter');

    await lastAnswer().getByText('The review prompt arrived.').waitFor({ timeout: 20_000 });
    const question = chat.locator('article.turn.user').last();
    assert.match(await question.innerText(), new RegExp(`/mcp\\.${MCP_SERVER}\\.review-code Review src/money\\.ts, looking at rounding\\.`));
  });
});
