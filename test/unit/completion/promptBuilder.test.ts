import assert from 'node:assert/strict';
import { captureCursorContext } from '../../../src/core/completion/cursorContext';
import { buildModelCall } from '../../../src/core/completion/promptBuilder';
import type { FimStrategy } from '../../../src/core/completion';
import { completionBudget } from '../../../src/core/context';
import { fimTemplates } from '../../../src/core/prompts/fim';
import { documentWithCursor, requestAt } from './memoryDocument';

function call(marked: string, strategy: FimStrategy, promptTokens = 2048, snippets = [] as Array<{ path: string; text: string; relation: 'import'; score: number }>) {
  const { document, position } = documentWithCursor(marked);
  const request = requestAt(document, position);
  return buildModelCall({ request, cursor: captureCursorContext(request), strategy, snippets, budget: completionBudget({ promptTokens }), maxTokens: 64 });
}

describe('prompt building', () => {
  it('suffix strategy: prefix as prompt, the rest as the suffix parameter, newline stop for a single line', () => {
    const result = call('const a = 1;\nconst b = █;\nexport { a, b };', { kind: 'suffix' });
    assert.deepEqual(result, { endpoint: 'completions', prompt: 'const a = 1;\nconst b = ', suffix: ';\nexport { a, b };', stop: ['\n'], maxTokens: 64 });
  });

  it('template strategy: a raw prompt, no suffix parameter, at most four stop sequences', () => {
    const result = call('function f() {\n  █\n}', { kind: 'template', template: fimTemplates['qwen-coder'] });
    assert.equal(result.endpoint, 'completions');
    if (result.endpoint !== 'completions') return;
    // The cursor line after the middle token: typing along it leaves the rest of the prompt as it was.
    assert.equal(result.prompt, '<|fim_prefix|>function f() {\n<|fim_suffix|>\n}<|fim_middle|>  ');
    assert.equal(result.suffix, undefined);
    assert.deepEqual(result.stop, ['<|endoftext|>', '<|file_sep|>', '<|fim_prefix|>', '<|im_end|>']);
  });

  it('chat strategy: messages with the hole marked', () => {
    const result = call('let x = █', { kind: 'chat' });
    assert.equal(result.endpoint, 'chat');
  });

  it('secrets in the code around the cursor and in snippets are redacted', () => {
    const result = call('const apiKey = "sk-proj-abcdefghijklmnopqrstuvwxyz123456";\nconst x = █', { kind: 'suffix' }, 2048,
      [{ path: 'src/env.ts', text: 'export const DB_PASSWORD = "hunter2";', relation: 'import', score: 1 }]);
    if (result.endpoint !== 'completions') throw new Error('expected a completions call');
    assert.ok(!result.prompt.includes('sk-proj-abcdef'), result.prompt);
    assert.ok(!result.prompt.includes('hunter2'), result.prompt);
    assert.match(result.prompt, /\/\/ Path: src\/env\.ts/);
  });

  it('stays within the budget, prefix-heavy, whole lines only', () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `const value${i} = compute(${i});`);
    const marked = [...lines.slice(0, 2_500), 'const next = █', ...lines.slice(2_500)].join('\n');
    const result = call(marked, { kind: 'suffix' }, 1_000);
    if (result.endpoint !== 'completions') throw new Error('expected a completions call');
    const total = result.prompt.length + (result.suffix?.length ?? 0);
    assert.ok(total <= 4_000, `prompt ${total} characters for a 1,000-token budget`);
    assert.ok(result.prompt.length > 3 * (result.suffix?.length ?? 0), 'prefix-heavy');
    assert.ok(result.prompt.startsWith('const value'), 'starts at a line start');
    assert.ok(result.prompt.endsWith('const next = '));
  });
});
