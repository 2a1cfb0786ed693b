// `tandem edit` against the fake model server, on temporary project folders: in-process through
// runEdit for most cases, and once through the real entry point (src/cli/main.ts).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runEdit } from '../../../src/cli/commands/edit';
import { FakeLlmServer } from '../../support/fakeLlm';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;

const money = `export type Cents = number;

export function parseMoney(text: string): Cents {
  const value = Number(text);
  return Math.round(value * 100);
}

export function formatMoney(cents: Cents): string {
  return (cents / 100).toFixed(2);
}
`;
const validated = '```ts\nexport function parseMoney(text: string): Cents {\n  const value = Number(text);\n  if (Number.isNaN(value)) throw new Error(`Not an amount: "${text}"`);\n  return Math.round(value * 100);\n}\n```';

describe('tandem edit', function () {
  this.timeout(20_000);
  let server: FakeLlmServer;
  let dir: string;
  /** The workspace index's cache folder (the commands open the index for declarations). */
  let cache: string;
  let out: string;
  let err: string;

  const io = (signal?: AbortSignal) => ({
    cwd: dir, env: { TANDEM_CACHE_DIR: cache }, signal,
    stdout: (text: string) => void (out += text),
    stderr: (text: string) => void (err += text),
  });
  const put = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
  const chatRequests = () => server.requests.filter((r) => r.path.endsWith('/chat/completions'));
  const lastPrompt = () => (chatRequests().at(-1)?.body as { messages: Array<{ content: string }> }).messages.map((m) => m.content).join('\n');

  before(async () => { server = await FakeLlmServer.start(); });
  before(() => { cache = mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-index-cache-')); });
  after(() => { rmSync(cache, { recursive: true, force: true }); return server.close(); });
  beforeEach(() => {
    server.reset();
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-edit-'));
    put('.vscode/settings.json', JSON.stringify({
      'tandem.provider': 'fake',
      'tandem.providers': { fake: { kind: 'openai-compatible', baseUrl: server.baseUrl, models: { chat: 'fake-chat', edit: 'fake-coder' } } },
      'tandem.retries.maxRetries': 0,
    }));
    put('src/money.ts', money);
    out = '';
    err = '';
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the diff of the rewritten lines and writes nothing without --yes', async () => {
    server.addRule({ match: { lastUser: /Instruction:\nreject amounts that are not numbers/ }, reply: { text: validated } });
    assert.equal(await runEdit(['src/money.ts', 'reject amounts that are not numbers', '--range', '3-6'], io()), 0, err);
    assert.equal(out, [
      '--- a/src/money.ts', '+++ b/src/money.ts', '@@ -2,6 +2,7 @@', ' ', ' export function parseMoney(text: string): Cents {', '   const value = Number(text);',
      '+  if (Number.isNaN(value)) throw new Error(`Not an amount: "${text}"`);', '   return Math.round(value * 100);', ' }', ' ', '',
    ].join('\n'));
    assert.match(err, /nothing written; run again with --yes/);
    assert.equal(read('src/money.ts'), money);
    const request = chatRequests()[0]!;
    assert.equal((request.body as { model: string }).model, 'fake-coder', 'the edit model of the provider');
    assert.match(lastPrompt(), /File: `src\/money\.ts` \(typescript\), lines 3-6 of 10/);
  });

  it('--yes writes the edit atomically (no temp files left) and keeps CRLF line endings', async () => {
    put('src/money.ts', money.replace(/\n/g, '\r\n'));
    server.addRule({ reply: { text: validated } });
    assert.equal(await runEdit(['src/money.ts', 'validate', '--range', '3-6', '--yes'], io()), 0, err);
    assert.equal(read('src/money.ts'), money.replace('  const value = Number(text);\n', '  const value = Number(text);\n  if (Number.isNaN(value)) throw new Error(`Not an amount: "${text}"`);\n').replace(/\n/g, '\r\n'));
    assert.deepEqual(readdirSync(path.join(dir, 'src')), ['money.ts']);
    assert.match(err, /wrote src\/money\.ts \(lines 3-6\)/);
  });

  it('without --range rewrites the whole file; --json reports the result', async () => {
    server.addRule({ reply: { text: `\`\`\`ts\n${money.replace('toFixed(2)', 'toFixed(2).padStart(4, "0")')}\`\`\`` } });
    assert.equal(await runEdit(['src/money.ts', 'pad', '--json', '--cwd', '.'], io()), 0, err);
    const report = JSON.parse(out) as Record<string, unknown>;
    assert.deepEqual({ ...report, diff: typeof report.diff }, {
      path: 'src/money.ts', status: 'proposed', written: false, range: { startLine: 1, endLine: 10 }, newRange: { startLine: 1, endLine: 10 }, diff: 'string', notes: [],
    });
    assert.match(String(report.diff), /^\+ {2}return \(cents \/ 100\)\.toFixed\(2\)\.padStart\(4, "0"\);$/m);
  });

  it('exits 1 with the reason when the answer is cut off, and writes nothing even with --yes', async () => {
    server.addRule({ reply: { text: '```ts\nexport function parseMoney(text: string): Cents {\n  const value =' } });
    assert.equal(await runEdit(['src/money.ts', 'validate', '--range', '3-6', '--yes'], io()), 1);
    assert.match(err, /^tandem: The answer was cut off: its code block never closed/);
    assert.equal(out, '');
    assert.equal(read('src/money.ts'), money);
  });

  it('exits 1 with the model server\'s error, said for people', async () => {
    server.addRule({ fault: { kind: 'status', status: 500 } });
    assert.equal(await runEdit(['src/money.ts', 'validate', '--json'], io()), 1);
    const report = JSON.parse(out) as { status: string; written: boolean; message: string };
    assert.equal(report.status, 'failed');
    assert.equal(report.written, false);
    assert.match(report.message, /server/i);
  });

  it('says what to do in terminal terms, not with VS Code commands the terminal does not have', async () => {
    server.addRule({ fault: { kind: 'status', status: 401 }, times: 1 });
    assert.equal(await runEdit(['src/money.ts', 'validate'], io()), 1);
    server.addRule({ fault: { kind: 'status', status: 500 }, times: 1 });
    assert.equal(await runEdit(['src/money.ts', 'validate'], io()), 1);
    const [auth, server500] = err.trimEnd().split('\n');
    assert.match(auth!, /^tandem: Authentication failed at .* — set the API key for provider 'fake' in the TANDEM_API_KEY environment variable, or remove it/);
    assert.match(server500!, /^tandem: .* failed with a server error \(HTTP 500\) — try again; details are printed with --verbose\.$/);
    assert.doesNotMatch(err, /"Tandem: /);
    assert.equal(read('src/money.ts'), money);
  });

  it('redacts secrets before sending and keeps them in the file it writes', async () => {
    put('src/config.ts', 'export const apiKey = "sk-proj-abcdefghijklmnopqrstuvwx1234";\nexport const retries = 3;\n');
    server.addRule({ reply: { text: '```ts\nexport const apiKey = "[REDACTED]";\nexport const retries = 5;\n```' } });
    assert.equal(await runEdit(['src/config.ts', 'five retries', '--yes'], io()), 0, err);
    assert.doesNotMatch(lastPrompt(), /sk-proj/);
    assert.equal(read('src/config.ts'), 'export const apiKey = "sk-proj-abcdefghijklmnopqrstuvwx1234";\nexport const retries = 5;\n');
  });

  it('merges with changes made to the file while the model answered, before writing', async () => {
    server.setOptions({ ttftMs: 300 });
    server.addRule({ reply: { text: '```ts\n  return (cents / 100).toFixed(2) + " EUR";\n```' } });
    const running = runEdit(['src/money.ts', 'add currency', '--range', '9', '--yes'], io());
    await server.waitForRequests(1);
    put('src/money.ts', `// edited meanwhile\n${money}`);
    assert.equal(await running, 0, err);
    assert.equal(read('src/money.ts'), `// edited meanwhile\n${money.replace('toFixed(2);', 'toFixed(2) + " EUR";')}`);
  });

  it('refuses sensitive files and files matched by tandem.ignore or .gitignore, without calling the model', async () => {
    put('.env', 'TOKEN=abc\n');
    put('.gitignore', 'generated/\n');
    put('generated/client.ts', 'export const c = 1;\n');
    put('.vscode/settings.json', JSON.stringify({ 'tandem.provider': 'fake', 'tandem.providers': { fake: { baseUrl: server.baseUrl } }, 'tandem.ignore': ['src/private/'] }));
    put('src/private/keys.ts', 'export const k = 1;\n');
    assert.equal(await runEdit(['.env', 'x'], io()), 2);
    assert.equal(await runEdit(['src/private/keys.ts', 'x'], io()), 2);
    assert.equal(await runEdit(['generated/client.ts', 'x'], io()), 2);
    assert.match(err, /\.env is a sensitive file \(keys, credentials, \.env\); its content never goes to a model\. Nothing was sent\./);
    assert.match(err, /src\/private\/keys\.ts is matched by \.gitignore or tandem\.ignore/);
    assert.match(err, /generated\/client\.ts is matched by \.gitignore or tandem\.ignore/);
    assert.equal(chatRequests().length, 0);
  });

  it('exits 2 on bad usage: no instruction, a bad or out-of-file range, a file outside --cwd, a missing file', async () => {
    assert.equal(await runEdit(['src/money.ts'], io()), 2);
    assert.equal(await runEdit(['src/money.ts', 'x', '--range', 'ten'], io()), 2);
    assert.equal(await runEdit(['src/money.ts', 'x', '--range', '5-99'], io()), 2);
    assert.match(err, /the file has 10 lines/);
    assert.equal(await runEdit(['../outside.ts', 'x'], io()), 2);
    assert.equal(await runEdit(['src/missing.ts', 'x'], io()), 2);
    assert.match(err, /cannot edit src\/missing\.ts: the file does not exist/);
    assert.equal(chatRequests().length, 0);
  });

  it('--json reports a file it cannot edit as JSON too, with exit code 2', async () => {
    assert.equal(await runEdit(['src/missing.ts', 'x', '--json'], io()), 2);
    assert.deepEqual(JSON.parse(out), { path: 'src/missing.ts', status: 'failed', written: false, diff: '', message: 'cannot edit src/missing.ts: the file does not exist' });
    out = '';
    assert.equal(await runEdit(['src/money.ts', 'x', '--range', '5-99', '--json'], io()), 2);
    assert.equal((JSON.parse(out) as { message: string }).message, '--range 5-99: the file has 10 lines');
    assert.equal(chatRequests().length, 0);
  });

  it('runs as `tandem edit` through the real entry point with its exit code', async () => {
    server.addRule({ reply: { text: validated } });
    const child = spawn(process.execPath, ['--import', TSX, MAIN, 'edit', 'src/money.ts', 'validate', '--range', '3-6', '--yes'], { cwd: dir, env: { ...process.env, TANDEM_API_KEY: '', TANDEM_CACHE_DIR: cache } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    assert.match(read('src/money.ts'), /Number\.isNaN/);
  });
});
