import assert from 'node:assert/strict';
import { SnippetSelector, type RelatedFile } from '../../../src/core/context';

const money: RelatedFile = {
  path: 'src/money.ts', languageId: 'typescript', relation: 'import', version: 1,
  text: [
    ...Array.from({ length: 60 }, () => 'export const UNRELATED = 0;'),
    'export function addMoney(a: Money, b: Money): Money {',
    '  return { cents: a.cents + b.cents, currency: a.currency };',
    '}',
    ...Array.from({ length: 60 }, () => 'export const FILLER = 0;'),
  ].join('\n'),
};
const noise: RelatedFile = { path: 'src/noise.ts', languageId: 'typescript', relation: 'open', text: 'const z = 1;\n'.repeat(50) };

describe('related-file snippet selection', () => {
  it('picks the window that shares identifiers with the code at the cursor', () => {
    const chosen = new SnippetSelector().select([noise, money], 'const total = addMoney(price, tax);\nif (total.cents > 0 && total.currency)', 2_000);
    assert.equal(chosen.length, 1);
    assert.equal(chosen[0]?.path, 'src/money.ts');
    assert.match(chosen[0]?.text ?? '', /export function addMoney/);
  });

  it('respects the character budget', () => {
    assert.deepEqual(new SnippetSelector().select([money], 'addMoney cents currency', 100), []);
  });

  it('the most relevant snippet comes last (nearest the cursor in the prompt)', () => {
    const other: RelatedFile = { path: 'src/tax.ts', languageId: 'typescript', relation: 'recentEdit', text: 'export function taxFor(subtotal: Money) {\n  return subtotal;\n}' };
    const chosen = new SnippetSelector().select([money, other], 'const total = addMoney(subtotal, shipping);\ntotal.cents + total.currency', 5_000);
    assert.deepEqual(chosen.map((s) => s.path), ['src/tax.ts', 'src/money.ts']);
  });

  it('reuses its index of a file until its version changes', () => {
    const selector = new SnippetSelector();
    selector.select([money], 'addMoney cents', 2_000);
    const changed = { ...money, text: money.text.replace('addMoney', 'sumMoney') };
    assert.match(selector.select([changed], 'addMoney cents', 2_000)[0]?.text ?? '', /addMoney/, 'same version: cached index');
    assert.match(selector.select([{ ...changed, version: 2 }], 'sumMoney cents', 2_000)[0]?.text ?? '', /sumMoney/);
  });
});
