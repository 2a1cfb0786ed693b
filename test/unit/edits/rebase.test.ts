// Stale edits: the model saw one text, the user has changed the document since.
import assert from 'node:assert/strict';
import { parseEditResponse, rebase, type FileEdit } from '../../../src/core/edits';

const seen = ['function total(items) {', '  let sum = 0;', '  for (const item of items) sum += item.price;', '  return sum;', '}', '', 'function count(items) {', '  return items.length;', '}', ''].join('\n');

function editOf(response: string): FileEdit {
  return parseEditResponse(response, { defaultPath: 'cart.js' }).files[0]!;
}

const searchReplace = editOf('<<<<<<< SEARCH\n  for (const item of items) sum += item.price;\n=======\n  for (const item of items) sum += item.price * item.quantity;\n>>>>>>> REPLACE\n');

describe('rebase', () => {
  it('applies normally when the document did not change', () => {
    const result = rebase(seen, seen, searchReplace);
    assert.equal(result.status, 'applied');
    assert.equal(result.rebased, undefined);
    assert.match(result.newText!, /item\.price \* item\.quantity/);
  });

  it('merges the edit with the user\'s changes elsewhere in the file', () => {
    const current = seen.replace('  return items.length;', '  return items.filter(Boolean).length;');
    const result = rebase(seen, current, searchReplace);
    assert.equal(result.status, 'applied');
    assert.equal(result.rebased, 'merged');
    assert.equal(result.newText, current.replace('sum += item.price;', 'sum += item.price * item.quantity;'));
  });

  it('merges a whole-file edit made against the old text without undoing the user\'s change', () => {
    const whole = editOf(`\`\`\`js cart.js\n${seen.replace('  let sum = 0;', '  let sum = 0; // cents')}\`\`\`\n`);
    const current = `// cart helpers\n${seen}`;
    const result = rebase(seen, current, whole);
    assert.equal(result.rebased, 'merged');
    assert.equal(result.newText, `// cart helpers\n${seen.replace('  let sum = 0;', '  let sum = 0; // cents')}`);
  });

  it('matches SEARCH/REPLACE blocks again when the changes touch, if the searched lines are intact', () => {
    const current = seen.replace('  for (const item of items) sum += item.price;\n', '  for (const item of items) sum += item.price;\n  // TODO: discounts\n');
    const result = rebase(seen, current, searchReplace);
    assert.equal(result.status, 'applied');
    assert.equal(result.rebased, 'rematched');
    assert.match(result.newText!, /item\.price \* item\.quantity;\n {2}\/\/ TODO: discounts\n/);
  });

  it('refuses with a clear message when the user changed the lines the edit replaces', () => {
    const current = seen.replace('sum += item.price;', 'sum += item.cost;');
    const result = rebase(seen, current, searchReplace);
    assert.equal(result.status, 'failed');
    assert.equal(result.newText, undefined);
    assert.match(result.message!, /^The file changed since the model saw it: your changes at lines 3 overlap the proposed change at lines 3\. .*nothing was applied/);
  });

  it('refuses a whole-file edit whose changes overlap the user\'s', () => {
    const whole = editOf(`\`\`\`js cart.js\n${seen.replace('  let sum = 0;', '  let sum = 0; // cents')}\`\`\`\n`);
    const current = seen.replace('  let sum = 0;', '  let sum = 0n;');
    const result = rebase(seen, current, whole);
    assert.equal(result.status, 'failed');
    assert.equal(result.blocks[0]!.code, 'stale');
    assert.match(result.message!, /changed since the model saw it.*Nothing was applied/);
  });

  it('never fuzzy-matches against the current text (it could overwrite the user\'s change)', () => {
    const stale = editOf('<<<<<<< SEARCH\n  for (const item of items) sum += item.prize;\n  return sum;\n=======\n  for (const item of items) sum += item.prize;\n  return Math.round(sum);\n>>>>>>> REPLACE\n');
    const current = seen.replace('  return sum;', '  return sum; // total');
    const result = rebase(seen, current, stale);
    assert.equal(result.status, 'failed');
  });
});
