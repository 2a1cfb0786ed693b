// The standalone server (`npm run fake-llm`): its one-line banner, flags, and clean shutdown.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import OpenAI from 'openai';

const CLI = path.resolve(__dirname, '../../support/fake-llm-cli.ts');

function startCli(args: string[]): { child: ChildProcessWithoutNullStreams; banner: Promise<string>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: 'pipe' });
  const banner = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (data: Buffer) => {
      out += String(data);
      const newline = out.indexOf('\n');
      if (newline >= 0) resolve(out.slice(0, newline));
    });
    child.once('exit', (code) => reject(new Error(`fake-llm exited (${code}) before its banner`)));
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, banner, exit };
}

describe('fake-llm CLI', function () {
  this.timeout(10_000);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`prints its address, serves the demo, and exits 0 on ${signal}`, async () => {
      const { child, banner, exit } = startCli(['--port', '0', '--demo', '--quirks', 'ollama', '--ttft-ms', '5']);
      try {
        const line = await banner;
        const match = /^fake-llm listening on (http:\/\/127\.0\.0\.1:(\d+)\/v1)$/.exec(line);
        assert.ok(match, `banner: ${line}`);
        const client = new OpenAI({ baseURL: match[1], apiKey: 'x', maxRetries: 0 });
        const completion = await client.chat.completions.create({ model: 'fake-chat', messages: [{ role: 'user', content: 'hello' }] });
        assert.match(completion.choices[0]?.message.content ?? '', /Tandem's demo model/);
        assert.equal(completion.system_fingerprint, 'fp_ollama');
        child.kill(signal);
        assert.equal(await exit, 0);
      } finally {
        child.kill('SIGKILL');
      }
    });
  }

  it('rejects a bad flag with a usage message and exit code 2', async () => {
    const { child, exit } = startCli(['--quirks', 'nope']);
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += String(data)));
    assert.equal(await exit, 2);
    assert.match(stderr, /--quirks must be one of/);
    assert.match(stderr, /Usage: npm run fake-llm/);
  });
});
