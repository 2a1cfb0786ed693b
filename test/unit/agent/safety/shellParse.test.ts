import assert from 'node:assert/strict';
import { parseShell } from '../../../../src/core/agent/safety/shellParse';

const words = (source: string) => parseShell(source).commands.map((c) => c.words.map((w) => w.text));

describe('parseShell: how bash reads a command line', () => {
  it('removes quotes and escapes the way bash does', () => {
    assert.deepEqual(words(`r''m -rf "a b" 'c d' e\\ f \\rm $'\\x72\\155'`), [['rm', '-rf', 'a b', 'c d', 'e f', 'rm', 'rm']]);
    assert.deepEqual(words('echo "a \\"q\\" \\$HOME"'), [['echo', 'a "q" $HOME']]);
  });

  it('splits lists, pipelines and subshells, and numbers pipeline stages', () => {
    const parsed = parseShell('a && b || c; d | e |& f & (g; h)\ni');
    assert.deepEqual(parsed.commands.map((c) => c.words[0]?.text), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
    assert.deepEqual(parsed.commands.filter((c) => ['d', 'e', 'f'].includes(c.words[0]?.text ?? '')).map((c) => c.stage), [0, 1, 2]);
  });

  it('collects every command substitution, nested ones and those in here-documents', () => {
    const parsed = parseShell('echo $(a $(b)) `c` "${x:-$(d)}" <(e) >(f)\ncat <<EOF\n$(g)\nEOF\ncat <<\'EOF\'\n$(never)\nEOF');
    assert.deepEqual(parsed.substitutions.sort(), ['a $(b)', 'c', 'd', 'e', 'f', 'g'].sort());
    assert.equal(parsed.syntaxError, undefined);
  });

  it('reads redirections with their targets and file descriptors', () => {
    const [command] = parseShell('cmd 2>&1 >out.txt 2>>err.log &>all <in').commands;
    assert.deepEqual(command?.redirects.map((r) => [r.op, r.fd, r.target?.text]), [['>&', 2, '1'], ['>', undefined, 'out.txt'], ['>>', 2, 'err.log'], ['&>', undefined, 'all'], ['<', undefined, 'in']]);
    assert.deepEqual(command?.words.map((w) => w.text), ['cmd']);
  });

  it('skips keywords, for lists and case patterns but keeps the commands inside', () => {
    assert.deepEqual(words('if a; then b; elif c; then d; else e; fi; while f; do g; done; for x in 1 2; do h; done; case $y in p|q) i;; *) j;; esac; { k; }'), [['a'], ['b'], ['c'], ['d'], ['e'], ['f'], ['g'], ['h'], ['i'], ['j'], ['k']]);
  });

  it('separates assignments from the command and records function names', () => {
    const parsed = parseShell('A=1 B="x y" cmd arg; f() { g; }; function h { i; }');
    assert.deepEqual(parsed.commands[0]?.assignments.map((a) => a.text), ['A=1', 'B=x y']);
    assert.deepEqual(parsed.functionNames, ['f', 'h']);
  });

  it('marks words only known at run time, globs and tildes', () => {
    const [command] = parseShell('x $v "${w}" *.ts [ab].md {a,b} ~/x [ ] $((1+2))').commands;
    assert.deepEqual(command?.words.map((w) => [w.text, w.dynamic, w.glob, w.tilde]), [
      ['x', false, false, false], ['$v', true, false, false], ['${w}', true, false, false], ['*.ts', false, true, false],
      ['[ab].md', false, true, false], ['{a,b}', false, true, false], ['~/x', false, false, true], ['[', false, false, false], [']', false, false, false], ['$((1+2))', true, false, false],
    ]);
  });

  it('reports what it cannot read instead of guessing', () => {
    assert.match(parseShell('echo "open').syntaxError ?? '', /double quote/);
    assert.match(parseShell("echo 'open").syntaxError ?? '', /single quote/);
    assert.match(parseShell('echo $(open').syntaxError ?? '', /never closed/);
    assert.match(parseShell('cat >').syntaxError ?? '', /not followed by a file name/);
    assert.match(parseShell('case x in a) b;;').syntaxError ?? '', /esac/);
  });

  it('drops comments and joins continued lines', () => {
    assert.deepEqual(words('a # b; c\nd \\\n e'), [['a'], ['d', 'e']]);
  });
});
