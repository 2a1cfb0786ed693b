import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { nativeAgentSession } from '../support/fakeLlm/agentScript';
import { fixture, workbench } from './session';
import { screenshotForReadme } from './support/readmeScreenshots';

const hostileName = 'src/<img src=x onerror="window.__xss=1">.ts';
const hostileOutput = 'node -e "console.log(String.fromCharCode(27) + \'[31m<img src=x onerror=window.__xss=2> red\' + String.fromCharCode(27) + \'[0m plain\')"';

describe('agent mode, clicked through in Chromium', () => {
  let chat: Frame;

  async function refreshChat(): Promise<void> {
    chat = await workbench().webviewFrame('#input');
    await chat.locator('#model', { hasText: 'fake-chat' }).waitFor({ timeout: 20_000 });
  }

  async function send(text: string): Promise<void> {
    await refreshChat();
    await chat.locator('#input').fill(text);
    await chat.locator('#input').press('Enter');
  }

  before(async () => {
    const server = fixture().server;
    for (const rule of nativeAgentSession([
      { calls: [{ name: 'read_file', args: { path: hostileName } }, { name: 'read_file', args: { path: 'src/money.ts' } }] },
      { text: 'Running it <img src=x onerror="window.__xss=3">.', calls: [{ name: 'run_command', args: { command: hostileOutput } }] },
      { text: 'All done: **nothing** to fix <script>window.__xss=4</script>.' },
    ], { lastUser: 'look at money' })) server.addRule(rule);
    for (const rule of nativeAgentSession([
      { calls: [{ name: 'run_command', args: { command: 'node -e "setTimeout(() => {}, 60000)"' } }] },
      { text: 'not reached' },
    ], { lastUser: 'wait a minute' })) server.addRule(rule);
    await workbench().runCommand('Tandem: Open Chat');
    await refreshChat();
  });

  after(async () => {
    await refreshChat();
    await chat.locator('.mode-option[data-mode="ask"]').click();
    fixture().server.reset();
  });

  it('switches to Agent mode in the input', async () => {
    await chat.locator('.mode-option[data-mode="agent"]').click();
    await chat.locator('.mode-option[data-mode="agent"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
    await chat.locator('#agent:not([hidden])').waitFor({ timeout: 10_000 });
    assert.match(await chat.locator('#input').getAttribute('placeholder') ?? '', /task for the agent/);
  });

  it('shows the approval card with the command, the folder and why; Run runs it', async () => {
    await send('look at money');
    const card = chat.locator('.agent-approval');
    await card.waitFor({ timeout: 30_000 });
    const text = await card.innerText();
    assert.match(text, /Run this command\?/);
    assert.match(text, /\$ node -e/);
    assert.match(text, /in \/.*pocket-ledger/);
    assert.equal(await card.locator('button[data-decision="always"]').count(), 1);
    await screenshotForReadme(workbench(), 'agent-approval', refreshChat);
    await refreshChat();
    await chat.locator('.agent-approval button[data-decision="run"]').click();
    await chat.locator('.agent-summary').waitFor({ timeout: 30_000 });
  });

  it('expands tool cards: colours as classes, and tool output, file names and model text stay text', async () => {
    const agent = chat.locator('#agent');
    const command = agent.locator('.agent-tool[data-tool="run_command"]');
    await command.locator('.agent-card-head').click();
    const output = command.locator('.agent-output');
    await output.locator('.ansi-fg-red').waitFor({ timeout: 10_000 });
    assert.match(await output.locator('.ansi-fg-red').innerText(), /<img src=x onerror=window\.__xss=2> red/);
    await agent.locator('.agent-tool[data-tool="read_file"] .agent-card-head').first().click();
    assert.match(await agent.innerText(), /<img src=x onerror="window\.__xss=1">\.ts/);
    assert.match(await agent.innerText(), /All done: nothing to fix <script>window\.__xss=4<\/script>\./);
    assert.equal(await agent.locator('img, script, iframe, [onerror], [onclick]').count(), 0);
    const summary = await agent.locator('.agent-summary').innerText();
    assert.match(summary, /Commands run \(1\)/);
    assert.match(summary, /exit 0/);
    for (const frame of workbench().page.frames()) {
      assert.equal(await frame.evaluate(() => (window as { __xss?: number }).__xss).catch(() => undefined), undefined);
    }
    await screenshotForReadme(workbench(), 'agent-summary', refreshChat);
  });

  it('Stop ends a running command at once, and the panel says so with Continue', async () => {
    await refreshChat();
    await chat.locator('.agent-new-task').click();
    await send('wait a minute');
    await chat.locator('.agent-approval button[data-decision="run"]').click({ timeout: 30_000 });
    const status = chat.locator('.agent-status');
    await status.locator('.agent-status-text', { hasText: /running node -e/ }).waitFor({ timeout: 20_000 });
    assert.match(await status.innerText(), /Step 1 of at most 25 · \d+(\.\d)?k? tokens · running node -e/);
    await workbench().screenshot('agent-running');
    const started = Date.now();
    await status.locator('.agent-stop').click();
    await chat.locator('.agent-stop-card.cancelled').waitFor({ timeout: 10_000 });
    assert.ok(Date.now() - started < 10_000);
    assert.match(await chat.locator('.agent-stop-card').innerText(), /Stopped by you[\s\S]*Continue/);
    await workbench().screenshot('agent-stopped');
  });
});
