import assert from 'node:assert/strict';
import { ContextSet } from '../../../src/core/chat/contextSet';
import { FileFilter } from '../../../src/core/chat/fileFilter';
import { fuzzyFilter } from '../../../src/core/chat/fuzzyMatch';

describe('chat context: which files may be attached, and finding them', () => {
  const filter = new FileFilter(
    [
      { dir: '', content: 'node_modules/\ndist/\n*.log\n!keep.log\n' },
      { dir: 'packages/api', content: 'generated/\n/local.json\n' },
    ],
    ['.env', '.env.*', '*.pem', 'secrets/'],
  );

  it('respects the root .gitignore, including negations', () => {
    assert.equal(filter.isIgnored('node_modules/lodash/index.js'), true);
    assert.equal(filter.isIgnored('dist/extension.js'), true);
    assert.equal(filter.isIgnored('logs/debug.log'), true);
    assert.equal(filter.isIgnored('keep.log'), false);
    assert.equal(filter.isIgnored('src/money.ts'), false);
  });

  it('applies a nested .gitignore only inside its folder, anchored there', () => {
    assert.equal(filter.isIgnored('packages/api/generated/client.ts'), true);
    assert.equal(filter.isIgnored('packages/api/local.json'), true);
    assert.equal(filter.isIgnored('packages/api/src/local.json'), false, '/local.json is anchored to packages/api');
    assert.equal(filter.isIgnored('packages/web/generated/x.ts'), false);
  });

  it('applies the tandem.ignore patterns anywhere, and never offers .git', () => {
    assert.equal(filter.isIgnored('.env'), true);
    assert.equal(filter.isIgnored('config/.env.production'), true);
    assert.equal(filter.isIgnored('certs/server.pem'), true);
    assert.equal(filter.isIgnored('secrets/token.txt'), true);
    assert.equal(filter.isIgnored('.git/config'), true);
    assert.equal(filter.isIgnored('src/env.ts'), false);
  });

  it('ranks fuzzy matches by file name, word starts and shortness', () => {
    const paths = ['src/common/monitoring/index.ts', 'src/money.ts', 'test/money.test.ts', 'docs/MONTHLY.md', 'src/ledger.ts'];
    const mon = fuzzyFilter('mon', paths, 5);
    assert.equal(mon[0], 'src/money.ts');
    assert.equal(mon.at(-1), 'src/common/monitoring/index.ts', 'a match deep in the folders ranks last');
    assert.equal(mon.length, 4);
    assert.deepEqual(fuzzyFilter('ldg', paths, 5), ['src/ledger.ts']);
    assert.deepEqual(fuzzyFilter('smt', paths, 5).slice(0, 1), ['src/money.ts']);
    assert.deepEqual(fuzzyFilter('zzz', paths, 5), []);
    assert.equal(fuzzyFilter('', paths, 2).length, 2);
  });

  it('keeps the selection and rules after a send, drops attachments, and remembers what was switched off', () => {
    const set = new ContextSet();
    set.put({ id: 'file:a.ts', kind: 'file', label: 'a.ts', text: 'a'.repeat(400) });
    set.put({ id: 'selection', kind: 'selection', label: 'b.ts:1', text: 'b' });
    set.put({ id: 'rules:AGENTS.md', kind: 'rules', label: 'AGENTS.md', text: 'rule' });
    assert.deepEqual(set.chips().map((c) => [c.label, c.tokens, c.enabled]), [['AGENTS.md', 1, true], ['b.ts:1', 1, true], ['a.ts', 100, true]]);
    set.toggle('selection');
    set.put({ id: 'selection', kind: 'selection', label: 'b.ts:2', text: 'bb' });
    assert.equal(set.chips().find((c) => c.id === 'selection')?.enabled, false, 'a new selection stays switched off');
    assert.deepEqual(set.promptItems().map((i) => i.label), ['a.ts'], 'rules go to the system prompt, not the context');
    set.clearAttachments();
    assert.deepEqual(set.chips().map((c) => c.id), ['rules:AGENTS.md', 'selection']);
  });
});
