// `tandem mcp list/call` and `tandem agent` with the project's MCP servers, in process and as the
// bundled CLI (the SDK is ESM and CommonJS; a bundling mistake shows up only there).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { resolveSetup } from '../../../src/cli/cliSetup';
import { runAgentCommand } from '../../../src/cli/commands/agent';
import { runMcpFromCli } from '../../../src/cli/commands/mcpCli';
import { FakeLlmServer, nativeAgentSession } from '../../support/fakeLlm';
import { everythingEntry, misbehavingEntry } from '../../support/mcp/mcpTestKit';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.ts');

describe('tandem mcp', function () {
  this.timeout(60_000);
  let work: string;
  let home: string;

  function writeProject(servers: Record<string, unknown>, settings: Record<string, unknown> = {}): void {
    mkdirSync(path.join(work, '.vscode'), { recursive: true });
    writeFileSync(path.join(work, '.vscode/mcp.json'), `// the workspace's servers\n${JSON.stringify({ servers }, null, 2)}\n`);
    writeFileSync(path.join(work, '.vscode/settings.json'), JSON.stringify(settings));
  }

  async function mcp(args: string[], answers: string[] | undefined = undefined) {
    let stdout = '';
    let stderr = '';
    const questions: string[] = [];
    const code = await runMcpFromCli(args, { verbose: false }, {
      cwd: work, env: { ...process.env, TANDEM_HOME: home, MISBEHAVING_TOKEN_VALUE: 'tok-abcdef123456' }, signal: new AbortController().signal,
      stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t),
      ask: answers && (async (q) => (questions.push(q), answers.shift())),
    });
    return { code, stdout, stderr, questions };
  }

  beforeEach(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'tandem-mcp-cli-'));
    home = mkdtempSync(path.join(os.tmpdir(), 'tandem-mcp-home-'));
  });
  afterEach(() => {
    rmSync(work, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('list: asks once to confirm a workspace server\'s command line, then shows status and tools; failures with the reason', async () => {
    writeProject({
      misc: { command: process.execPath, args: [misbehavingEntry, 'tools'] },
      broken: { command: process.execPath, args: [misbehavingEntry, 'crash-on-start'] },
    });
    const first = await mcp(['list'], ['y', 'y']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.questions.length, 2);
    assert.match(first.questions[0] ?? '', /The workspace defines the MCP server "(misc|broken)"[\s\S]*Run it \(remembered for this command line\)\? \[y\/N\] $/);
    assert.match(first.stdout, /^misc \(stdio, workspace\): ready with 7 tools$/m);
    assert.match(first.stdout, /^ {2}mcp__misc__echo \[read-only\] — Echoes its text\.$/m);
    assert.match(first.stdout, /^ {2}mcp__misc__needs_env — /m);
    assert.match(first.stdout, /name changed: characters other than letters/);
    assert.match(first.stdout, /^broken \(stdio, workspace\): failed: the server exited before the MCP handshake finished\. Its last output: fatal: MISBEHAVING_CONFIG is not set/m);
    // Remembered: no question the second time; without a terminal a new command line is not run.
    const again = await mcp(['list', '--json']);
    assert.equal(again.questions.length, 0);
    const listed = JSON.parse(again.stdout) as { servers: Array<{ name: string; status: string; tools: Array<{ name: string }> }> };
    assert.equal(listed.servers.find((s) => s.name === 'misc')?.status, 'ready');
    writeProject({ other: { command: process.execPath, args: [misbehavingEntry, 'garbage'] } });
    const unconfirmed = await mcp(['list']);
    assert.match(unconfirmed.stdout, /other \(stdio, workspace\): not started: the workspace defines it, so its command line .* must be confirmed first, and nobody could be asked/);
  });

  it('call: prints the result, secrets from the environment redacted; isError exits 1; bad usage exits 2', async () => {
    writeProject({}, { 'tandem.mcp.servers': { misc: { command: process.execPath, args: [misbehavingEntry, 'tools'], env: { MISBEHAVING_TOKEN: '${secret:MISBEHAVING_TOKEN_VALUE}' } } } });
    const echo = await mcp(['call', 'misc', 'echo', '{"text": "hi"}'], ['y']);
    assert.equal(echo.code, 0, echo.stderr);
    assert.equal(echo.stdout, 'hi\n');
    const env = await mcp(['call', 'misc', 'needs env', '{}'], ['y']);
    assert.equal(env.code, 0, env.stderr);
    assert.match(env.stdout, /^token=\S+\n$/);
    assert.doesNotMatch(env.stdout, /tok-abcdef123456/);
    const failed = await mcp(['call', 'misc', 'fail', '--json'], ['y']);
    assert.equal(failed.code, 1);
    assert.deepEqual(JSON.parse(failed.stdout), { ok: false, summary: 'error: text', text: 'The tool reported an error:\nthe database is locked' });
    const hang = await mcp(['call', 'misc', 'hang', '{}', '--timeout', '500'], ['y']);
    assert.equal(hang.code, 1);
    assert.match(hang.stderr, /misc\/hang gave no answer within 1 s; the call was cancelled/);
    assert.equal((await mcp(['call', 'misc', 'echo', '[1]'])).code, 2);
    assert.match((await mcp(['call', 'nope', 'x'])).stderr, /there is no MCP server "nope" \(configured: misc\)/);
    assert.equal((await mcp(['frob'])).code, 2);
  });

  it('tandem agent offers the project\'s MCP tools and asks on the terminal before a call', async () => {
    const server = await FakeLlmServer.start();
    try {
      writeProject({}, {
        'tandem.provider': 'fake', 'tandem.providers': { fake: { kind: 'openai-compatible', baseUrl: server.baseUrl, models: { chat: 'fake-chat' } } },
        'tandem.mcp.servers': { misc: { command: process.execPath, args: [misbehavingEntry, 'tools'] } },
      });
      server.setOptions({ rules: nativeAgentSession([
        { calls: [{ name: 'mcp__misc__echo', args: { text: 'from the agent' } }] },
        { text: 'Done.' },
      ]) });
      const questions: string[] = [];
      const answers = ['y', 'y', ''];
      let out = '';
      const code = await runAgentCommand(['echo via mcp'], {
        cwd: work, env: { TANDEM_HOME: home }, signal: new AbortController().signal,
        stdout: (t) => void (out += t), stderr: () => {}, ask: async (q) => (questions.push(q), answers.shift()),
      }, (root) => resolveSetup({ verbose: false, cwd: root }, { TANDEM_HOME: home }, work));
      assert.equal(code, 0, out);
      assert.match(questions[0] ?? '', /MCP server "misc"[\s\S]*\[y\/N\] $/);
      assert.match(questions[1] ?? '', /^Call the MCP tool misc\/echo\? \[y\/N\] $/);
      assert.match(out, /"text": "from the agent"/);
      const second = server.requests[1]?.body as { messages: Array<{ role: string; content: string }> };
      assert.equal(second.messages.find((m) => m.role === 'tool')?.content, 'from the agent');
    } finally {
      await server.close();
    }
  });

  it('runs bundled as dist/cli.js: mcp list --json against server-everything', async () => {
    const bundle = path.join(home, 'cli.js');
    await build({ entryPoints: [MAIN], outfile: bundle, bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'silent' });
    mkdirSync(path.join(work, '.vscode'), { recursive: true });
    writeFileSync(path.join(work, 'user-settings.json'), JSON.stringify({ 'tandem.mcp.servers': { everything: { command: process.execPath, args: [everythingEntry, 'stdio'] } } }));
    const child = spawn(process.execPath, [bundle, 'mcp', 'list', '--json', '--settings', 'user-settings.json'], { cwd: work, env: { ...process.env, TANDEM_HOME: home } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stderr);
    const listed = JSON.parse(stdout) as { servers: Array<{ name: string; origin: string; status: string; tools: Array<{ name: string }> }> };
    assert.equal(listed.servers[0]?.status, 'ready', stdout);
    assert.equal(listed.servers[0]?.origin, 'user');
    assert.ok(listed.servers[0]?.tools.some((t) => t.name === 'mcp__everything__echo'));
  });
});
