import assert from 'node:assert/strict';
import { buildChatFimMessages, cleanChatOutput, holeMarker } from '../../../src/core/prompts/fim';
import { StreamCleaner } from '../../../src/core/completion/streamCleaner';

describe('chat fallback prompt', () => {
  const messages = buildChatFimMessages({
    prefix: 'function add(a, b) {\n  ', suffix: '\n}', languageId: 'typescript', path: 'src/math.ts',
    snippets: [{ path: 'src/types.ts', text: 'export type N = number;' }], singleLine: false,
  });

  it('asks for only the missing code, no fences, no repetition', () => {
    const system = String(messages[0]?.content);
    assert.equal(messages[0]?.role, 'system');
    assert.match(system, /exactly the code that belongs at the hole/);
    assert.match(system, /no code fences/);
    assert.match(system, /do not repeat/);
  });

  it('shows the file with the hole marked, related code first', () => {
    const user = String(messages[1]?.content);
    assert.ok(user.includes(`function add(a, b) {\n  ${holeMarker}\n}`));
    assert.ok(user.indexOf('src/types.ts') < user.indexOf('src/math.ts'));
    assert.match(user, /may span several lines/);
  });

  it('single-line requests ask for the rest of the line', () => {
    const single = buildChatFimMessages({ prefix: 'x = ', suffix: '', languageId: 'python', snippets: [], singleLine: true });
    assert.match(String(single[1]?.content), /only the rest of the current line/);
  });

  it('a fence longer than any backtick run in the code keeps the block intact', () => {
    const tricky = buildChatFimMessages({ prefix: 'const md = `\n```js\n', suffix: '```\n`;', languageId: 'typescript', snippets: [], singleLine: false });
    assert.ok(String(tricky[1]?.content).includes('````typescript\n'));
  });
});

describe('chat fallback output', () => {
  it('takes the code out of a fence, with or without a sentence before it', () => {
    assert.deepEqual(cleanChatOutput('```ts\nreturn 1;\n```', '  ', true), { text: 'return 1;', ended: true });
    assert.deepEqual(cleanChatOutput('Here is the code you need:\n```\nreturn 1;\n```', '  ', true), { text: 'return 1;', ended: true });
  });

  it('keeps a bare answer as it is', () => {
    assert.deepEqual(cleanChatOutput('return 1;', '  ', true), { text: 'return 1;', ended: false });
  });

  it('removes an echo of the line before the cursor', () => {
    assert.equal(cleanChatOutput('const total = a + b;', '  const total = ', true).text, 'a + b;');
    assert.equal(cleanChatOutput('if (ready) {', '  if (', true).text, 'ready) {');
  });

  it('streaming: holds the first line back until it is complete, then ends at the closing fence', () => {
    const cleaner = new StreamCleaner(true, '  ');
    const views: string[] = [];
    for (const chunk of ['```', 'ts\nret', 'urn 1;\n', '```\nThis returns one.']) {
      cleaner.push(chunk);
      views.push(cleaner.view(false).text);
    }
    assert.deepEqual(views, ['', 'ret', 'return 1;\n', 'return 1;']);
    assert.equal(cleaner.view(false).ended, true);
  });
});
