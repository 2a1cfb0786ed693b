// Inline edit and Generate Tests: the declarations of what the code uses, from the workspace index,
// including names the file does not import (the import walk cannot find those), never from an
// ignored or sensitive file. The core lookup, then `tandem edit` and `tandem tests` on the fake server.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runEdit } from '../../../src/cli/commands/edit';
import { runTests } from '../../../src/cli/commands/tests';
import { progressPrinter } from '../../../src/cli/commands/workspaceIndex';
import { nodeOutboundGate } from '../../../src/core/context';
import { declarationsUsedBy, openIndex, TreeSitterLoader } from '../../../src/core/knowledge';
import { FakeLlmServer } from '../../support/fakeLlm';
import { indexOf, makeWorkspace, shopFiles } from './workspace';

const FIXTURE = path.resolve(__dirname, '../../fixtures/testing/workspaces/node-test');

/** Code that uses a helper from another file without importing it (a global), and one from a sensitive file. */
const invoice = `export function invoiceTotal(items, region) {
  const subtotal = items.reduce((sum, item) => sum + item.price, 0);
  return subtotal * (1 + taxRate(region)) + secretSurcharge(region);
}
`;
const rates = `/** The VAT rate of a region, as a fraction. */
export function taxRate(region) {
  return region === 'eu' ? 0.2 : 0.1;
}
`;
const sensitive = 'export function secretSurcharge(region) {\n  return region.length;\n}\n';

describe('knowledge: declarations of what the code under edit uses', function () {
  this.timeout(60_000);

  it('finds definitions in other files for the names the code uses, imported or not, the best-ranked one per name', async () => {
    const workspace = makeWorkspace({
      ...shopFiles,
      'src/users/audit.ts': 'export function auditRename(repo: UserRepository, id: string) {\n  return retryWithBackoff(() => Promise.resolve(repo.findById(id)), 2) && leakedFromEnv();\n}\n',
    });
    try {
      const gate = await nodeOutboundGate(workspace.root);
      const { index } = await openIndex({ root: workspace.root, gate, loader: new TreeSitterLoader() });
      const found = await declarationsUsedBy(index, { path: 'src/users/audit.ts', text: 'export function auditRename(repo: UserRepository, id: string) {\n  return retryWithBackoff(() => Promise.resolve(repo.findById(id)), 2) && leakedFromEnv();\n}\n' });
      assert.deepEqual(found.map((d) => [d.name, d.path, d.startLine]).sort(), [
        ['UserRepository', 'src/users/userRepository.ts', 4],
        ['retryWithBackoff', 'src/net/retry.ts', 1],
      ].sort(), 'findById is a member of UserRepository, already sent with it; nothing from generated/ or .env files');
      const summary = found.find((d) => d.name === 'retryWithBackoff')!;
      assert.match(summary.text, /^\/\*\*\n \* Calls `operation` until it succeeds[\s\S]*export async function retryWithBackoff<T>/);
      // With the lines readable, a declaration is sent whole (cut to maxLines).
      const whole = await declarationsUsedBy(index, { path: 'src/users/audit.ts', text: 'repo: UserRepository', maxLines: 6, readLines: async (p, s, e) => shopFiles[p]?.split('\n').slice(s - 1, e).join('\n') });
      assert.equal(whole[0]?.text, `${shopFiles['src/users/userRepository.ts']!.split('\n').slice(3, 9).join('\n')}\n// … (7 more lines)`);
      assert.deepEqual(await declarationsUsedBy(index, { path: 'src/users/audit.ts', text: 'retryWithBackoff()', exclude: new Set(['retryWithBackoff']) }), []);
    } finally {
      workspace.dispose();
    }
  });

  it('takes declarations only from files of the language under edit (TypeScript and JavaScript count as one)', async () => {
    const workspace = makeWorkspace({
      'src/rates.js': rates,
      'tools/rates.py': 'def taxRate(region):\n    # Python twin.\n    return 0.3\n',
      'native/rates.go': 'package rates\n\n// taxRate in Go.\nfunc taxRate(region string) float64 { return 0.3 }\n',
    });
    try {
      const index = await indexOf(workspace.root);
      const found = await declarationsUsedBy(index, { path: 'src/invoice.ts', text: invoice });
      assert.deepEqual(found.map((d) => d.path), ['src/rates.js']);
    } finally {
      workspace.dispose();
    }
  });

  it('the CLI tells the index build only when it parses many files', () => {
    const told: string[] = [];
    const quiet = progressPrinter((t) => void told.push(t), 500);
    for (const p of [{ phase: 'loading', done: 0, total: 0 }, { phase: 'parsing', done: 50, total: 80 }, { phase: 'ready', done: 80, total: 80 }] as const) quiet(p);
    assert.equal(told.length, 0);
    const loud = progressPrinter((t) => void told.push(t), 500);
    for (const p of [{ phase: 'parsing', done: 1000, total: 3214 }, { phase: 'ready', done: 3214, total: 3214 }] as const) loud(p);
    assert.deepEqual(told, ['tandem: indexing 3,214 files… 1,000\n', 'tandem: index ready: 3,214 files\n']);
  });

  describe('in the CLI', () => {
    let server: FakeLlmServer;
    let dir: string;
    let cache: string;
    let err: string;
    const io = () => ({ cwd: dir, env: { TANDEM_CACHE_DIR: cache }, stdout: () => {}, stderr: (t: string) => void (err += t) });
    const put = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    const prompt = () => (server.requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)?.body as { messages: Array<{ content: string }> }).messages.map((m) => m.content).join('\n');

    before(async () => { server = await FakeLlmServer.start(); });
    after(() => server.close());
    beforeEach(() => {
      server.reset();
      err = '';
      dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-declarations-'));
      cache = mkdtempSync(path.join(os.tmpdir(), 'tandem-declarations-cache-'));
      cpSync(FIXTURE, dir, { recursive: true });
      put('.vscode/settings.json', JSON.stringify({
        'tandem.provider': 'fake', 'tandem.retries.maxRetries': 0,
        'tandem.providers': { fake: { kind: 'openai-compatible', baseUrl: server.baseUrl, models: { chat: 'fake-chat' } } },
      }));
      put('src/invoice.js', invoice);
      put('src/rates.js', rates);
      put('config/.env.surcharge.js', sensitive);
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    });

    it('tandem edit sends the declaration of a used but not imported function, and none from a sensitive file', async () => {
      server.addRule({ reply: { text: '```js\n  return subtotal * (1 + taxRate(region));\n```' } });
      assert.equal(await runEdit(['src/invoice.js', 'drop the surcharge', '--range', '3'], io()), 0, err);
      const sent = prompt();
      assert.match(sent, /Declarations from other files that this code uses \(context only; do not repeat them\):\nsrc\/rates\.js:1 \(`taxRate`\)\n```\n\/\*\* The VAT rate of a region, as a fraction\. \*\/\nexport function taxRate\(region\) \{\n {2}return region === 'eu' \? 0\.2 : 0\.1;\n\}\n```/);
      assert.doesNotMatch(sent, /return region\.length/, 'the .env file is sensitive');
      assert.doesNotMatch(err, /index/, 'a small project is indexed without a word');

      server.reset();
      server.addRule({ reply: { text: '```js\n  return subtotal * (1 + taxRate(region));\n```' } });
      assert.equal(await runEdit(['src/invoice.js', 'drop the surcharge', '--range', '3', '--no-index'], io()), 0, err);
      assert.doesNotMatch(prompt(), /Declarations from other files|VAT rate/);
    });

    it('tandem tests adds the index\'s declarations to what the import walk finds', async () => {
      const reply = "```js test/invoice.test.js\nimport { test } from 'node:test';\ntest('total', () => {});\n```\n";
      server.addRule({ match: { lastUser: /Write unit tests for the code in src\/invoice\.js/ }, reply: { text: reply } });
      assert.equal(await runTests(['src/invoice.js'], io()), 0, err);
      const sent = prompt();
      assert.match(sent, /## `taxRate`, used by the code \(src\/rates\.js:1\)\n```js\n\/\*\* The VAT rate of a region, as a fraction\. \*\/\nexport function taxRate\(region\)/);
      assert.doesNotMatch(sent, /`secretSurcharge`, used by the code|return region\.length/);

      server.reset();
      server.addRule({ match: { lastUser: /Write unit tests for the code in src\/invoice\.js/ }, reply: { text: reply } });
      assert.equal(await runTests(['src/invoice.js', '--no-index'], io()), 0, err);
      assert.doesNotMatch(prompt(), /`taxRate`, used by the code/, 'the import walk alone does not find it');
    });
  });
});
