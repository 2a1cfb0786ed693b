import assert from 'node:assert/strict';
import { commandLineOf, parseMcpJson, readMcpConfig, readMcpSettings, type StdioServerConfig } from '../../../src/core/mcp';
import { parseEnvFile, resolveVariables, type VariableContext } from '../../../src/core/mcp/variables';
import { memorySecrets } from '../../support/mcp/mcpTestKit';

describe('MCP configuration', () => {
  it('reads .vscode/mcp.json in VS Code\'s format: comments, inferred types, inputs', () => {
    const text = `{
      // VS Code's format
      "inputs": [{ "type": "promptString", "id": "gh-token", "description": "GitHub token", "password": true }],
      "servers": {
        "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"], "env": { "GITHUB_TOKEN": "\${input:gh-token}" } },
        "docs": { "type": "http", "url": "https://example.test/mcp", "headers": { "Authorization": "Bearer \${secret:DOCS}" } },
        "old": { "type": "sse", "url": "http://127.0.0.1:9/sse" },
      },
    }`;
    const parsed = parseMcpJson(text, '/ws/.vscode/mcp.json', 'workspace');
    assert.equal(parsed.problem, undefined);
    const config = readMcpConfig([parsed.source!]);
    assert.deepEqual(config.problems, []);
    assert.deepEqual(config.servers.map((s) => [s.name, s.type, s.origin]), [['github', 'stdio', 'workspace'], ['docs', 'http', 'workspace'], ['old', 'sse', 'workspace']]);
    assert.deepEqual(config.inputs, [{ id: 'gh-token', description: 'GitHub token', password: true }]);
    assert.equal(commandLineOf(config.servers[0] as StdioServerConfig), 'npx -y @modelcontextprotocol/server-github');
  });

  it('names each bad entry and what is wrong, and keeps the good ones', () => {
    const config = readMcpConfig([{ origin: 'user', source: 'tandem.mcp.servers', servers: {
      ok: { command: 'node', args: ['server.js'] },
      noCommand: { type: 'stdio', args: [] },
      badArgs: { command: 'node', args: 'server.js' },
      badUrl: { type: 'http', url: 'ftp://x' },
      badType: { type: 'websocket', url: 'ws://x' },
      notObject: 'npx server',
    } }]);
    assert.deepEqual(config.servers.map((s) => s.name), ['ok']);
    assert.equal(config.problems.length, 5);
    assert.match(config.problems.join('\n'), /"noCommand": "command" must be the program/);
    assert.match(config.problems.join('\n'), /"badArgs": "args" must be a list of strings/);
    assert.match(config.problems.join('\n'), /"badUrl": "url" must be an http/);
    assert.match(config.problems.join('\n'), /"badType": "type" must be "stdio", "http" or "sse" \(got "websocket"\)/);
  });

  it('says when mcp.json replaces a server of the same name from settings, and when the file is broken', () => {
    const config = readMcpConfig([
      { origin: 'user', source: 'tandem.mcp.servers', servers: { db: { command: 'a' } } },
      { origin: 'workspace', source: '.vscode/mcp.json', servers: { db: { command: 'b' } } },
    ]);
    assert.equal((config.servers[0] as StdioServerConfig).command, 'b');
    assert.equal(config.servers[0]?.origin, 'workspace');
    assert.match(config.problems[0] ?? '', /"db" of \.vscode\/mcp\.json replaces the one of tandem\.mcp\.servers/);
    assert.match(parseMcpJson('{ "servers": ', 'mcp.json', 'workspace').problem ?? '', /mcp\.json is not valid JSON .*not loaded/);
  });

  it('reads the other settings leniently, naming a bad value', () => {
    const { settings, problems } = readMcpSettings((key) => ({ 'mcp.alwaysAllow': ['mem/read_graph'], 'mcp.toolTimeoutMs': 5, 'mcp.disabled': 'x' } as Record<string, unknown>)[key]);
    assert.deepEqual([...settings.alwaysAllow], ['mem/read_graph']);
    assert.equal(settings.toolTimeoutMs, 120_000);
    assert.equal(settings.autoApproveReadOnly, false);
    assert.equal(problems.length, 2);
    assert.match(problems.join('\n'), /tandem\.mcp\.toolTimeoutMs must be a whole number/);
  });
});

describe('MCP variables', () => {
  function context(secrets = memorySecrets()): VariableContext {
    return {
      workspaceFolder: '/ws', userHome: '/home/me', env: { HOME: '/home/me', API: 'from-env' },
      inputs: [{ id: 'tok', description: 'Your token', password: true }], secrets, resolvedSecrets: new Set(),
    };
  }

  it('asks for an input once, keeps it in secret storage, and marks it for redaction', async () => {
    const secrets = memorySecrets({ 'tandem.mcp.input.tok': 's3cr3t-value' });
    const ctx = context(secrets);
    assert.equal(await resolveVariables('Bearer ${input:tok}', ctx, 'server'), 'Bearer s3cr3t-value');
    assert.equal(await resolveVariables('${input:tok}', ctx, 'server'), 's3cr3t-value');
    assert.deepEqual(secrets.asked, ['tandem.mcp.input.tok']);
    assert.equal(secrets.stored.get('tandem.mcp.input.tok'), 's3cr3t-value');
    assert.ok(ctx.resolvedSecrets.has('s3cr3t-value'));
  });

  it('substitutes workspaceFolder, userHome, env and secrets, and explains what cannot be resolved', async () => {
    const secrets = memorySecrets();
    await secrets.store('tandem.mcp.secret.DB', 'pw-1234');
    const ctx = context(secrets);
    assert.equal(await resolveVariables('${workspaceFolder}/x ${userHome} ${env:API} ${env:NOPE}| ${secret:DB}', ctx, 's'), '/ws/x /home/me from-env | pw-1234');
    await assert.rejects(resolveVariables('${secret:MISSING}', ctx, 'MCP server "a"'), /MCP server "a" needs \$\{secret:MISSING\}, which has no value yet and was not given/);
    await assert.rejects(resolveVariables('${input:other}', ctx, 's'), /no entry of "inputs" has the id "other"/);
    await assert.rejects(resolveVariables('${command:foo}', ctx, 's'), /Tandem does not know/);
  });

  it('reads env files: comments, export, quotes', () => {
    assert.deepEqual(parseEnvFile('# c\nexport A=1\nB="two words"\nC=\'x#y\'\nD=plain # note\n\nbad line'), { A: '1', B: 'two words', C: 'x#y', D: 'plain' });
  });
});
