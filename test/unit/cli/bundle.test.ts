// The CLI as it ships: src/cli/main.ts bundled by esbuild the way esbuild.config.mjs builds
// dist/cli.js (bundle, node, cjs, heavy parts in lazily required chunks next to it), then run with
// plain node. tsx resolves packages differently from esbuild, so a dependency that breaks only
// when bundled shows up here and nowhere else.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { FakeLlmServer } from '../../support/fakeLlm';
// @ts-expect-error -- a build script in plain JavaScript, without type declarations
import { lazyChunkBuilds, lazyChunksPlugin } from '../../../scripts/lazy-chunks.mjs';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.ts');

function run(bundle: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bundle, ...args], { cwd, env: { ...process.env, TANDEM_API_KEY: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('tandem CLI bundle', function () {
  this.timeout(60_000);
  let server: FakeLlmServer;
  let dir: string;
  let bundle: string;

  before(async () => {
    server = await FakeLlmServer.start();
    dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-bundle-'));
    bundle = path.join(dir, 'cli.js');
    const options = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'silent' } as const;
    await build({ ...options, entryPoints: [MAIN], outfile: bundle, plugins: [lazyChunksPlugin] });
    for (const chunk of lazyChunkBuilds(dir, options) as Parameters<typeof build>[0][]) await build(chunk);
    mkdirSync(path.join(dir, 'project/.vscode'), { recursive: true });
    mkdirSync(path.join(dir, 'project/src'));
    writeFileSync(path.join(dir, 'project/.vscode/settings.json'), `{
      // JSON with comments, as VS Code writes it
      "tandem.provider": "fake",
      "tandem.providers": { "fake": { "kind": "openai-compatible", "baseUrl": "${server.baseUrl}", "models": { "chat": "fake-chat" } } },
      "tandem.retries.maxRetries": 0,
    }`);
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts and reads the settings (JSON with comments) when bundled', async () => {
    writeFileSync(path.join(dir, 'project/src/a.ts'), 'export const a = 1;\n');
    server.addRule({ reply: { text: '```ts\nexport const a = 2;\n```' } });
    const result = await run(bundle, ['edit', 'src/a.ts', 'make it two', '--yes'], path.join(dir, 'project'));
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^\+export const a = 2;$/m);
    assert.equal(readFileSync(path.join(dir, 'project/src/a.ts'), 'utf8'), 'export const a = 2;\n');
  });

  it('loads secretlint\'s rules and the OpenAI SDK from their own chunks on first use, not with the bundle', async () => {
    const code = readFileSync(bundle, 'utf8');
    assert.doesNotMatch(code, /secretlint-rule-aws/, 'the preset is not parsed at startup');
    assert.doesNotMatch(code, /dangerouslyAllowBrowser/, 'the OpenAI SDK is not parsed at startup');
    server.addRule({ reply: { text: 'done' } });
    // A PEM private key: found by secretlint's privatekey rule.
    const key = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM9Oi6Z8DQ9pN8bVkz1Lq0h3d5p2Xs', 'q8wR1uV7yT4nP0mK2jH5gF3dS6aZ9xC1vB4nM7kL0pO3iU6yT9rE2wQ5aS8dF1gH', '-----END RSA PRIVATE KEY-----'].join('\n');
    const before = server.requests.length;
    const result = await run(bundle, ['complete', '--prefix', `const key = \`${key}\`;\nfunction f() {`, '--file', 'src/a.ts'], path.join(dir, 'project'));
    assert.equal(result.code, 0, result.stderr);
    const sent = JSON.stringify(server.requests.slice(before).map((request) => request.body));
    assert.ok(sent.length > 2 && !sent.includes('MIIEowIBAAKCAQEA3Tz2mr7SZ'), sent);
  });
});
