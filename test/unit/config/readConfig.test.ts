import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { providerPresets, readConfig, settingDefaults } from '../../../src/core/config';
import { scalarSettings } from '../../../src/core/config/schema';

const reader = (settings: Record<string, unknown>) => (key: string) => settings[key];

describe('readConfig', () => {
  it('defaults to Ollama on localhost with the documented timeouts', () => {
    const { config, problems } = readConfig(reader({}));
    assert.deepEqual(problems, []);
    assert.equal(config.provider.id, 'ollama');
    assert.equal(config.provider.baseUrl, 'http://localhost:11434/v1');
    assert.deepEqual(config.timeouts, { connectMs: 5000, firstTokenMs: 60000, idleMs: 30000, totalMs: 600_000 });
    assert.equal(config.maxRetries, 2);
  });

  it('reports an invalid scalar once, naming the setting and the problem, and uses the default', () => {
    const { config, problems } = readConfig(reader({ 'timeouts.idleMs': 'abc' }));
    assert.equal(config.timeouts.idleMs, 30000);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.setting, 'tandem.timeouts.idleMs');
    assert.match(problems[0]?.message ?? '', /^tandem\.timeouts\.idleMs: expected number.*\(got "abc"\)\. Using 30000 instead\.$/);
  });

  it('keeps the default ignore patterns (.env, keys) when tandem.ignore is invalid, instead of ignoring nothing', () => {
    // Before, the chat and completions each read the raw setting and fell back to no patterns at all.
    const { config, problems } = readConfig(reader({ ignore: '.env' }));
    assert.deepEqual(config.ignore, ['.env', '.env.*', '*.pem', '*.key', 'id_rsa*']);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /^tandem\.ignore: /);
    assert.deepEqual(readConfig(reader({ ignore: ['secrets/', '*.sqlite'] })).config.ignore, ['secrets/', '*.sqlite']);
  });

  it('rejects out-of-range numbers with the bound in the message', () => {
    const { config, problems } = readConfig(reader({ 'timeouts.connectMs': 5 }));
    assert.equal(config.timeouts.connectMs, 5000);
    assert.match(problems[0]?.message ?? '', /at least 100 ms/);
  });

  it('keeps the valid fields of a provider entry when one field is invalid', () => {
    const { config, problems } = readConfig(reader({
      provider: 'lmstudio',
      providers: { lmstudio: { baseUrl: 'localhost:1234', models: { chat: 'qwen' }, contextWindow: 16384 } },
    }));
    assert.equal(config.provider.id, 'lmstudio');
    assert.equal(config.provider.baseUrl, 'http://localhost:1234/v1', 'invalid baseUrl falls back to the preset');
    assert.equal(config.provider.models.chat, 'qwen');
    assert.equal(config.provider.contextWindow, 16384);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.setting, 'tandem.providers.lmstudio.baseUrl');
    assert.match(problems[0]?.message ?? '', /http:\/\/ or https:\/\/ URL/);
  });

  it('falls back to ollama when tandem.provider names an unknown provider, listing the known ones', () => {
    const { config, problems } = readConfig(reader({ provider: 'olama' }));
    assert.equal(config.provider.id, 'ollama');
    assert.match(problems[0]?.message ?? '', /no provider named 'olama' \(known: ollama, lmstudio, llamacpp, vllm, openai, openrouter\)/);
  });

  it('defines a new provider from a user entry and strips a trailing slash', () => {
    const { config, problems } = readConfig(reader({
      provider: 'work',
      providers: { work: { kind: 'azure', baseUrl: 'https://res.openai.azure.com/', models: { chat: 'gpt4o-deploy' } } },
    }));
    assert.deepEqual(problems, []);
    assert.equal(config.provider.kind, 'azure');
    assert.equal(config.provider.baseUrl, 'https://res.openai.azure.com');
    assert.equal(config.provider.apiVersion, '2024-10-21');
    assert.equal(config.provider.requiresApiKey, true);
    assert.deepEqual(config.provider.models, { chat: 'gpt4o-deploy', edit: 'gpt4o-deploy', completion: 'gpt4o-deploy' });
  });

  it('makes a new provider without baseUrl unavailable and says which field is missing', () => {
    const { config, problems } = readConfig(reader({ provider: 'mine', providers: { mine: { models: { chat: 'x' } } } }));
    assert.equal(config.provider.id, 'ollama');
    assert.ok(problems.some((p) => p.setting === 'tandem.providers.mine.baseUrl' && /required/.test(p.message)));
  });

  it('lets the edit model follow a chosen chat model while completions keep the preset model', () => {
    const { config } = readConfig(reader({ providers: { ollama: { models: { chat: 'llama3.1:8b' } } } }));
    assert.deepEqual(config.provider.models, { chat: 'llama3.1:8b', edit: 'llama3.1:8b', completion: 'qwen2.5-coder:1.5b-base' });
  });

  it('reports unknown provider fields instead of silently ignoring them', () => {
    const { problems } = readConfig(reader({ providers: { ollama: { baseURL: 'http://x/v1' } } }));
    assert.equal(problems[0]?.setting, 'tandem.providers.ollama.baseURL');
    assert.match(problems[0]?.message ?? '', /unknown field/);
  });

  it('never throws, whatever the settings hold', () => {
    for (const providers of [null, 42, 'x', [], { a: null }, { a: [] }]) {
      assert.doesNotThrow(() => readConfig(reader({ providers, provider: 7, 'retries.maxRetries': -1 })));
    }
  });
});

describe('readConfig: completions', () => {
  it('turns completions on except for prose languages by default', () => {
    const { config, problems } = readConfig(reader({}));
    assert.deepEqual(problems, []);
    assert.deepEqual(config.completions, { enabled: true, languages: { markdown: false, plaintext: false, scminput: false }, prefetch: true });
  });

  it('turns prefetch after an accept off with tandem.completions.prefetch, and names a non-boolean value', () => {
    assert.equal(readConfig(reader({ 'completions.prefetch': false })).config.completions.prefetch, false);
    const { config, problems } = readConfig(reader({ 'completions.prefetch': 'off' }));
    assert.equal(config.completions.prefetch, true);
    assert.deepEqual(problems.map((p) => p.setting), ['tandem.completions.prefetch']);
    assert.match(problems[0]?.message ?? '', /^tandem\.completions\.prefetch: expected boolean.*Using true instead\.$/);
  });

  it('lets the user\'s language switches refine the defaults', () => {
    const { config } = readConfig(reader({ 'completions.languages': { markdown: true, yaml: false } }));
    assert.deepEqual(config.completions.languages, { markdown: true, plaintext: false, scminput: false, yaml: false });
  });

  it('reports a non-boolean language switch and keeps the defaults', () => {
    const { config, problems } = readConfig(reader({ 'completions.languages': { python: 'off' }, 'completions.enabled': 'no' }));
    assert.equal(config.completions.enabled, true);
    assert.deepEqual(config.completions.languages, { markdown: false, plaintext: false, scminput: false });
    assert.deepEqual(problems.map((p) => p.setting), ['tandem.completions.enabled', 'tandem.completions.languages']);
    assert.match(problems[1]?.message ?? '', /^tandem\.completions\.languages: python: expected boolean/);
  });
});

describe('settings at their defaults', () => {
  it('every default passes its validator unchanged', () => {
    for (const [key, { schema, default: fallback }] of Object.entries(scalarSettings)) {
      const parsed = schema.safeParse(structuredClone(fallback));
      assert.ok(parsed.success, `default of tandem.${key} is invalid`);
      assert.deepEqual(parsed.data, fallback, `default of tandem.${key} changes when parsed`);
    }
  });

  it('reads the values VS Code reports for untouched settings (the package.json defaults) as the defaults, without problems', () => {
    const properties = (JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } } }).contributes.configuration.properties;
    const untouched = readConfig((key) => structuredClone(properties[`tandem.${key}`]?.default));
    assert.deepEqual(untouched.problems, []);
    assert.deepEqual(untouched.config, readConfig(() => undefined).config);
  });

  it('still validates a value that differs from its default', () => {
    const { config, problems } = readConfig((key) => (key === 'ignore' ? ['.env', ' '] : undefined));
    assert.deepEqual(config.ignore, settingDefaults.ignore);
    assert.match(problems[0]?.message ?? '', /^tandem\.ignore: 1: a pattern cannot be empty/);
  });
});

describe('package.json settings contribution', () => {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown; markdownDescription?: string; description?: string }> } };
  };
  const contributed = manifest.contributes.configuration.properties;

  it('contributes every setting the engine reads, with the same default and a description', () => {
    for (const [key, { default: fallback }] of Object.entries(scalarSettings)) {
      const entry = contributed[`tandem.${key}`];
      assert.ok(entry, `tandem.${key} is not contributed`);
      assert.deepEqual(entry.default, fallback, `default of tandem.${key}`);
      assert.ok(entry.markdownDescription ?? entry.description, `tandem.${key} has no description`);
    }
    assert.ok(contributed['tandem.providers']);
  });

  it('ignores an untrusted workspace\'s own server, test command and ignore list (Restricted Mode)', () => {
    // A cloned repository's .vscode/settings.json could otherwise point Tandem at its own server
    // and receive the user's code, or run its own "test command".
    const { capabilities } = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations?: string[] } } };
    assert.equal(capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(capabilities.untrustedWorkspaces.restrictedConfigurations, ['tandem.provider', 'tandem.providers', 'tandem.tests.command', 'tandem.ignore', 'tandem.mcp.servers']);
  });

  it('documents every built-in provider id in the tandem.provider description', () => {
    const description = contributed['tandem.provider']?.markdownDescription ?? '';
    for (const id of Object.keys(providerPresets)) assert.ok(description.includes(`\`${id}\``), id);
  });
});
