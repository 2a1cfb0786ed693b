import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { buildSystemPrompt, offeredTools, tandemHome } from '../../../src/core/agent';
import { readConfig } from '../../../src/core/config';

describe('agent settings', () => {
  it('defaults: no allowed commands, 25 steps, a generous token budget, auto tool protocol', () => {
    const { config, problems } = readConfig(() => undefined);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.agent, { allowedCommands: [], maxSteps: 25, tokenBudget: 1_000_000 });
    assert.equal(config.provider.toolProtocol, 'auto');
  });

  it('reads the settings and a provider\'s toolProtocol; a bad value is named and the default used', () => {
    const values: Record<string, unknown> = {
      'agent.allowedCommands': ['npm test*', 'npx tsc*'], 'agent.maxSteps': 0, 'agent.tokenBudget': 300_000,
      provider: 'local', providers: { local: { baseUrl: 'http://127.0.0.1:8080/v1', models: { chat: 'm' }, toolProtocol: 'text' } },
    };
    const { config, problems } = readConfig((key) => values[key]);
    assert.deepEqual(config.agent, { allowedCommands: ['npm test*', 'npx tsc*'], maxSteps: 25, tokenBudget: 300_000 });
    assert.equal(config.provider.toolProtocol, 'text');
    assert.equal(problems.length, 1);
    assert.match(problems[0]?.message ?? '', /^tandem\.agent\.maxSteps: .* Using 25 instead\.$/);
    const bad = readConfig((key) => (key === 'providers' ? { ollama: { toolProtocol: 'xml' } } : undefined));
    assert.match(bad.problems[0]?.message ?? '', /tandem\.providers\.ollama\.toolProtocol/);
    assert.equal(bad.config.provider.toolProtocol, 'auto');
  });
});

describe('where agent tasks are kept', () => {
  it('$TANDEM_HOME, else $XDG_STATE_HOME/tandem, else ~/.local/state/tandem — never the workspace', () => {
    assert.equal(tandemHome({ TANDEM_HOME: '/data/t', XDG_STATE_HOME: '/x' }), path.resolve('/data/t'));
    assert.equal(tandemHome({ XDG_STATE_HOME: '/x' }), path.join('/x', 'tandem'));
    assert.equal(tandemHome({}), path.join(os.homedir(), '.local', 'state', 'tandem'));
  });

  it('an untrusted folder gets only the read-only tools, and the prompt says so', () => {
    const tools = offeredTools(true).map((t) => t.name);
    assert.deepEqual(tools, ['read_file', 'list_files', 'search', 'git_status', 'git_diff']);
    const prompt = buildSystemPrompt({ protocol: 'text', tools: offeredTools(true), rules: [], workspaceName: 'w', platform: 'linux', readOnly: true, editsNeedApproval: true });
    assert.match(prompt, /not trusted: only the read-only tools/);
    assert.doesNotMatch(prompt, /write_file/);
  });
});
