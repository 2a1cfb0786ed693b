// MCP resources and prompts for the chat, against server-everything and the misbehaving server:
// listed per server, read into context items that pass the chat prompt's gate (secrets redacted,
// the budget cut with its marker, binary content as a note), prompts turned into a chat turn.
import assert from 'node:assert/strict';
import os from 'node:os';
import { assembleChatPrompt } from '../../../src/core/prompts/chat';
import {
  collectPromptArguments, McpCatalog, promptTurn, resourceContextItem, withCommands, type McpManager, type McpPromptArgument,
} from '../../../src/core/mcp';
import { everythingEntry, memoryEntry, misbehavingEntry, stdioServer, testManager } from '../../support/mcp/mcpTestKit';

const noRedaction = (text: string) => text;

/** The user message of a chat prompt holding `context`, for a model with a `window`-token window. */
function sentWith(context: ReturnType<typeof resourceContextItem>[], window = 32_000): string {
  const prompt = assembleChatPrompt({
    question: 'what is in it?', history: [], rules: [], contextWindow: window, model: 'fake-chat',
    context: context.map((item) => ({ label: item.label, text: item.text, ...(item.path ? { path: item.path } : {}), ...(item.language ? { language: item.language } : {}) })),
  });
  return String(prompt.messages.at(-1)?.content ?? '');
}

describe('MCP resources and prompts for the chat', function () {
  this.timeout(40_000);
  let manager: McpManager | undefined;
  afterEach(async () => {
    await manager?.dispose();
    manager = undefined;
  });

  it('server-everything: resources listed per server, a text resource read whole, a binary one as a note', async () => {
    ({ manager } = await testManager({ everything: stdioServer(everythingEntry, 'stdio') }));
    const catalog = new McpCatalog(manager);
    const { items, problems } = await catalog.resources();
    assert.deepEqual(problems, []);
    const instructions = items.find((r) => r.uri === 'demo://resource/static/document/instructions.md');
    assert.ok(instructions, items.map((r) => r.uri).join('\n'));
    assert.equal(instructions.server, 'everything');

    const item = resourceContextItem('everything', instructions.uri, instructions.name, await catalog.readResource('everything', instructions.uri), noRedaction);
    assert.equal(item.kind, 'mcpResource');
    assert.equal(item.label, 'everything: instructions.md');
    assert.equal(item.language, 'markdown');
    assert.ok(item.text.length > 100, item.text);
    assert.ok(sentWith([item]).includes(item.text.slice(0, 200)), 'the text reaches the prompt');

    const blob = resourceContextItem('everything', 'demo://resource/dynamic/blob/1', undefined, await catalog.readResource('everything', 'demo://resource/dynamic/blob/1'), noRedaction);
    assert.match(blob.text, /^\[binary resource demo:\/\/resource\/dynamic\/blob\/1: [\w/-]+, \d+ bytes — not shown to the model\]$/);
    assert.match(blob.detail ?? '', /binary, attached as a note/);

    await assert.rejects(catalog.readResource('everything', 'demo://no/such/thing'), /The MCP server "everything" could not read demo:\/\/no\/such\/thing: /);
  });

  it('server-everything: prompts as /mcp.<server>.<prompt> commands; arguments asked for; the messages become the turn', async () => {
    ({ manager } = await testManager({ everything: stdioServer(everythingEntry, 'stdio') }));
    const catalog = new McpCatalog(manager);
    const prompts = (await catalog.prompts()).items;
    const commands = prompts.map((p) => p.command);
    assert.ok(commands.includes('mcp.everything.simple-prompt') && commands.includes('mcp.everything.args-prompt'), commands.join(', '));
    const args = prompts.find((p) => p.command === 'mcp.everything.args-prompt')!;
    assert.deepEqual(args.arguments.map((a) => `${a.name}${a.required ? '*' : ''}`), ['city*', 'state']);

    const asked: string[] = [];
    const collected = await collectPromptArguments(args, async (argument, index, total) => {
      asked.push(`${index + 1}/${total} ${argument.name}`);
      return argument.name === 'city' ? ' Paris ' : '';
    });
    assert.deepEqual(asked, ['1/2 city', '2/2 state']);
    assert.ok('values' in collected);
    assert.deepEqual(collected.values, { city: 'Paris' }, 'an optional argument left empty is not sent');
    const turn = promptTurn(args, await catalog.getPrompt(args, collected.values), 'and tomorrow?', noRedaction);
    assert.equal(turn.text, "What's weather in Paris?\n\nand tomorrow?");
    assert.deepEqual(turn.resources, []);

    const embedded = prompts.find((p) => p.name === 'resource-prompt')!;
    const withResource = promptTurn(embedded, await catalog.getPrompt(embedded, { resourceType: 'Text', resourceId: '2' }), '', noRedaction);
    assert.match(withResource.text, /Please analyze the following resource:\n\n\[resource demo:\/\/resource\/dynamic\/text\/2, attached as context\]$/);
    assert.equal(withResource.resources.length, 1);
    assert.match(withResource.resources[0]!.item.text, /^Resource 2: This is a plaintext resource/);
  });

  it('a required argument is enforced; a cancelled question stops the command', async () => {
    const [prompt] = withCommands([{ server: 'docs server', name: 'find page', arguments: [{ name: 'topic', required: true }, { name: 'depth', required: false }] }]);
    assert.equal(prompt!.command, 'mcp.docs-server.find-page');
    const answers = (values: Array<string | undefined>) => {
      let i = 0;
      return async (_argument: McpPromptArgument) => values[i++];
    };
    assert.deepEqual(await collectPromptArguments(prompt!, answers(['  '])), { cancelled: '/mcp.docs-server.find-page was not sent: "topic" is required.' });
    assert.deepEqual(await collectPromptArguments(prompt!, answers([undefined])), { cancelled: '/mcp.docs-server.find-page was not sent: no value was given for "topic".' });
    assert.deepEqual(await collectPromptArguments(prompt!, answers(['mcp', undefined])), { cancelled: '/mcp.docs-server.find-page was not sent: no value was given for "depth".' });
    // Names that clash once sanitised stay apart.
    assert.deepEqual(withCommands([
      { server: 'a', name: 'x y', arguments: [] }, { server: 'a', name: 'x-y', arguments: [] }, { server: 'a', name: 'X_Y', arguments: [] },
    ]).map((p) => p.command), ['mcp.a.x-y', 'mcp.a.x-y-2', 'mcp.a.X_Y']);
  });

  it('the misbehaving server: a secret in a resource is redacted, 3 MB is cut with a marker, a failing prompt says why', async () => {
    ({ manager } = await testManager({ bad: stdioServer(misbehavingEntry, 'tools') }));
    const catalog = new McpCatalog(manager);
    const uris = (await catalog.resources()).items.map((r) => r.uri);
    assert.deepEqual(uris, ['misbehaving://config/.env', 'misbehaving://logs/huge.log', 'misbehaving://images/logo.png']);

    const envResult = await catalog.readResource('bad', uris[0]!);
    const env = resourceContextItem('bad', uris[0]!, '.env', envResult, noRedaction);
    assert.match(env.text, /wJalrXUtnFEMI/, 'without the log redactor, the chip holds what the server sent');
    assert.doesNotMatch(resourceContextItem('bad', uris[0]!, '.env', envResult, manager.redact.bind(manager)).text, /wJalrXUtnFEMI/);
    const sent = sentWith([env]);
    assert.match(sent, /DATABASE_HOST=db\.internal/);
    assert.doesNotMatch(sent, /wJalrXUtnFEMI/, 'the secret never reaches the model');

    const huge = resourceContextItem('bad', uris[1]!, 'huge.log', await catalog.readResource('bad', uris[1]!), noRedaction);
    assert.ok(huge.text.length <= 1_000_000, String(huge.text.length));
    assert.match(huge.detail ?? '', /first 1,000,000 of 3,290,\d{3} characters/);
    const cut = sentWith([huge], 8_000);
    assert.match(cut, /#### bad: huge\.log\n\(cut: the first \d+ of \d+ lines\)\n```log\nFIRST-LOG-LINE/);
    assert.ok(cut.length < 40_000, String(cut.length));

    const image = resourceContextItem('bad', uris[2]!, 'logo.png', await catalog.readResource('bad', uris[2]!), noRedaction);
    assert.equal(image.text, '[binary resource misbehaving://images/logo.png: image/png, 3 KB — not shown to the model]');

    const prompts = (await catalog.prompts()).items;
    assert.deepEqual(prompts.map((p) => p.command), ['mcp.bad.review-code', 'mcp.bad.broken']);
    const review = promptTurn(prompts[0]!, await catalog.getPrompt(prompts[0]!, { file: 'src/a.ts' }), '', noRedaction);
    assert.equal(review.text, 'Review src/a.ts.\n\n[resource misbehaving://config/.env, attached as context]');
    assert.doesNotMatch(sentWith(review.resources.map((r) => r.item)), /wJalrXUtnFEMI/, "a secret in a prompt's embedded resource is redacted too");
    await assert.rejects(catalog.getPrompt(prompts[1]!, {}), /could not give the prompt "broken": .*broken on purpose/);
  });

  it('keeps a server\'s list between keystrokes and asks again after a restart', async () => {
    let logs: Array<{ server: string; line: string }>;
    ({ manager, logs } = await testManager({ bad: stdioServer(misbehavingEntry, 'tools') }));
    const catalog = new McpCatalog(manager);
    const asked = () => logs.filter((l) => l.line === 'list resources').length;
    // The server logs each request on stderr, which can arrive after its answer on stdout.
    const askedOnceSettled = async (atLeast: number): Promise<number> => {
      for (let waited = 0; asked() < atLeast && waited < 3_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100));
      return asked();
    };
    for (let i = 0; i < 5; i++) assert.equal((await catalog.resources()).items.length, 3);
    assert.equal(await askedOnceSettled(1), 1);
    await manager.restart('bad');
    assert.equal((await catalog.resources()).items.length, 3);
    assert.equal(await askedOnceSettled(2), 2);
  });

  it('lists every ready server\'s resources and prompts; a server that is down is skipped, not fatal', async () => {
    ({ manager } = await testManager({
      memory: { ...stdioServer(memoryEntry), env: { MEMORY_FILE_PATH: `${os.tmpdir()}/tandem-mcp-chat-memory-${process.pid}.jsonl` } },
      noisy: stdioServer(misbehavingEntry, 'garbage'), down: stdioServer(misbehavingEntry, 'crash-on-start'),
    }));
    const catalog = new McpCatalog(manager);
    const resources = await catalog.resources();
    assert.deepEqual(resources.items.filter((r) => r.server === 'noisy').length, 3);
    assert.ok(resources.items.every((r) => r.server === 'noisy' || r.server === 'memory'));
    assert.deepEqual(resources.problems, []);
    assert.deepEqual((await catalog.prompts()).items.filter((p) => p.server === 'noisy').map((p) => p.command), ['mcp.noisy.review-code', 'mcp.noisy.broken']);
    await assert.rejects(catalog.readResource('down', 'x://y'), /The MCP server "down" is not ready: failed: /);
  });
});
