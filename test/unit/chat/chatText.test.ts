import assert from 'node:assert/strict';
import { newConversation, newTurn } from '../../../src/core/chat/conversation';
import { DeltaBatcher } from '../../../src/core/chat/deltaBatcher';
import { parseFenceInfo } from '../../../src/core/chat/fenceInfo';
import { classifyLink } from '../../../src/core/chat/links';
import { conversationToMarkdown } from '../../../src/core/chat/markdownExport';
import { parseSlashCommand } from '../../../src/core/chat/slashCommands';

describe('chat text handling: commands, fences, links, batching, export', () => {
  it('parses slash commands, case-insensitively, and keeps plain text plain', () => {
    assert.deepEqual(parseSlashCommand('/explain why is this slow?'), { kind: 'command', command: 'explain', rest: 'why is this slow?' });
    assert.deepEqual(parseSlashCommand('  /FIX  '), { kind: 'command', command: 'fix', rest: '' });
    assert.deepEqual(parseSlashCommand('/tests\nfor the parser'), { kind: 'command', command: 'tests', rest: 'for the parser' });
    assert.deepEqual(parseSlashCommand('/deploy now'), { kind: 'unknownCommand', name: 'deploy' });
    assert.deepEqual(parseSlashCommand('what does a/b mean'), { kind: 'plain', text: 'what does a/b mean' });
    assert.deepEqual(parseSlashCommand('/usr/bin is a path'), { kind: 'plain', text: '/usr/bin is a path' }, 'a path is not a command');
  });

  it('reads the target file from every common fence style', () => {
    for (const info of ['ts src/a.ts', 'ts:src/a.ts', 'ts path=src/a.ts', 'ts title="src/a.ts"', 'ts file=./src/a.ts']) {
      assert.deepEqual(parseFenceInfo(info), { language: 'ts', path: 'src/a.ts' }, info);
    }
    assert.deepEqual(parseFenceInfo('src/a.ts'), { language: 'ts', path: 'src/a.ts' });
    assert.deepEqual(parseFenceInfo('python'), { language: 'python' });
    assert.deepEqual(parseFenceInfo('ts {1,3}'), { language: 'ts' });
    assert.deepEqual(parseFenceInfo(''), { language: '' });
  });

  it('opens only web, mail and workspace links; refuses the rest with a reason', () => {
    assert.deepEqual(classifyLink('https://example.com/x'), { kind: 'external', url: 'https://example.com/x' });
    assert.deepEqual(classifyLink('mailto:a@b.c'), { kind: 'external', url: 'mailto:a@b.c' });
    assert.deepEqual(classifyLink('src/money.ts#L12'), { kind: 'workspaceFile', path: 'src/money.ts', line: 12 });
    assert.deepEqual(classifyLink('./src/money.ts:7:3'), { kind: 'workspaceFile', path: 'src/money.ts', line: 7 });
    for (const href of ['javascript:alert(1)', 'command:workbench.action.terminal.new', 'file:///etc/passwd', 'vscode://x', 'data:text/html,x', '/etc/passwd', '../outside.ts', 'src/../../x']) {
      assert.equal(classifyLink(href).kind, 'refused', href);
    }
  });

  it('delivers the first delta at once, then at most one batch per interval', async () => {
    const delivered: Array<[string, number]> = [];
    const started = performance.now();
    const batcher = new DeltaBatcher((text) => delivered.push([text, performance.now() - started]), 40);
    batcher.push('a');
    assert.deepEqual(delivered.map(([t]) => t), ['a'], 'no wait for the first token');
    for (const piece of ['b', 'c', 'd']) batcher.push(piece);
    assert.equal(delivered.length, 1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.deepEqual(delivered.map(([t]) => t), ['a', 'bcd']);
    assert.ok((delivered[1]?.[1] ?? 0) >= 35, `second batch after ${delivered[1]?.[1]} ms`);
    batcher.push('e');
    batcher.flush();
    assert.deepEqual(delivered.map(([t]) => t), ['a', 'bcd', 'e']);
    batcher.dispose();
  });

  it('exports a conversation as Markdown with context, notes, errors and metrics', () => {
    const c = newConversation(0);
    c.title = 'Rounding <bug>';
    c.turns = [
      newTurn('user', 'why?', { context: ['money.ts:3-5'], command: 'explain' }),
      newTurn('assistant', 'Because floats.\n\n```ts\nconst x = 0.1 + 0.2;\n```', {
        status: 'done', notes: ['2 earlier messages were left out.'],
        metrics: { model: 'fake-chat', timeToFirstTokenMs: 120.4, totalMs: 950.6, tokensIn: 40, tokensOut: 12, usageSource: 'estimate' },
      }),
      newTurn('assistant', '', { status: 'error', error: { message: 'No model server answers.', actions: ['retry'] } }),
    ];
    assert.equal(conversationToMarkdown(c, new Date('2025-01-02T03:04:00Z')), [
      '# Rounding &lt;bug>', '', '_Exported from Tandem on 2025-01-02 03:04 UTC._', '',
      '## You', '', '> Context: money.ts:3-5', '', '/explain why?', '',
      '## Tandem', '', '> 2 earlier messages were left out.', '', 'Because floats.', '', '```ts', 'const x = 0.1 + 0.2;', '```', '',
      '<sub>fake-chat, first token 120 ms, total 951 ms, 40 tokens in, 12 out (estimated)</sub>', '',
      '## Tandem', '', '> **Error:** No model server answers.', '',
    ].join('\n'));
  });
});
