import assert from 'node:assert/strict';
import { findHarm, guardSuggestion } from '../../../src/core/completion/harm';
import { fitToLineSuffix } from '../../../src/core/completion/postprocess/lineSuffixFit';
import { cursorAt } from './memoryDocument';

const judge = (text: string, marked: string, languageId = 'typescript', indentation = { tabSize: 2, insertSpaces: true }) => {
  const cursor = cursorAt(marked, languageId, indentation);
  return findHarm(text, fitToLineSuffix(text, cursor), cursor)?.kind;
};

describe('harm judge: what a user would have to notice and delete', () => {
  it('finds each kind of harm', () => {
    assert.equal(judge('  ', 'function f() {\n  █\n}'), 'whitespaceOnly');
    assert.equal(judge('x + 1;</s>', 'const y = █'), 'controlToken');
    assert.equal(judge('x + 1;<|end|>', 'const y = █'), 'controlToken');
    assert.equal(judge('return 1;\n```', 'function f() {\n  █\n}'), 'controlToken');
    assert.equal(judge('const y = x + 1;', 'const y = █'), 'retypesLinePrefix');
    assert.equal(judge('function f() {\n  return 1;', 'function f() {\n  █\n}'), 'echoesLineAbove');
    assert.equal(judge('a();\n  b();\n  run();', 'function f() {\n  █\n  run();\n}'), 'duplicatesNextLine');
    assert.equal(judge('if (x) {\n    y();\n  }\n}', 'function f() {\n  █\n}'), 'bracketError');
    assert.equal(judge("It's", "const s = '█';"), 'quoteError');
    assert.equal(judge('x = 1\n    if x:', 'def f():\n    █\n    return x', 'python', { tabSize: 4, insertSpaces: true }), 'pythonIndentation');
    assert.equal(judge('x = 1\n      return x', 'def f():\n    █', 'python', { tabSize: 4, insertSpaces: true }), 'pythonIndentation');
    assert.equal(judge('a();\n      b();', 'function f() {\n  █\n}'), 'doubledIndentation');
    assert.equal(judge('a()\n\t  b()', 'func f() {\n\t█\n}', 'go', { tabSize: 4, insertSpaces: false }), 'spacesInTabFile');
  });

  it('finds nothing wrong with ordinary suggestions', () => {
    assert.equal(judge('return a + b;', 'function add(a, b) {\n  █\n}'), undefined);
    assert.equal(judge('if (a) {\n    return 1;\n  }\n  return 2;', 'function f(a) {\n  █\n}'), undefined);
    assert.equal(judge('\n  return 42;\n}', 'function f() {█'), undefined, 'the closer the file lacks');
    assert.equal(judge("c == '(' || c == '['", 'bool f(char c) {\n    return █\n}', 'cpp', { tabSize: 4, insertSpaces: true }), undefined);
    assert.equal(judge('items.first()', "fn f<'a>(x: &'a [u8]) -> Option<&'a u8> {\n    █\n}", 'rust', { tabSize: 4, insertSpaces: true }), undefined);
    assert.equal(judge('for x in xs:\n        total += x\n    return total', 'def f(xs):\n    total = 0\n    █', 'python', { tabSize: 4, insertSpaces: true }), undefined);
    assert.equal(judge("world", "print('hello, █')", 'python', { tabSize: 4, insertSpaces: true }), undefined);
    assert.equal(judge('.map((x) => x * 2)', 'const ys = xs\n  █', 'typescript'), undefined);
  });
});

describe('harm guard: trimmed to the harmless part, or not shown', () => {
  it('keeps the lines before the harm', () => {
    const cursor = cursorAt('def f():\n    █\n    return x', 'python', { tabSize: 4, insertSpaces: true });
    assert.deepEqual(guardSuggestion('x = 1\n    if x:', cursor), { text: 'x = 1', outcome: 'trimmed', harms: ['pythonIndentation'] });
  });
  it('cuts at a control token, inside the line', () => {
    const cursor = cursorAt('const y = █');
    assert.deepEqual(guardSuggestion('x + 1;<eos>', cursor), { text: 'x + 1;', outcome: 'trimmed', harms: ['controlToken'] });
  });
  it('drops what has no harmless part', () => {
    const cursor = cursorAt("const s = '█';");
    assert.deepEqual(guardSuggestion("It's", cursor), { text: undefined, outcome: 'dropped', harms: ['quoteError'] });
  });
  it('leaves a harmless suggestion alone', () => {
    const cursor = cursorAt('function add(a, b) {\n  █\n}');
    assert.deepEqual(guardSuggestion('return a + b;', cursor), { text: 'return a + b;', outcome: 'clean', harms: [] });
  });
});
