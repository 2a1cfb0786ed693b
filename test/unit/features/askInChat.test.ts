import { strict as assert } from 'node:assert';
import { parseAskInChatRequest } from '../../../src/features/chat/askInChat';

describe('tandem.askInChat argument', () => {
  it('accepts text with attached context and the selection switch', () => {
    assert.deepEqual(parseAskInChatRequest({ text: 'Explain these failures', includeSelection: true, context: [{ label: 'Test output', content: 'not ok 1', language: 'text' }] }), {
      text: 'Explain these failures', includeSelection: true, context: [{ label: 'Test output', content: 'not ok 1', language: 'text' }],
    });
  });

  it('names what is wrong with a bad argument', () => {
    assert.equal(parseAskInChatRequest(undefined), 'expected an object with a "text" string');
    assert.equal(parseAskInChatRequest({ text: '  ' }), '"text" must be a non-empty string');
    assert.equal(parseAskInChatRequest({ text: 'x', includeSelection: 'yes' }), '"includeSelection" must be true or false');
    assert.equal(parseAskInChatRequest({ text: 'x', context: [{ label: 'a' }] }), 'each "context" item needs a "label" and a "content" string');
    assert.equal(parseAskInChatRequest({ text: 'x', context: Array.from({ length: 21 }, () => ({ label: 'a', content: 'b' })) }), '"context" must be a list of at most 20 items');
  });
});
