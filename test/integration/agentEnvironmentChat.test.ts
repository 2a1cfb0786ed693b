import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { FakeLlmServer } from '../support/fakeLlm';
import { nativeAgentSession } from '../support/fakeLlm/agentScript';
import { setSetting, tandemApi } from './tandemApi';
import { waitFor } from './waitFor';

describe('agent environment: @tandem /agent in the host\'s Chat view', () => {
  let server: FakeLlmServer;
  let home: string;
  const previousHome = process.env['TANDEM_HOME'];

  before(async function () {
    if (!(vscode as unknown as { chat?: { createChatParticipant?: unknown } }).chat?.createChatParticipant) return this.skip();
    home = mkdtempSync(path.join(os.tmpdir(), 'tandem-home-'));
    process.env['TANDEM_HOME'] = home; // the task store, in this extension host
    server = await FakeLlmServer.start();
    await setSetting('providers', { fake: { kind: 'openai-compatible', label: 'Fake server', baseUrl: server.baseUrl, models: { chat: 'fake-chat' } } });
    await setSetting('provider', 'fake');
    await setSetting('agent.allowedCommands', ['echo *']);
    const api = await tandemApi();
    await waitFor(() => api.config().provider.id === 'fake' && api.config().agent.allowedCommands.length === 1, 'the fake provider and the allowed command');
  });

  after(async () => {
    if (!server) return;
    await setSetting('agent.allowedCommands', undefined);
    await setSetting('provider', undefined);
    await setSetting('providers', undefined);
    await server.close();
    if (previousHome === undefined) delete process.env['TANDEM_HOME'];
    else process.env['TANDEM_HOME'] = previousHome;
    rmSync(home, { recursive: true, force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('runs the agent: its command runs in the Tandem Agent terminal, the result goes back to the model, get_problems is offered', async () => {
    for (const rule of nativeAgentSession([
      { calls: [{ name: 'run_command', args: { command: 'echo from-the-chat-agent' } }] },
      { text: 'The command printed its greeting.' },
    ], { lastUser: /say hello through the agent/ })) server.addRule(rule);
    await vscode.commands.executeCommand('workbench.action.chat.open', { query: '@tandem /agent say hello through the agent', mode: 'ask', modelSelector: { vendor: 'tandem' } });
    const chat = () => server.requests.filter((r) => r.path.endsWith('/chat/completions') && JSON.stringify(r.body).includes('say hello through the agent'));
    const second = await waitFor(() => chat()[1], 'the agent\'s second model turn', 30_000);
    const body = second.body as { messages: Array<{ role: string; content: string }>; tools?: Array<{ function: { name: string } }> };
    const toolResult = body.messages.find((m) => m.role === 'tool');
    assert.match(toolResult?.content ?? '', /^\$ echo from-the-chat-agent\nexit code 0 after [^\n]+\nfrom-the-chat-agent/);
    assert.ok(body.tools?.some((t) => t.function.name === 'get_problems'), 'the VS Code environment offers get_problems');
    assert.ok(vscode.window.terminals.some((t) => t.name.startsWith('Tandem Agent')), 'the command ran in a terminal the user can watch');
  });
});
