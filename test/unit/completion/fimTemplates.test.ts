import assert from 'node:assert/strict';
import { detectFimFamily, fimFamilies, fimTemplates, type FimPromptParts } from '../../../src/core/prompts/fim';

const parts: FimPromptParts = { prefix: 'def add(a, b):\n    ', suffix: '\n\nprint(add(1, 2))', snippets: [], lineComment: '#' };
const withSnippets: FimPromptParts = {
  ...parts, path: 'src/calc.py', repoName: 'ledger',
  snippets: [{ path: 'src/money.py', text: 'def cents(x):\n    return round(x * 100)' }],
};

describe('FIM templates: each family with its exact special tokens', () => {
  it('Qwen2.5-Coder: <|fim_prefix|> P <|fim_suffix|> S <|fim_middle|>', () => {
    const t = fimTemplates['qwen-coder'];
    assert.equal(t.render(parts), '<|fim_prefix|>def add(a, b):\n    <|fim_suffix|>\n\nprint(add(1, 2))<|fim_middle|>');
    assert.deepEqual(t.stop.slice(0, 3), ['<|endoftext|>', '<|file_sep|>', '<|fim_prefix|>']);
  });

  it('Qwen2.5-Coder with related files: the repository format (<|repo_name|>, <|file_sep|>)', () => {
    assert.equal(fimTemplates['qwen-coder'].render(withSnippets),
      '<|repo_name|>ledger\n<|file_sep|>src/money.py\ndef cents(x):\n    return round(x * 100)\n<|file_sep|>src/calc.py\n'
      + '<|fim_prefix|>def add(a, b):\n    <|fim_suffix|>\n\nprint(add(1, 2))<|fim_middle|>');
  });

  it('DeepSeek-Coder: fullwidth bars and the ▁ block, begin / hole / end', () => {
    const t = fimTemplates['deepseek-coder'];
    const prompt = t.render(parts);
    assert.equal(prompt, '<\uFF5Cfim\u2581begin\uFF5C>def add(a, b):\n    <\uFF5Cfim\u2581hole\uFF5C>\n\nprint(add(1, 2))<\uFF5Cfim\u2581end\uFF5C>');
    assert.ok(!prompt.includes('<|fim'), 'ASCII bars would be plain text to the DeepSeek tokenizer');
    assert.equal(t.stop[0], '<\uFF5Cend\u2581of\u2581sentence\uFF5C>');
  });

  it('DeepSeek-Coder with related files: commented snippets before the prefix', () => {
    const prompt = fimTemplates['deepseek-coder'].render(withSnippets);
    assert.ok(prompt.startsWith('<｜fim▁begin｜># Path: src/money.py\n# def cents(x):\n#     return round(x * 100)\n\ndef add(a, b):'), prompt);
  });

  it('Code Llama: "<PRE> " P " <SUF>" S " <MID>" (the spaces are part of the format)', () => {
    const t = fimTemplates.codellama;
    assert.equal(t.render(parts), '<PRE> def add(a, b):\n     <SUF>\n\nprint(add(1, 2)) <MID>');
    assert.equal(t.stop[0], '<EOT>');
  });

  it('StarCoder2: <fim_prefix> P <fim_suffix> S <fim_middle>', () => {
    const t = fimTemplates.starcoder;
    assert.equal(t.render(parts), '<fim_prefix>def add(a, b):\n    <fim_suffix>\n\nprint(add(1, 2))<fim_middle>');
    assert.deepEqual(t.stop.slice(0, 2), ['<|endoftext|>', '<file_sep>']);
  });

  it('StarCoder2 with related files: <repo_name>, <file_sep>, the path after <fim_prefix>', () => {
    assert.equal(fimTemplates.starcoder.render(withSnippets),
      '<repo_name>ledger<file_sep>src/money.py\ndef cents(x):\n    return round(x * 100)'
      + '<file_sep><fim_prefix>src/calc.py\ndef add(a, b):\n    <fim_suffix>\n\nprint(add(1, 2))<fim_middle>');
  });

  it('Codestral: suffix first, [SUFFIX] S [PREFIX] P', () => {
    const t = fimTemplates.codestral;
    assert.equal(t.render(parts), '[SUFFIX]\n\nprint(add(1, 2))[PREFIX]def add(a, b):\n    ');
    assert.deepEqual(t.stop.slice(0, 3), ['[PREFIX]', '[SUFFIX]', '\n+++++ ']);
  });

  it('Codestral with related files: +++++ path sections before the prefix', () => {
    assert.equal(fimTemplates.codestral.render(withSnippets),
      '[SUFFIX]\n\nprint(add(1, 2))[PREFIX]+++++ src/money.py\ndef cents(x):\n    return round(x * 100)\n\n+++++ src/calc.py\ndef add(a, b):\n    ');
  });

  it("CodeGemma: Qwen's spelling of the FIM tokens, its own end token <|file_separator|>", () => {
    const t = fimTemplates.codegemma;
    assert.equal(t.render(parts), '<|fim_prefix|>def add(a, b):\n    <|fim_suffix|>\n\nprint(add(1, 2))<|fim_middle|>');
    assert.equal(t.stop[0], '<|file_separator|>');
    assert.ok(!t.stop.includes('<|endoftext|>'));
  });

  it("every family's template ends the answer on its own end-of-text token first", () => {
    const endTokens = { 'qwen-coder': '<|endoftext|>', 'deepseek-coder': '<｜end▁of▁sentence｜>', codellama: '<EOT>', starcoder: '<|endoftext|>', codestral: '[PREFIX]', codegemma: '<|file_separator|>' };
    for (const family of fimFamilies) assert.equal(fimTemplates[family].stop[0], endTokens[family], family);
  });
});

describe('FIM family detection from model ids', () => {
  const cases: Array<[string, string | undefined]> = [
    ['qwen2.5-coder:1.5b-base', 'qwen-coder'],
    ['Qwen/Qwen2.5-Coder-7B-Instruct', 'qwen-coder'],
    ['qwen3-coder:30b', 'qwen-coder'],
    ['deepseek-coder:6.7b-base', 'deepseek-coder'],
    ['deepseek-coder-v2:16b', 'deepseek-coder'],
    ['codellama:7b-code', 'codellama'],
    ['meta-llama/CodeLlama-13b-hf', 'codellama'],
    ['starcoder2:3b', 'starcoder'],
    ['bigcode/starcoder2-15b', 'starcoder'],
    ['codestral:22b', 'codestral'],
    ['mistralai/codestral-2501', 'codestral'],
    ['codegemma:2b-code', 'codegemma'],
    ['google/code-gemma-7b', 'codegemma'],
    ['gpt-4.1-mini', undefined],
    ['llama3.1:8b', undefined],
    ['qwen2.5:7b', undefined],
  ];
  for (const [model, family] of cases) {
    it(`${model} -> ${family ?? 'none'}`, () => assert.equal(detectFimFamily(model), family));
  }
});
