// The tokenizer and the token comparison behind the token rung (issue #11): layout is forgiven,
// a word, number, string or operator never is, and refusals name the tokens.
import assert from 'node:assert/strict';
import { describeTokenDifferences, forgivenBetween, sameTokens } from '../../../src/core/edits/match/tokenCompare';
import { tokenize, tokenKey, tokenText } from '../../../src/core/edits/match/tokens';

const kinds = (line: string) => tokenize(line).map((t) => `${t.kind}:${t.text}`);

describe('edit tokens', () => {
  it('splits a line into words, numbers, strings, operators and comments, longest operator first', () => {
    assert.deepEqual(kinds('if (x >>= 0x1F && y !== "a b") return; // done  here'), [
      'word:if', 'op:(', 'word:x', 'op:>>=', 'number:0x1F', 'op:&&', 'word:y', 'op:!==', 'string:"a b"', 'op:)', 'word:return', 'op:;', 'comment:// done here',
    ]);
    assert.deepEqual(kinds("total += 1.5e-3 # python comment"), ['word:total', 'op:+=', 'number:1.5e-3', 'comment:# python comment']);
    assert.deepEqual(kinds('#include <stdio.h>'), ['op:#', 'word:include', 'op:<', 'word:stdio', 'op:.', 'word:h', 'op:>']);
    assert.deepEqual(kinds("fn f<'a>(s: &'a str)").slice(2, 5), ['op:<', "op:'", 'word:a'], "a Rust lifetime is not a string");
  });

  it('undoes smart quotes and HTML entities before comparing', () => {
    assert.deepEqual(tokenize('if (a &lt; b) say(\u201Chi\u201D)'), tokenize('if (a < b) say("hi")').map((t) => t));
    assert.equal(tokenKey('  foo( a,b )  '), tokenKey('foo(a, b)'));
  });

  it('keys drop comments and commas that may be trailing', () => {
    assert.equal(tokenKey('  // only a comment'), '');
    assert.equal(tokenKey('x = f(a, b,) // why'), tokenKey('x = f(a, b)'));
    assert.equal(tokenKey('  retries: 3,'), tokenKey('retries: 3'));
    assert.notEqual(tokenKey('a = b - c'), tokenKey('a = b -c;'));
  });

  it('quotes tokens with the spacing they were written with', () => {
    assert.equal(tokenText(tokenize('  return  a.b(c, d);')), 'return a.b(c, d);');
  });

  it('forgives layout and trailing commas, never a different word, number, string or operator', () => {
    assert.deepEqual(sameTokens(['foo(a,b)'], ['  foo( a, b )'], 'ts'), { equal: true, trailingCommas: false, comments: false });
    assert.equal(sameTokens(['  retries: 3', '};'], ['  retries: 3,', '};'], 'ts').equal, true);
    assert.equal(sameTokens(['  retries: 3', '};'], ['  retries: 3,', '};'], 'json').equal, false, 'JSON has no trailing commas');
    assert.equal(sameTokens(['  retries: 3', '  timeout: 5'], ['  retries: 3,', '  timeout: 5'], 'ts').equal, false, 'a separator is not a trailing comma');
    assert.equal(sameTokens(['  items: [1, 2]'], ['  items: [1, 2],'], 'ts', '};').equal, true, 'the line after the region closes the list');
    assert.equal(sameTokens(['return userIds;'], ['return userId;'], 'ts').equal, false);
    assert.equal(sameTokens(['x >= 1'], ['x > 1'], 'ts').equal, false);
    assert.equal(sameTokens(['say("a  b")'], ['say("a b")'], 'ts').equal, false, 'spaces inside a string are the string');
    assert.deepEqual(sameTokens(['// the total', 'x = 1'], ['x = 1 // set x'], 'ts'), { equal: true, trailingCommas: false, comments: true });
  });

  it('names the differing tokens and the file line', () => {
    assert.equal(describeTokenDifferences(['const ids = userIds.map(f);'], ['const ids = userId.map(f);'], 42), 'SEARCH says `userIds`, the file has `userId` at line 42');
    assert.equal(describeTokenDifferences(['a();', 'c();'], ['a();', 'b();', 'c();'], 10), 'the file has `b();` at line 11, which SEARCH does not have');
    assert.equal(describeTokenDifferences(['if (x > 1) go();'], ['if (x >= 1) go();'], 3, 'the hunk'), 'the hunk says `>`, the file has `>=` at line 3');
    assert.equal(describeTokenDifferences(['a', 'b'], ['a', 'b'], 1), '');
  });

  it('lists what a match forgave', () => {
    const model = ['    foo(a,b);', '', '    bar();  '];
    const file = ['  foo(a, b);', '  bar();'];
    assert.deepEqual(forgivenBetween(model, file, [{ search: 0, file: 0 }, { search: 2, file: 1 }], [0, 2]), ['indentation', 'whitespace', 'blank-lines']);
    assert.deepEqual(forgivenBetween(['say(\u201Chi\u201D)'], ['say("hi")'], [{ search: 0, file: 0 }], [0, 1]), ['quotes']);
  });
});
