import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { expandCommandTemplate, shellQuote } from '../../../src/core/testing';

/** What sh really receives as one argument after quoting. */
function throughSh(quoted: string): string {
  return execFileSync('sh', ['-c', `printf '%s' ${quoted}`], { encoding: 'utf8' });
}

describe('shellQuote', () => {
  it('leaves plain paths bare', () => {
    assert.equal(shellQuote('src/a.test.ts'), 'src/a.test.ts');
    assert.equal(shellQuote('C:\\x\\a.ts', 'powershell'), 'C:\\x\\a.ts');
  });

  it('passes hostile values through sh unchanged', () => {
    for (const value of ["it's", 'a b', '$(touch /tmp/pwned)', '`id`', 'a;b|c&d', '"quoted"', 'new\nline', '*.ts', '~', '']) {
      assert.equal(throughSh(shellQuote(value)), value, JSON.stringify(value));
    }
  });

  it('PowerShell: single quotes doubled, typographic ones too', () => {
    assert.equal(shellQuote("it's", 'powershell'), "'it''s'");
    assert.equal(shellQuote('it’s', 'powershell'), "'it’’s'");
    assert.equal(shellQuote('$env:HOME', 'powershell'), "'$env:HOME'");
  });

  it('cmd.exe: double quotes, and refuses what it cannot protect', () => {
    assert.equal(shellQuote('a b&c', 'cmd'), '"a b&c"');
    assert.throws(() => shellQuote('100%', 'cmd'), /cmd\.exe/);
    assert.throws(() => shellQuote('a"b', 'cmd'), /cmd\.exe/);
  });
});

describe('expandCommandTemplate: ${file} and ${testFile} in a configured command', () => {
  const values = { file: 'src/my cart.ts', testFile: "src/it's.test.ts" };

  it('fills placeholders with quoted values', () => {
    assert.equal(expandCommandTemplate('npm test -- ${testFile}', values), "npm test -- 'src/it'\\''s.test.ts'");
    assert.equal(throughSh(expandCommandTemplate('${testFile}', values)), "src/it's.test.ts");
  });

  it('replaces a placeholder written in its own quotes, quotes and all', () => {
    assert.equal(expandCommandTemplate('jest "${file}" \'${testFile}\'', { file: 'a.ts', testFile: 'b c.ts' }), "jest a.ts 'b c.ts'");
  });

  it('leaves unknown ${...} to the shell and refuses a known one without a value', () => {
    assert.equal(expandCommandTemplate('cd ${HOME} && jest ${file}', { file: 'a.ts' }), 'cd ${HOME} && jest a.ts');
    assert.throws(() => expandCommandTemplate('jest ${testFile}', { testFile: undefined }), /\$\{testFile\}/);
  });

  it('quotes for the given shell', () => {
    assert.equal(expandCommandTemplate('pytest ${testFile}', { testFile: 'tests/a b.py' }, 'cmd'), 'pytest "tests/a b.py"');
  });
});
