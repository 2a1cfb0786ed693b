// The CLI's setup as a user meets it, through the real entry point (src/cli/main.ts, bundled once as
// dist/cli.js is, so each run starts in a fraction of tsx's time): which server and model each
// command uses (flag > environment > settings file > default), the API key rules, each command's
// own help, settings relative to --cwd, and the messages for bad command lines.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { FakeLlmServer, unusedPort } from '../../support/fakeLlm';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.ts');
const BUNDLE = path.join(mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-')), 'cli.js');

/** No TANDEM_* or OPENAI_* from the machine running the tests. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(TANDEM_|OPENAI_)/.test(key)) env[key] = value;
  return { ...env, NODE_OPTIONS: '', ...extra };
}

function tandem(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BUNDLE, ...args], { cwd: options.cwd, env: cleanEnv(options.env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('tandem: the server, the model and the key, from flags, environment or settings', function () {
  this.timeout(60_000);
  let a: FakeLlmServer;
  let b: FakeLlmServer;
  let dir: string;
  let project: string;

  const settingsFor = (server: FakeLlmServer) => JSON.stringify({
    'tandem.provider': 'fake',
    'tandem.providers': { fake: { kind: 'openai-compatible', baseUrl: server.baseUrl, models: { chat: 'model-a' } } },
    'tandem.retries.maxRetries': 0,
  });

  before(async () => {
    await build({ entryPoints: [MAIN], outfile: BUNDLE, bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'silent' });
    a = await FakeLlmServer.start({ models: ['model-a', 'shared'] });
    b = await FakeLlmServer.start({ models: ['model-b', 'shared'] });
  });
  after(async () => {
    await a.close();
    await b.close();
    rmSync(path.dirname(BUNDLE), { recursive: true, force: true });
  });
  beforeEach(() => {
    a.reset();
    b.reset();
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-setup-'));
    project = path.join(dir, 'project');
    mkdirSync(path.join(project, '.vscode'), { recursive: true });
    writeFileSync(path.join(project, '.vscode/settings.json'), settingsFor(a));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('flag beats environment beats settings file, for the address and for the model', async () => {
    assert.equal((await tandem(['models'], { cwd: project })).stdout, 'model-a\nshared\n', 'the settings file');
    assert.equal((await tandem(['models'], { cwd: project, env: { TANDEM_BASE_URL: b.baseUrl } })).stdout, 'model-b\nshared\n', 'the environment');
    assert.equal((await tandem(['--base-url', a.baseUrl, 'models'], { cwd: project, env: { TANDEM_BASE_URL: b.baseUrl } })).stdout, 'model-a\nshared\n', 'the flag');

    a.addRule({ reply: { text: 'hi' } });
    const chat = await tandem(['chat', 'hello', '--model', 'shared'], { cwd: project, env: { TANDEM_MODEL: 'model-b' } });
    assert.equal(chat.code, 0, chat.stderr);
    assert.equal(chat.stdout, 'hi\n');
    const env = await tandem(['chat', 'hello'], { cwd: project, env: { TANDEM_MODEL: 'model-a' } });
    assert.equal(env.code, 0, env.stderr);
    assert.deepEqual(a.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => (r.body as { model: string }).model), ['shared', 'model-a']);
  });

  it('--base-url alone is a generic OpenAI-compatible server; --provider picks a preset and TANDEM_PROVIDER too', async () => {
    rmSync(path.join(project, '.vscode/settings.json'));
    b.addRule({ reply: { text: 'from b' } });
    const bare = await tandem(['chat', 'hi', '--base-url', b.baseUrl, '--model', 'model-b'], { cwd: project });
    assert.equal(bare.code, 0, bare.stderr);
    assert.equal(bare.stdout, 'from b\n');
    const preset = await tandem(['models', '--base-url', b.baseUrl], { cwd: project, env: { TANDEM_PROVIDER: 'vllm' } });
    assert.equal(preset.stdout, 'model-b\nshared\n', preset.stderr);
    const unknown = await tandem(['models', '--provider', 'nope'], { cwd: project });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^tandem: --provider nope: no such provider \(known: ollama, lmstudio, llamacpp, vllm, openai, openrouter\)/);
    const badUrl = await tandem(['models'], { cwd: project, env: { TANDEM_BASE_URL: 'localhost:8000' } });
    assert.equal(badUrl.code, 2);
    assert.match(badUrl.stderr, /^tandem: TANDEM_BASE_URL "localhost:8000": expected an http:\/\/ or https:\/\/ URL/);
  });

  it('OPENAI_API_KEY goes to OpenAI (or the OPENAI_BASE_URL beside it), never to another server', async () => {
    a.setOptions({ requireApiKey: 'sk-test-openai-key-123456' });
    b.setOptions({ requireApiKey: 'sk-test-openai-key-123456' });
    rmSync(path.join(project, '.vscode/settings.json'));
    const openai = await tandem(['models', '--provider', 'openai'], { cwd: project, env: { OPENAI_BASE_URL: a.baseUrl, OPENAI_API_KEY: 'sk-test-openai-key-123456' } });
    assert.equal(openai.code, 0, openai.stderr);
    assert.equal(a.requests[0]?.headers.authorization, 'Bearer sk-test-openai-key-123456');

    const other = await tandem(['models', '--provider', 'vllm', '--base-url', b.baseUrl], { cwd: project, env: { OPENAI_API_KEY: 'sk-test-openai-key-123456' } });
    assert.equal(other.code, 1);
    assert.equal(b.requests[0]?.headers.authorization, undefined, 'no key sent to a vLLM server');
    const elsewhere = await tandem(['models', '--provider', 'openai', '--base-url', b.baseUrl], { cwd: project, env: { OPENAI_API_KEY: 'sk-test-openai-key-123456' } });
    assert.equal(b.requests[1]?.headers.authorization, undefined, 'nor to another address under the openai provider');
    assert.match(elsewhere.stderr, /OPENAI_API_KEY is not sent to 127\.0\.0\.1:\d+ \(it is meant for OpenAI\); set TANDEM_API_KEY for that server\./);
    const tandemKey = await tandem(['models', '--provider', 'vllm', '--base-url', b.baseUrl], { cwd: project, env: { TANDEM_API_KEY: 'sk-test-openai-key-123456' } });
    assert.equal(tandemKey.code, 0, tandemKey.stderr);
  });

  it('with no settings, the "no server" message says the address is the default and how to change it', async () => {
    rmSync(path.join(project, '.vscode/settings.json'));
    const port = await unusedPort();
    const down = await tandem(['chat', 'hi'], { cwd: project, env: { TANDEM_PROVIDER: 'ollama' } });
    assert.equal(down.code, 1);
    assert.match(down.stderr, /No model server answers at http:\/\/localhost:11434\/v1/);
    assert.match(down.stderr, /The address http:\/\/localhost:11434\/v1 is the Ollama preset's address, used because no --base-url, TANDEM_BASE_URL or tandem\.providers\.ollama\.baseUrl in .*settings\.json \(no such file\) says otherwise \(provider 'ollama' from TANDEM_PROVIDER\)\. To use another server: --base-url URL \(and --model ID\), the TANDEM_BASE_URL environment variable, or "tandem\.provider"\/"tandem\.providers" in the settings file \(--settings FILE\)\./);
    const flagged = await tandem(['models', '--base-url', `http://127.0.0.1:${port}/v1`], { cwd: project });
    assert.match(flagged.stderr, new RegExp(`The address http://127\\.0\\.0\\.1:${port}/v1 comes from --base-url\\.`));
  });

  it('--cwd DIR reads DIR/.vscode/settings.json, as the help says', async () => {
    const help = await tandem(['--help'], { cwd: dir });
    assert.match(help.stdout, /default: DIR\/\.vscode\/settings\.json/);
    const listed = await tandem(['models', '--cwd', 'project'], { cwd: dir });
    assert.equal(listed.stdout, 'model-a\nshared\n', listed.stderr);
  });

  it('a settings file named with --settings that cannot be read is a usage error (exit 2), for every command', async () => {
    for (const args of [['models'], ['chat', 'hi'], ['edit', 'a.ts', 'x'], ['tests', 'a.ts']]) {
      const result = await tandem([...args, '--settings', '/missing/settings.json'], { cwd: project });
      assert.equal(result.code, 2, `${args[0]}: ${result.stderr}`);
      assert.match(result.stderr, /^tandem: --settings \/missing\/settings\.json: cannot read \/missing\/settings\.json \(no such file\)/);
      assert.equal(a.requests.length, 0);
    }
  });

  it('models, chat and complete have their own --help', async () => {
    for (const command of ['models', 'chat', 'complete']) {
      const result = await tandem([command, '--help'], { cwd: project });
      assert.equal(result.code, 0);
      assert.match(result.stdout, new RegExp(`^Usage: tandem ${command} `));
      assert.match(result.stdout, /--base-url URL/);
    }
  });

  it('an unknown option names it with balanced quotes and where the options are listed, in every command', async () => {
    for (const command of ['models', 'chat', 'complete', 'edit', 'tests', 'apply']) {
      const result = await tandem([command, '--bogus'], { cwd: project });
      assert.equal(result.code, 2);
      assert.match(result.stderr, new RegExp(`^tandem: unknown option --bogus; \`tandem ${command} --help\` lists the options \\(a text that starts with '-' goes after --, as in: -- "--bogus"\\)$`, 'm'));
    }
  });

  it('complete redacts secrets in the prefix and suffix before sending them', async () => {
    a.addRule({ reply: { text: 'done' } });
    const secret = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
    const result = await tandem(['complete', '--prefix', `const token = "${secret}";\nfunction f() {`, '--suffix', `}\n// ${secret}`], { cwd: project });
    assert.equal(result.code, 0, result.stderr);
    const body = JSON.stringify(a.requests[0]?.body);
    assert.ok(!body.includes(secret), body);
  });

  it('complete runs the editor\'s pipeline: FIM request streamed, control tokens and text the suffix has removed, --json says how', async () => {
    a.addRule({ match: { endpoint: 'completions' }, reply: { text: 'return a + b;\n}\n\nfunction sub(a, b) {\n  return a - b;\n}<|endoftext|>' } });
    const args = ['complete', '--prefix', 'function add(a, b) {\n  ', '--suffix', '\n}\n', '--file', 'src/math.js'];
    const plain = await tandem(args, { cwd: project });
    assert.equal(plain.code, 0, plain.stderr);
    assert.equal(plain.stdout, 'return a + b;');
    const request = a.requests[0]?.body as { stream?: boolean; suffix?: string; max_tokens?: number };
    assert.equal(request.stream, true);
    assert.equal(request.suffix, '\n}\n');
    const json = await tandem([...args, '--json'], { cwd: project });
    const report = JSON.parse(json.stdout) as { text: string; range: unknown; steps: string[]; strategy: string };
    assert.equal(report.text, 'return a + b;');
    assert.deepEqual(report.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 2 } });
    assert.equal(report.strategy, 'suffix');
    assert.ok(report.steps.length > 0 && !report.steps.includes('other'), report.steps.join(', '));
  });

  it('complete refuses a sensitive file and reports a server failure (exit 1) instead of printing nothing', async () => {
    const ignored = await tandem(['complete', '--prefix', 'API_KEY=', '--file', '.env'], { cwd: project });
    assert.equal(ignored.code, 2);
    assert.match(ignored.stderr, /\.env is a sensitive file .*Nothing was sent/);
    assert.equal(a.requests.length, 0);
    const down = await tandem(['complete', '--prefix', 'x', '--base-url', `http://127.0.0.1:${await unusedPort()}/v1`], { cwd: project });
    assert.equal(down.code, 1);
    assert.match(down.stderr, /^tandem: No model server answers at /);
  });
});
