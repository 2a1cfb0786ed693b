import { strict as assert } from 'node:assert';
import { applyFileEdit, editFromCodeBlock } from '../../../src/core/edits';
import { refusalOf } from '../../../src/features/chat/applyRefusal';

const FILE = `${Array.from({ length: 19 }, (_, i) => `export const value${i} = ${i};`).join('\n')}\n\n\n\n`;

describe('a refused Apply from the chat', () => {
  it('gives its advice once and counts the lines it means (non-blank ones)', () => {
    const result = applyFileEdit(FILE, editFromCodeBlock('src/values.ts', 'export function unrelated() {\n  return 1;\n}\n', 'typescript'));
    assert.equal(result.status, 'failed');
    const reason = result.message ?? result.blocks.find((b) => b.status === 'failed')?.reason ?? '';
    const text = refusalOf('src/values.ts', reason);
    assert.equal(text.match(/SEARCH\/REPLACE/g)?.length, 1, text);
    assert.equal(text.match(/[Ss]elect the lines/g)?.length, 1, text);
    assert.match(text, /19 non-blank lines/);
    assert.match(text, /^The code could not be applied to src\/values\.ts: .*Nothing was changed\./);
  });

  it('adds the advice when the reason does not give it', () => {
    assert.equal(
      refusalOf('a.ts', 'the file changed meanwhile'),
      'The code could not be applied to a.ts: the file changed meanwhile. Nothing was changed. Select the lines it replaces and press Apply again, or ask the model for a SEARCH/REPLACE edit.',
    );
  });
});
