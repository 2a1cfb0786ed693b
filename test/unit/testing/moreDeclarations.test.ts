// Generate Tests: the index's declarations join the import walk's without sending anything twice.
import assert from 'node:assert/strict';
import { prepareGeneration, type UsedSymbol } from '../../../src/core/testing';
import { memoryFiles } from './memoryFiles';

const repo = [
  'export class Repo {',
  '  /** The row with this id. */',
  '  find(id) {',
  '    return this.rows.get(id);',
  '  }',
  '}',
].join('\n');
const audit = [
  "import { Repo } from './repo.js';",
  '',
  'export function audit(repo, id) {',
  '  return repo.find(id) ?? taxRate(id);',
  '}',
].join('\n');

describe('Generate Tests: declarations from the index beside the import walk', () => {
  it('adds what the imports do not lead to, and leaves out names and lines the import walk already sent', async () => {
    const files = memoryFiles({ 'package.json': JSON.stringify({ type: 'module', scripts: { test: 'node --test' } }), 'src/repo.js': repo, 'src/audit.js': audit });
    const asked: ReadonlySet<string>[] = [];
    const fromIndex: UsedSymbol[] = [
      { name: 'find', path: 'src/repo.js', startLine: 2, text: '  /** The row with this id. */\n  find(id) {' },
      { name: 'Repo', path: 'src/repo.js', startLine: 1, text: 'export class Repo {' },
      { name: 'taxRate', path: 'src/rates.js', startLine: 1, text: 'export function taxRate(region) {' },
    ];
    const prepared = await prepareGeneration(files, { sourcePath: 'src/audit.js', sourceText: audit }, {
      moreDeclarations: async ({ covered }) => { asked.push(covered); return fromIndex; },
    });
    assert.deepEqual([...asked[0]!], ['Repo'], 'the index is told what the import walk found');
    assert.deepEqual(prepared.symbols.map((s) => `${s.name}@${s.path}:${s.startLine}`), ['Repo@src/repo.js:1', 'taxRate@src/rates.js:1'], 'find is inside the class already sent');
  });
});
