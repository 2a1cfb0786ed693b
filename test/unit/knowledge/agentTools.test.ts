// The index as agent tools: search_symbols and repo_map run by the agent loop against the fake
// server, the index opened lazily once, nothing from an ignored or sensitive file, secrets redacted.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveSetup } from '../../../src/cli/cliSetup';
import { runAgentCommand } from '../../../src/cli/commands/agent';
import { nodeOutboundGate } from '../../../src/core/context';
import { knowledgeToolProvider, openIndex, searchSymbols, TreeSitterLoader, type KnowledgeIndex } from '../../../src/core/knowledge';
import { FakeLlmServer, nativeAgentSession, type AgentCall } from '../../support/fakeLlm';
import { removeAll, runTask, testEnvironment } from '../agent/harness';
import { makeWorkspace } from './workspace';

describe('knowledge: search_symbols and repo_map agent tools', function () {
  this.timeout(60_000);
  let server: FakeLlmServer;
  let workspace: ReturnType<typeof makeWorkspace>;
  let home: string;
  const loader = new TreeSitterLoader();

  before(async () => {
    server = await FakeLlmServer.start();
  });
  after(() => server.close());
  beforeEach(() => {
    workspace = makeWorkspace();
    home = mkdtempSync(path.join(os.tmpdir(), 'tandem-knowledge-agent-'));
  });
  afterEach(() => {
    server.reset();
    workspace.dispose();
    removeAll(home);
  });

  /** Runs one agent turn per call, then a final answer; returns each call's tool message and how often the index was asked for. */
  async function callTools(calls: AgentCall[], filesInPlay: string[] = []): Promise<{ results: string[]; opened: number; offered: string[] }> {
    let opened = 0;
    let index: Promise<KnowledgeIndex> | undefined;
    const provider = knowledgeToolProvider({
      index: async () => {
        opened++;
        index ??= nodeOutboundGate(workspace.root).then((gate) => openIndex({ root: workspace.root, gate, loader })).then((r) => r.index);
        return index;
      },
      filesInPlay: () => filesInPlay,
    });
    const env = await testEnvironment(workspace.root, { extraTools: provider });
    server.setOptions({ rules: nativeAgentSession([...calls.map((call) => ({ calls: [call] })), { text: 'Done.' }]) });
    const { outcome } = await runTask({ server, root: workspace.root, home, env, task: 'find things' });
    assert.equal(outcome.reason, 'finished', outcome.message);
    const last = server.requests.at(-1)?.body as { messages: Array<{ role: string; content: string }> };
    const first = server.requests[0]?.body as { tools: Array<{ function: { name: string } }> };
    return { results: last.messages.filter((m) => m.role === 'tool').map((m) => m.content), opened, offered: first.tools.map((t) => t.function.name) };
  }

  it('search_symbols lists ranked definitions with path:line, kind and signature; the index is not opened before the first call', async () => {
    const { results, offered } = await callTools([
      { name: 'search_symbols', args: { query: 'UserRepository' } },
      { name: 'search_symbols', args: { query: 'UserRepository.findById' } },
      { name: 'search_symbols', args: { query: 'retry backoff' } },
    ]);
    assert.ok(offered.includes('search_symbols') && offered.includes('repo_map'), offered.join(', '));
    const [byName = '', qualified = '', byWords = ''] = results;
    assert.match(byName, /^src\/users\/userRepository\.ts:5 class UserRepository\n {4}export class UserRepository \{/);
    assert.match(qualified, /^src\/users\/userRepository\.ts:9 method UserRepository\.findById\n {4}findById\(id: string\): User \| undefined \{/);
    assert.ok(qualified.indexOf('OrderRepository.findById') > qualified.indexOf('UserRepository.findById'), 'the other findById ranks below');
    assert.match(byWords, /^src\/net\/retry\.ts:5 function retryWithBackoff\n {4}export async function retryWithBackoff<T>/);
  });

  it('search_symbols finds Container.member even when hundreds of other files define the member', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 450; i++) many[`src/s${String(i).padStart(3, '0')}.ts`] = `export class Store${i} {\n  load(id: string) { return id; }\n}\n`;
    const big = makeWorkspace(many);
    try {
      const gate = await nodeOutboundGate(big.root);
      const { index } = await openIndex({ root: big.root, gate, loader });
      const [first] = searchSymbols(index, 'Store437.load', { limit: 5 });
      assert.deepEqual([first?.path, first?.line, first?.container], ['src/s437.ts', 2, 'Store437']);
      // 450 exact `load`s fill any list: the same answer without the full-text query over 450 chunks.
      let fullText = 0;
      const searchChunks = index.searchChunks.bind(index);
      index.searchChunks = (question, limit) => (fullText++, searchChunks(question, limit));
      const loads = searchSymbols(index, 'load', { limit: 10 });
      assert.equal(loads.length, 10);
      assert.ok(loads.every((m) => m.name === 'load' && m.why === 'name'));
      assert.equal(fullText, 0, 'the full-text index is not asked');
      assert.equal(searchSymbols(index, 'Store43', { limit: 10 }).length, 10);
      assert.equal(fullText, 1, 'a prefix query still asks it');
    } finally {
      big.dispose();
    }
  });

  it('never shows an ignored or sensitive file, and secrets in signatures are redacted', async () => {
    const { results } = await callTools([
      { name: 'search_symbols', args: { query: 'UserRepository' } },
      { name: 'search_symbols', args: { query: 'leakedFromEnv' } },
      { name: 'search_symbols', args: { query: 'PAYMENTS_TOKEN' } },
      { name: 'repo_map', args: {} },
    ]);
    const [repository = '', sensitive = '', token = '', map = ''] = results;
    assert.doesNotMatch(repository, /generated\/api\.ts/, '.gitignore\'d');
    assert.match(sensitive, /^No definitions match "leakedFromEnv"/, '.env* files are sensitive');
    assert.match(token, /^src\/config\.ts:2 constant PAYMENTS_TOKEN\n {4}export const PAYMENTS_TOKEN = '\[REDACTED\]'/);
    assert.doesNotMatch(results.join('\n'), /ghp_0123456789/);
    assert.doesNotMatch(map, /generated\/|\.env|leakedFromEnv/);
    assert.match(map, /^src\/config\.ts$/m);
  });

  it('repo_map outlines the files around the focus first, then the files they use, within the budget', async () => {
    const { results, opened } = await callTools([
      { name: 'repo_map', args: { focus: 'src/users/userService.ts' } },
      { name: 'repo_map', args: { focus: 'OrderRepository', maxTokens: 64 } },
    ]);
    const [aroundService = '', small = ''] = results;
    const files = aroundService.split('\n').filter((l) => !l.startsWith(' ') && !l.startsWith('…'));
    assert.equal(files[0], 'src/users/userService.ts');
    assert.ok(files.indexOf('src/users/userRepository.ts') < files.indexOf('src/orders/orderRepository.ts'), files.join(', '));
    assert.ok(files.indexOf('src/net/retry.ts') < files.indexOf('src/orders/orderRepository.ts'), files.join(', '));
    assert.match(aroundService, /^src\/users\/userRepository\.ts\n {2}5│ export class UserRepository \{\n {4}6│ constructor\(private readonly db: Database\) \{\}\n {4}9│ findById\(id: string\): User \| undefined \{/m);
    assert.match(small, /^src\/orders\/orderRepository\.ts\n/);
    assert.ok(small.length < 64 * 4 + 200, `${small.length} characters`);
    assert.match(small, /… \d+ more files with definitions/);
    assert.equal(opened, 2, 'asked once per call; the getter shares one index');
  });

  it('tandem agent offers them and opens the index on the first call, from the user cache folder, with progress on stderr', async () => {
    const cache = path.join(home, 'cache');
    mkdirSync(path.join(workspace.root, '.vscode'));
    writeFileSync(path.join(workspace.root, '.vscode/settings.json'), JSON.stringify({
      'tandem.provider': 'fake', 'tandem.retries.maxRetries': 0,
      'tandem.providers': { fake: { kind: 'openai-compatible', baseUrl: server.baseUrl, models: { chat: 'fake-chat' } } },
    }));
    server.setOptions({ rules: nativeAgentSession([
      { text: 'Nothing to look up.' },
    ]) });
    const env = { TANDEM_HOME: path.join(home, 'tasks'), TANDEM_CACHE_DIR: cache };
    let stderr = '';
    const runIt = (task: string) => runAgentCommand([task, '--json'], {
      cwd: workspace.root, env, signal: new AbortController().signal, stdout: () => {}, stderr: (t) => void (stderr += t),
    }, (root) => resolveSetup({ verbose: false, cwd: root }, env, workspace.root));
    assert.equal(await runIt('say hi'), 0);
    assert.doesNotMatch(stderr, /index/, 'no call, no index');
    assert.equal(readdirSafe(path.join(cache, 'knowledge')).length, 0);

    server.reset();
    server.setOptions({ rules: nativeAgentSession([
      { calls: [{ name: 'search_symbols', args: { query: 'retryWithBackoff' } }] },
      { calls: [{ name: 'repo_map', args: { focus: 'src/net' } }] },
      { text: 'Found it.' },
    ]) });
    assert.equal(await runIt('where is the retry helper?'), 0);
    assert.match(stderr, /tandem: index ready: 8 files/);
    assert.equal(stderr.match(/index ready/g)?.length, 1, 'opened once for both calls');
    assert.equal(readdirSafe(path.join(cache, 'knowledge')).filter((f) => f.endsWith('.json.gz')).length, 1);
    const last = server.requests.at(-1)?.body as { messages: Array<{ role: string; content: string }> };
    const [found = '', map = ''] = last.messages.filter((m) => m.role === 'tool').map((m) => m.content);
    assert.match(found, /^src\/net\/retry\.ts:5 function retryWithBackoff/);
    assert.match(map, /^src\/net\/retry\.ts\n {2}5│ export async function retryWithBackoff/);
    rmSync(cache, { recursive: true, force: true });
  });
});

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
