import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractSymbols } from '../../../src/core/knowledge/extractSymbols';
import { languageForPath, TreeSitterLoader } from '../../../src/core/knowledge';
import type { FileSymbols } from '../../../src/core/knowledge';

const FIXTURES = path.resolve(__dirname, '../../fixtures/knowledge/languages');
const loader = new TreeSitterLoader();

async function symbolsOf(file: string): Promise<FileSymbols> {
  const spec = languageForPath(file);
  assert.ok(spec, `no language for ${file}`);
  const parser = await loader.parserFor(spec);
  assert.ok(parser, `grammar ${spec.grammar} did not load`);
  return extractSymbols(parser, spec, readFileSync(path.join(FIXTURES, file), 'utf8'), { path: file, size: 0, mtimeMs: 0 }, (t) => t);
}

/** "kind name start-end summaryStart-summaryEnd" per definition: the whole observable result in one line each. */
function outline(symbols: FileSymbols): string[] {
  return symbols.definitions.map((d) => `${d.kind} ${d.container ? `${d.container}.` : ''}${d.name} ${d.range.start}-${d.range.end} ${d.summary.start}-${d.summary.end}`);
}

describe('knowledge: definitions and references from tree-sitter', function () {
  this.timeout(30_000);

  it('TypeScript: classes, methods, interfaces, arrow-function constants and types, with doc comments and signature lines; locals are not definitions', async () => {
    const symbols = await symbolsOf('repository.ts');
    assert.deepEqual(outline(symbols), [
      'class UserRepository 2-8 2-3',
      'method UserRepository.findById 4-7 4-5',
      'interface User 9-9 9-9',
      'function retryBackoff 10-10 10-10',
      'type Id 11-11 11-11',
      'function helper 12-14 12-12',
    ]);
    assert.equal(symbols.definitions[1]!.text, '  /** by id */\n  findById(id: string): User | undefined {');
    assert.ok(symbols.references.includes('db') && symbols.references.includes('get'));
    assert.ok(!symbols.references.includes('UserRepository'), 'own definitions are not references');
  });

  it('JavaScript with JSX', async () => {
    assert.deepEqual(outline(await symbolsOf('widget.jsx')), ['function Widget 1-4 1-2', 'constant DEFAULT_TITLE 6-6 6-6']);
  });

  it('Python: decorators, docstrings in the summary, module constants; assignments inside functions are not definitions', async () => {
    const symbols = await symbolsOf('store.py');
    assert.deepEqual(outline(symbols), ['constant MAX 1-1 1-1', 'class Store 3-11 3-5', 'method Store.get 6-11 6-9']);
    assert.match(symbols.definitions[2]!.text, /def get\(self, key\):\n {8}"""Get a key\.\n\n {8}More\."""/);
  });

  it('Go: types whole, methods by signature with their comment, constants', async () => {
    assert.deepEqual(outline(await symbolsOf('server.go')), ['type Server 3-6 3-6', 'method Start 8-11 8-9', 'constant Limit 13-13 13-13']);
  });

  it('Rust: attributes and doc comments, impl methods under their type, traits', async () => {
    assert.deepEqual(outline(await symbolsOf('point.rs')), [
      'type Point 1-3 1-3', 'method Point.new 5-6 5-6', 'interface Shape 8-8 8-8', 'method Shape.area 8-8 8-8', 'constant MAX 9-9 9-9',
    ]);
  });

  it('Java, C#, C, C++, Ruby and PHP', async () => {
    assert.deepEqual(outline(await symbolsOf('Account.java')), ['class Account 1-8 1-2', 'constant Account.LIMIT 3-3 3-3', 'method Account.balance 4-7 4-5']);
    assert.deepEqual(outline(await symbolsOf('Service.cs')), ['module App 1-7 1-1', 'class App.Service 2-6 2-3', 'variable Service.Count 4-4 4-4', 'method Service.Run 5-5 5-5']);
    const c = await symbolsOf('math.c');
    assert.deepEqual(outline(c), ['macro MAX 1-1 1-1', 'function add 2-5 2-3', 'type point_t 6-6 6-6', 'type point_t.point 6-6 6-6']);
    assert.ok(!c.definitions.some((d) => d.name === 'foo'), 'a struct named without a body is a use, not a definition');
    assert.deepEqual(outline(await symbolsOf('shapes.hpp')), ['module geo 1-7 1-1', 'class geo.Circle 2-6 2-3']);
    assert.deepEqual(outline(await symbolsOf('billing.rb')), ['module Billing 1-9 1-2', 'class Billing.Invoice 3-8 3-3', 'constant Invoice.RATE 4-4 4-4', 'method Invoice.total 5-7 5-5']);
    assert.deepEqual(outline(await symbolsOf('greeter.php')), ['class Greeter 2-6 2-3', 'constant Greeter.HELLO 4-4 4-4', 'method Greeter.greet 5-5 5-5', 'function top 7-7 7-7']);
  });

  it('a file that does not parse cleanly still yields the definitions around the error', async () => {
    const spec = languageForPath('broken.ts')!;
    const parser = (await loader.parserFor(spec))!;
    const symbols = extractSymbols(parser, spec, 'export function good(a: number) {\n  return a;\n}\nfunction broken( {\n\nexport class Later {}\n', { path: 'broken.ts', size: 0, mtimeMs: 0 }, (t) => t);
    assert.ok(symbols.definitions.some((d) => d.name === 'good'));
  });

  it('a grammar that cannot be loaded gives no parser (its files are skipped), not an exception', async () => {
    const missing = new TreeSitterLoader(path.join(FIXTURES, 'no-such-folder'));
    assert.equal(await missing.parserFor(languageForPath('a.ts')!), undefined);
  });
});
