import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { FakeLlmServer } from '../support/fakeLlm';
import { nativeAgentSession } from '../support/fakeLlm/agentScript';
import { extensionId, setSetting, tandemApi } from './tandemApi';
import { waitFor } from './waitFor';

interface ChatBody {
  messages: Array<{ role: string; content: string }>;
  tools?: Array<{ function: { name: string } }>;
}

describe('MCP in the chat panel (real webview, fake model, real MCP servers)', function () {
  this.timeout(60_000);
  let server: FakeLlmServer;
  const chatBodies = () => server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as ChatBody);
  const lastUser = (body: ChatBody | undefined) => body?.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';

  before(async () => {
    server = await FakeLlmServer.start();
    const root = vscode.extensions.getExtension(extensionId)!.extensionPath;
    await setSetting('providers', { fake: { kind: 'openai-compatible', label: 'Fake server', baseUrl: server.baseUrl, models: { chat: 'fake-chat' } } });
    await setSetting('provider', 'fake');
    await setSetting('mcp.servers', {
      everything: { command: process.execPath, args: [path.join(root, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js'), 'stdio'] },
      bad: { command: process.execPath, args: [path.join(root, 'test/support/mcp/misbehavingServer.mjs'), 'tools'] },
    });
    const api = await tandemApi();
    await waitFor(() => api.config().provider.id === 'fake', 'the fake provider to be active');
    await api.mcp.reload();
    await vscode.commands.executeCommand('tandem.openChat');
    await waitFor(async () => (await api.chat.pagesLoaded()) > 0, 'the chat page to load');
  });

  after(async () => {
    const api = await tandemApi();
    await api.chat.answerMcpArguments(undefined);
    await setSetting('mcp.servers', undefined);
    await setSetting('provider', undefined);
    await setSetting('providers', undefined);
    await server.close();
  });

  beforeEach(async () => {
    server.reset();
    await (await tandemApi()).chat.receive({ type: 'newChat' });
  });

  async function shown(test: (transcript: string) => boolean, what: string): Promise<string> {
    const api = await tandemApi();
    return waitFor(async () => {
      const { transcript } = await api.chat.snapshot();
      return test(transcript) ? transcript : undefined;
    }, what, 30_000);
  }

  it('an agent task calls an MCP tool after approval, and the result reaches the model', async () => {
    const api = await tandemApi();
    await api.chat.receive({ type: 'agentSetMode', mode: 'agent' });
    try {
      await api.chat.receive({ type: 'agentNewTask' });
      for (const rule of nativeAgentSession([
        { calls: [{ name: 'mcp__everything__echo', args: { message: 'ping through MCP' } }] },
        { text: 'The MCP server echoed the ping.' },
      ], { lastUser: 'echo through mcp' })) server.addRule(rule);
      await api.chat.receive({ type: 'agentSend', text: 'echo through mcp' });
      const agent = await api.chat.agent();
      const id = await waitFor(() => agent.state().pendingApproval, 'the approval card for the MCP tool', 30_000);
      assert.equal(chatBodies().length, 1, 'nothing ran before the approval');
      await api.chat.receive({ type: 'agentApprove', id, decision: 'run' });
      await shown((t) => t.includes('The MCP server echoed the ping.'), 'the answer after the tool call');
      await agent.settled();

      const [first, second] = chatBodies();
      assert.ok(first?.tools?.some((t) => t.function.name === 'mcp__everything__echo'), 'the MCP tool is offered to the model');
      const result = second?.messages.find((m) => m.role === 'tool');
      assert.match(result?.content ?? '', /Echo: ping through MCP/);
    } finally {
      await api.chat.receive({ type: 'agentSetMode', mode: 'ask' });
    }
  });

  it('a resource attached in the chat reaches the model request, its secret redacted', async () => {
    const api = await tandemApi();
    server.addRule({ match: { lastUser: 'what is configured' }, reply: { text: 'A database host.' } });
    await api.chat.receive({ type: 'addMcpResource', server: 'bad', uri: 'misbehaving://config/.env' });
    const chip = await waitFor(async () => (await api.chat.snapshot()).chips.find((c) => c.startsWith('bad: .env ')), 'the resource chip');
    assert.match(chip, /^bad: \.env \d+$/);

    await api.chat.receive({ type: 'send', text: 'what is configured?', editing: false });
    const transcript = await shown((t) => t.includes('A database host.'), 'the answer');
    assert.match(transcript, /With bad: \.env\s+what is configured\?/);
    const sent = lastUser(chatBodies()[0]);
    assert.match(sent, /#### bad: \.env\n```env\nDATABASE_HOST=db\.internal\naws_secret_access_key = "\[REDACTED\]"/);
    assert.doesNotMatch(sent, /wJalrXUtnFEMI/, 'the secret in the resource never reaches the model');
    assert.equal((await api.chat.snapshot()).chips.length, 0, 'the chip went with the message');
  });

  it('a prompt slash command asks for its arguments and sends the prompt\'s messages', async () => {
    const api = await tandemApi();
    server.addRule({ match: { lastUser: /Review src\/money\.ts/ }, reply: { text: 'Reviewed as asked.' } });
    await api.chat.answerMcpArguments(['src/money.ts', '']);
    await api.chat.receive({ type: 'send', text: '/mcp.bad.review-code keep it short', editing: false });
    const transcript = await shown((t) => t.includes('Reviewed as asked.'), 'the answer to the prompt');
    assert.match(transcript, /With bad: \.env\s+\/mcp\.bad\.review-code Review src\/money\.ts\./);
    const sent = lastUser(chatBodies()[0]);
    assert.match(sent, /Review src\/money\.ts\.\n\n\[resource misbehaving:\/\/config\/\.env, attached as context\]\n\nkeep it short$/);
    assert.match(sent, /#### bad: \.env\n/, 'the embedded resource went as context');
    assert.doesNotMatch(sent, /wJalrXUtnFEMI/);

    // A required argument left empty: nothing is sent, and the chat says why.
    await api.chat.answerMcpArguments(['']);
    await api.chat.receive({ type: 'send', text: '/mcp.bad.review-code', editing: false });
    await shown((t) => t.includes('/mcp.bad.review-code was not sent: "file" is required.'), 'the refusal');
    assert.equal(chatBodies().length, 1);
    // server-everything's prompt with an argument, end to end.
    server.addRule({ match: { lastUser: /weather in Lisbon/ }, reply: { text: 'Sunny.' } });
    await api.chat.answerMcpArguments(['Lisbon', '']);
    await api.chat.receive({ type: 'send', text: '/mcp.everything.args-prompt', editing: false });
    await shown((t) => t.includes('Sunny.'), 'the answer to server-everything\'s prompt');
    assert.equal(lastUser(chatBodies()[1]), "What's weather in Lisbon?");
  });
});
