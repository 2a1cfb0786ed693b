import assert from 'node:assert/strict';
import { chooseFimStrategy, type FimStrategy } from '../../../src/core/completion';
import type { ProviderConfig } from '../../../src/core/config';

type Kind = ProviderConfig['kind'];
const describeStrategy = (s: FimStrategy) => (s.kind === 'template' ? `template:${s.template.family}` : s.kind);
const choose = (kind: Kind, model: string, fimMode: ProviderConfig['fimMode'] = 'auto') => describeStrategy(chooseFimStrategy({ kind, fimMode }, model).strategy);

describe('FIM strategy selection', () => {
  describe('auto: a known family in the model id wins, on every kind of provider', () => {
    const kinds: Kind[] = ['ollama', 'lmstudio', 'vllm', 'openai-compatible', 'openai', 'openrouter', 'azure'];
    const families: Array<[string, string]> = [
      ['qwen2.5-coder:1.5b-base', 'qwen-coder'], ['deepseek-coder:1.3b-base', 'deepseek-coder'], ['codellama:7b-code', 'codellama'],
      ['starcoder2:3b', 'starcoder'], ['codestral:22b', 'codestral'], ['codegemma:2b', 'codegemma'],
    ];
    for (const kind of kinds) {
      for (const [model, family] of families) {
        it(`${kind} + ${model} -> ${family} template`, () => assert.equal(choose(kind, model), `template:${family}`));
      }
    }
  });

  describe('auto: no known family', () => {
    for (const kind of ['openai', 'openrouter', 'azure'] as const) {
      it(`${kind} -> chat fallback`, () => assert.equal(choose(kind, 'gpt-4.1-mini'), 'chat'));
    }
    for (const kind of ['ollama', 'lmstudio', 'vllm', 'openai-compatible'] as const) {
      it(`${kind} -> the suffix parameter`, () => assert.equal(choose(kind, 'my-finetune:latest'), 'suffix'));
    }
  });

  describe('auto: llama.cpp', () => {
    it('a llama.cpp server gets its native /infill, whatever the model', () => {
      assert.equal(choose('llamacpp', 'qwen2.5-coder:1.5b-base'), 'infill');
      assert.equal(choose('llamacpp', 'my-finetune:latest'), 'infill');
    });
    it('fimMode infill is obeyed on any server', () => assert.equal(choose('openai-compatible', 'qwen2.5-coder:7b', 'infill'), 'infill'));
  });

  describe('an explicit fimMode is obeyed', () => {
    it('suffix, even for a known family', () => assert.equal(choose('ollama', 'qwen2.5-coder:7b', 'suffix'), 'suffix'));
    it('chat, even for a local FIM model', () => assert.equal(choose('ollama', 'qwen2.5-coder:7b', 'chat'), 'chat'));
    it('template with a known family', () => assert.equal(choose('openai', 'codestral-latest', 'template'), 'template:codestral'));
    it('template without a known family: suffix on local servers', () => assert.equal(choose('vllm', 'my-model', 'template'), 'suffix'));
    it('template without a known family: chat on hosted APIs', () => assert.equal(choose('azure', 'gpt-4o', 'template'), 'chat'));
  });

  it('gives a reason for the log', () => {
    assert.match(chooseFimStrategy({ kind: 'ollama', fimMode: 'auto' }, 'qwen2.5-coder:7b').reason, /Qwen2\.5-Coder/);
    assert.match(chooseFimStrategy({ kind: 'openai', fimMode: 'auto' }, 'gpt-4.1').reason, /chat/);
  });
});
