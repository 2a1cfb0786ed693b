// The CLI as it ships: src/cli/main.ts bundled by esbuild the way esbuild.config.mjs builds
// dist/cli.js (bundle, node, cjs), then run with plain node. tsx resolves packages differently
// from esbuild, so a dependency that breaks only when bundled shows up here and nowhere else.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { FakeLlmServer } from '../../support/fakeLlm';

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
    await build({ entryPoints: [MAIN], outfile: bundle, bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'silent' });
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
});
