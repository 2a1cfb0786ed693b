import assert from 'node:assert/strict';
import { balanceBrackets } from '../../../src/core/completion/postprocess/balanceBrackets';
import { isUseless } from '../../../src/core/completion/postprocess/dropUseless';
import { applyEditorIndentation, withoutDoubledSpace } from '../../../src/core/completion/postprocess/editorIndentation';
import { fitToLineSuffix } from '../../../src/core/completion/postprocess/lineSuffixFit';
import { trimSuffixOverlap } from '../../../src/core/completion/postprocess/suffixOverlap';
import { completionMode } from '../../../src/core/completion/completionMode';
import { cursorAt } from './memoryDocument';

describe('completion mode', () => {
  it('multi-line on an empty line or after a block opener, with only closers after the cursor', () => {
    assert.equal(completionMode('  ', ''), 'multiLine');
    assert.equal(completionMode('function f() {', ''), 'multiLine');
    assert.equal(completionMode('def f():', ''), 'multiLine');
    assert.equal(completionMode('foo(', ')'), 'multiLine');
    assert.equal(completionMode('xs.map((x) =>', ''), 'multiLine');
  });
  it('single-line in the middle of a statement or with code after the cursor', () => {
    assert.equal(completionMode('const x = ', ''), 'singleLine');
    assert.equal(completionMode('  ', 'return x;'), 'singleLine');
    assert.equal(completionMode('if (', ') {'), 'singleLine');
  });
});

describe('filter: trim overlap with the text after the cursor', () => {
  const cursor = cursorAt('function f() {\n  █\n  return x;\n}');
  it('drops trailing lines that repeat the lines after the cursor', () => {
    assert.equal(trimSuffixOverlap('const x = 1;\n  return x;\n}', cursor), 'const x = 1;');
  });
  it('keeps lines that differ only in indentation (a different block)', () => {
    assert.equal(trimSuffixOverlap('if (a) {\n    b();\n  }', cursorAt('function f() {\n  █\n}')), 'if (a) {\n    b();\n  }');
  });
  it('skips blank lines after the cursor when matching', () => {
    assert.equal(trimSuffixOverlap('a();\n  return x;', cursorAt('function f() {\n  █\n\n  return x;\n}')), 'a();');
  });
  it('leaves a single line alone (the line-suffix fit handles it)', () => {
    assert.equal(trimSuffixOverlap('return x;', cursor), 'return x;');
  });
});

describe('filter: fit to the rest of the cursor line', () => {
  it('drops what the completion repeats of it', () => {
    assert.deepEqual(fitToLineSuffix('a, b)', { linePrefix: 'f(', lineSuffix: ')' }), { insertText: 'a, b', replaceLength: 0 });
    assert.deepEqual(fitToLineSuffix('x }', { linePrefix: '{', lineSuffix: '};' }), { insertText: 'x ', replaceLength: 0 });
  });
  it('replaces closers the completion re-types among its own characters', () => {
    assert.deepEqual(fitToLineSuffix('a, b);', { linePrefix: 'f(', lineSuffix: ')' }), { insertText: 'a, b);', replaceLength: 1 });
  });
  it('never replaces real code after the cursor', () => {
    assert.deepEqual(fitToLineSuffix('x + ', { linePrefix: 'const y = ', lineSuffix: 'z;' }), { insertText: 'x + ', replaceLength: 0 });
  });
  it('moves an existing closer to its own line after a multi-line completion', () => {
    assert.deepEqual(fitToLineSuffix('\n  run();', { linePrefix: '  go() {', lineSuffix: '}' }), { insertText: '\n  run();\n  ', replaceLength: 0 });
  });
});

describe('filter: balance brackets the completion opened', () => {
  it('single line: appends the missing closers in order', () => {
    assert.equal(balanceBrackets('g(h[0', cursorAt('  const x = █')), 'g(h[0])');
  });
  it('single line: leaves a line that ends in an opener or a comma (it continues)', () => {
    assert.equal(balanceBrackets('items.map((item) => {', cursorAt('  const x = █')), 'items.map((item) => {');
    assert.equal(balanceBrackets('f(a,', cursorAt('  const x = █')), 'f(a,');
  });
  it('closers of brackets opened before the cursor are left alone', () => {
    assert.equal(balanceBrackets('b))', cursorAt('  f(g(a, █')), 'b))');
  });
  it('multi-line: cuts back to the last line where nothing was open', () => {
    assert.equal(balanceBrackets('a();\n  b({\n    c: 1,', cursorAt('function f() {\n  █\n}')), 'a();');
  });
  it('multi-line: closes a block on its own line at the opener line\'s indentation', () => {
    assert.equal(balanceBrackets('if (ok) {\n    run();', cursorAt('function f() {\n  █\n}')), 'if (ok) {\n    run();\n  }');
  });
  it('ignores brackets in strings and comments', () => {
    assert.equal(balanceBrackets('"(" + x', cursorAt('  const s = █')), '"(" + x');
    assert.equal(balanceBrackets('x; // f(', cursorAt('  const s = █')), 'x; // f(');
    assert.equal(balanceBrackets('x # f(', cursorAt('    s = █', 'python', { tabSize: 4, insertSpaces: true })), 'x # f(');
  });
});

describe('filter: drop empty and pure-repetition results', () => {
  const cursor = cursorAt('function f() {\n  a();\n  █\n  b();\n}');
  it('drops whitespace', () => assert.equal(isUseless(' \n\t', cursor), true));
  it('drops a copy of the line above or below', () => {
    assert.equal(isUseless('a();', cursor), true);
    assert.equal(isUseless('b();', cursor), true);
  });
  it('drops one line repeated', () => assert.equal(isUseless('c();\n  c();', cursor), true));
  it('keeps a new statement', () => assert.equal(isUseless('c();', cursor), false));
  it('keeps a completion of a partly typed line even if it equals a line nearby', () => {
    assert.equal(isUseless('();', cursorAt('function f() {\n  a();\n  a█\n}')), false);
  });
});

describe("filter: respect the editor's indentation", () => {
  it('tabs become spaces at the editor tab size', () => {
    assert.equal(applyEditorIndentation('x\n\ty\n\t\tz', cursorAt('  █', 'typescript', { tabSize: 4, insertSpaces: true })), 'x\n    y\n        z');
  });
  it('spaces become tabs when the editor uses tabs; a remainder goes to the nearer tab stop (gofmt has no spaces in indentation)', () => {
    assert.equal(applyEditorIndentation('x\n    y\n      z', cursorAt('\t█', 'go', { tabSize: 4, insertSpaces: false })), 'x\n\ty\n\tz');
    assert.equal(applyEditorIndentation('x\n    y\n       z', cursorAt('\t█', 'go', { tabSize: 4, insertSpaces: false })), 'x\n\ty\n\t\tz');
  });
  it('a model indenting by two spaces in a tab-indented file gets one tab per level', () => {
    assert.equal(applyEditorIndentation('x\n  y\n    z\n  w', cursorAt('█', 'go', { tabSize: 4, insertSpaces: false })), 'x\n\ty\n\t\tz\n\tw');
  });
  it('the first line keeps its text when the cursor is mid-line', () => {
    assert.equal(applyEditorIndentation('\tx', cursorAt('  a =█', 'typescript', { tabSize: 2, insertSpaces: true })), '\tx');
  });
  it('indentation the model repeated at a cursor already indented is removed', () => {
    assert.equal(applyEditorIndentation('  return 1;', cursorAt('function f() {\n  █\n}')), 'return 1;');
  });
  it('deeper indentation that the line above allows is kept', () => {
    assert.equal(applyEditorIndentation('  return 1;', cursorAt('function f() {\n█\n}')), '  return 1;');
  });
  it('one space is enough after a typed space', () => {
    assert.equal(withoutDoubledSpace(' x', cursorAt('  return █')), 'x');
    assert.equal(withoutDoubledSpace(' x', cursorAt('  return█')), ' x');
  });
});
