import assert from 'node:assert/strict';
import { fimModes, providerKinds } from '../../../src/core/config';
import { quickProviderRules, quickScalarRules } from '../../../src/core/config/quickAccept';
import { providerFieldSchemas, scalarSettings } from '../../../src/core/config/schema';

const strings = ['', ' ', 'x', ' x ', 'ollama', 'qwen2.5-coder:7b', 'http://localhost:11434/v1', ' https://api.example.com/v1 ', 'ftp://host/x', 'localhost:8080', 'not a url', 'auto', 'native', 'text', 'bogus', ...providerKinds, ...fimModes];
const numbers = [0, -1, 1, 2, 9, 10, 11, 99, 100, 500, 501, 512, 511, 1_000, 5_000, 86_400, 86_401, 120_000, 120_001, 600_000, 600_001, 1_000_000, 100_000_000, 100_000_001, 1.5, 5000.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -0];
const others = [true, false, null, [], ['a'], [' a ', 'b'], [''], ['  '], ['a', 1], [null], {}, { markdown: true }, { ' py ': true }, { python: 'yes' }, { '': true },
  { chat: 'q' }, { chat: ' q ', edit: 'e', completion: 'c' }, { chat: '' }, { chat: 'q', other: 'x' }, { chat: undefined }, { 'X-Key': 'v' }, { '': 'v' }, { ' k': 'v' }, { a: 1 }, { a: 'b', c: 'd' }];
const corpus: unknown[] = [...strings, ...numbers, ...others];

describe('settings accepted without the validators', () => {
  it('accept only what the zod schema accepts, and return what it returns', () => {
    const rules = [
      ...Object.entries(quickScalarRules).map(([key, rule]) => ({ name: `tandem.${key}`, rule, schema: scalarSettings[key as keyof typeof scalarSettings].schema })),
      ...Object.entries(quickProviderRules).map(([field, rule]) => ({ name: `providers.*.${field}`, rule, schema: providerFieldSchemas[field as keyof typeof providerFieldSchemas] })),
    ];
    let accepted = 0;
    for (const { name, rule, schema } of rules) {
      for (const value of corpus) {
        const quick = rule(structuredClone(value));
        if (!quick) continue;
        accepted++;
        const parsed = schema.safeParse(structuredClone(value));
        assert.ok(parsed.success, `${name}: ${JSON.stringify(value)} accepted without the schema, which rejects it`);
        assert.deepEqual(quick.value, parsed.data, `${name}: ${JSON.stringify(value)}`);
      }
    }
    assert.ok(accepted > 100, `only ${accepted} values accepted: the corpus no longer exercises the rules`);
  });

  it('vouch for every default and for ordinary provider settings, so they need no validator', () => {
    for (const [key, { default: fallback }] of Object.entries(scalarSettings)) {
      assert.ok(quickScalarRules[key as keyof typeof scalarSettings](structuredClone(fallback)), `default of tandem.${key}`);
    }
    const entry = { kind: 'vllm', label: 'GPU box', baseUrl: 'http://10.0.0.5:8000/v1', models: { chat: 'Qwen/Qwen2.5-Coder-32B-Instruct', completion: 'qwen2.5-coder:1.5b-base' }, contextWindow: 32768, fimMode: 'suffix', headers: { 'X-Team': 'core' }, apiVersion: '2024-10-21', streamUsage: false, toolProtocol: 'text' };
    for (const [field, value] of Object.entries(entry)) assert.ok(quickProviderRules[field as keyof typeof entry](value), field);
  });
});
