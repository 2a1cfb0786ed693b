import assert from 'node:assert/strict';
import { declaredTestNames, droppedTests, enclosingDeclaration, findDeclarations, findUsedSymbols, importedWorkspaceFiles } from '../../../src/core/testing';
import { memoryFiles } from './memoryFiles';

const ts = [
  "import { CENTS, type Currency } from './units';", // 1
  "import * as fmt from '../format/index.js';", // 2
  '', // 3
  'export class Wallet {', // 4
  '  private cents = 0;', // 5
  '', // 6
  '  deposit(amount: number): void {', // 7
  '    if (amount <= 0) {', // 8
  "      throw new RangeError('positive only');", // 9
  '    }', // 10
  '    this.cents += amount * CENTS;', // 11
  '  }', // 12
  '', // 13
  '  get balance(): string {', // 14
  '    return fmt.money(this.cents);', // 15
  '  }', // 16
  '}', // 17
  '', // 18
  'export const double = (x: number) => x * 2;', // 19
  "const LABEL = '{not a block';", // 20
].join('\n');

describe('declarations in source text', () => {
  it('finds functions, classes, methods and constants with their extent', () => {
    const found = findDeclarations(ts, 'javascript').map((d) => `${d.name} ${d.startLine}-${d.endLine}${d.callable ? ' callable' : ''}`);
    assert.deepEqual(found, ['Wallet 4-17 callable', 'deposit 7-12 callable', 'balance 14-16 callable', 'double 19-19 callable', 'LABEL 20-20']);
  });

  it('the function or class at the cursor is the innermost one around it', () => {
    assert.equal(enclosingDeclaration(ts, 9, 'javascript')?.name, 'deposit');
    assert.equal(enclosingDeclaration(ts, 5, 'javascript')?.name, 'Wallet');
    assert.equal(enclosingDeclaration(ts, 19, 'javascript')?.name, 'double');
    assert.equal(enclosingDeclaration(ts, 20, 'javascript'), undefined);
    assert.equal(enclosingDeclaration(ts, 1, 'javascript'), undefined);
  });

  it('python blocks end where the indentation does; decorators belong to their function', () => {
    const py = ['import os', '', '@cache', 'def total(items,', '          tax):', '    s = sum(items)', '', '    return s * tax', '', 'class Cart:', '    def add(self, x):', '        self.items.append(x)', ''].join('\n');
    assert.deepEqual(findDeclarations(py, 'python').map((d) => `${d.name} ${d.startLine}-${d.endLine}`), ['total 3-8', 'Cart 10-12', 'add 11-12']);
    assert.equal(enclosingDeclaration(py, 12, 'python')?.name, 'add');
  });

  it('go and rust functions', () => {
    const go = 'package cart\n\nfunc (c *Cart) Add(x int) {\n\tc.items = append(c.items, x)\n}\n\nfunc Total() int { return 0 }\n';
    assert.deepEqual(findDeclarations(go, 'go').map((d) => `${d.name} ${d.startLine}-${d.endLine}`), ['Add 3-5', 'Total 7-7']);
    const rs = 'pub fn clamp(v: i32) -> i32 {\n    v.max(0)\n}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn clamps() {}\n}\n';
    assert.equal(enclosingDeclaration(rs, 2, 'rust')?.name, 'clamp');
  });
});

describe('the symbols the code under test uses', () => {
  const files = memoryFiles({
    'src/wallet.ts': ts,
    'src/units.ts': "export const CENTS = 100;\nexport type Currency = 'EUR' | 'USD';\nexport const UNUSED = 1;\n",
    'format/index.ts': 'export function money(cents: number): string {\n  return (cents / 100).toFixed(2);\n}\n',
    'app/models.py': 'class User:\n    name: str\n\n    def greet(self):\n        return self.name\n',
    'app/service.py': 'from .models import User\nimport os\n\ndef welcome(user: User) -> str:\n    return user.greet()\n',
  });

  it('JS/TS: named and namespace imports, resolved with or without extension, only the names used', async () => {
    const focus = ts.split('\n').slice(3, 17).join('\n');
    const symbols = await findUsedSymbols(files, 'src/wallet.ts', ts, focus);
    assert.deepEqual(symbols.map((s) => `${s.name} ${s.path}:${s.startLine}`), ['CENTS src/units.ts:1', 'money format/index.ts:1']);
    assert.equal(symbols[1]?.text, 'export function money(cents: number): string {\n  return (cents / 100).toFixed(2);\n}');
  });

  it('Python: relative imports; unresolvable modules (the standard library) are skipped', async () => {
    const source = 'from .models import User\nimport os\n\ndef welcome(user: User) -> str:\n    return user.greet()\n';
    const symbols = await findUsedSymbols(files, 'app/service.py', source, source);
    assert.deepEqual(symbols.map((s) => `${s.name} ${s.path}:${s.startLine}-${s.text.split('\n').length}`), ['User app/models.py:1-5']);
  });

  it('long declarations are cut, and the cut is marked', async () => {
    const long = memoryFiles({ 'a.js': "import { big } from './b.js';\nbig();\n", 'b.js': `export function big() {\n${'  step();\n'.repeat(100)}}\n` });
    const [symbol] = await findUsedSymbols(long, 'a.js', "import { big } from './b.js';\nbig();\n", 'big();', { maxLines: 5 });
    assert.equal(symbol?.text.split('\n').length, 6);
    assert.match(symbol?.text ?? '', /\/\/ … \(97 more lines\)$/);
  });

  it('the files a test file imports are the code under test', async () => {
    const test = "import { Wallet } from '../src/wallet';\nimport { describe } from 'node:test';\n";
    const imported = await importedWorkspaceFiles(memoryFiles({ 'src/wallet.ts': ts }), 'test/wallet.test.ts', test);
    assert.deepEqual(imported.map((f) => f.path), ['src/wallet.ts']);
  });
});

describe('test names, so extending a file never drops a test', () => {
  it('reads JS tests and suites of every quoting style', () => {
    // A test file's source as data, with a focused and a skipped test among them (their modifiers
    // joined in, so no tool mistakes this string for focused or skipped tests of this suite).
    const [focused, skipped] = ['test.' + 'only', 'it.' + 'skip'];
    const text = `describe('Wallet', () => {\n  it("deposits", () => {});\n  ${focused}(\`rejects \${'x'}\`, () => {});\n  ${skipped}('can\\'t overdraw', () => {});\n});\n`;
    assert.deepEqual(declaredTestNames(text, 'jest'), ['Wallet', 'deposits', "rejects ${'x'}", "can\\'t overdraw"]);
  });

  it('reads python, go, rust and junit tests', () => {
    assert.deepEqual(declaredTestNames('class TestCart:\n    def test_add(self):\n        pass\ndef test_total():\n    pass\n', 'pytest'), ['test_add', 'test_total', 'TestCart']);
    assert.deepEqual(declaredTestNames('func TestAdd(t *testing.T) {}\nfunc helper() {}\n', 'go'), ['TestAdd']);
    assert.deepEqual(declaredTestNames('#[test]\nfn adds() {}\n#[test]\n#[should_panic]\nfn panics() {}\nfn helper() {}\n', 'cargo'), ['adds', 'panics']);
    assert.deepEqual(declaredTestNames('@Test\nvoid addsItems() {}\n@ParameterizedTest\n@ValueSource(ints = {1})\npublic void parses(int x) {}\n', 'junit'), ['addsItems', 'parses']);
  });

  it('names what was dropped, counting duplicates', () => {
    const before = "test('a', f);\ntest('b', f);\ntest('b', g);\n";
    assert.deepEqual(droppedTests(before, "test('a', f);\ntest('b', f);\ntest('c', f);\n", 'node-test'), ['b']);
    assert.deepEqual(droppedTests(before, `${before}test('c', f);\n`, 'node-test'), []);
  });
});
