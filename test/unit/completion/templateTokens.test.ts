import assert from 'node:assert/strict';
import { heldBackFrom, stripTemplateTokens } from '../../../src/core/prompts/fim';
import { StreamCleaner } from '../../../src/core/completion/streamCleaner';

describe('template-token stripping', () => {
  it('leaves ordinary code alone, including HTML-like and bracketed text', () => {
    const code = 'const el = <pre>{items[0]}</pre>; // see [docs]';
    assert.deepEqual(stripTemplateTokens(code), { text: code, ended: false });
  });

  it('cuts at an end token of any family, whatever template was sent', () => {
    for (const token of ['<|endoftext|>', '<|file_sep|>', '<file_sep>', '<｜end▁of▁sentence｜>', '<EOT>', '[PREFIX]', '<|file_separator|>', '<|im_end|>', '<eos>']) {
      assert.deepEqual(stripTemplateTokens(`return x;${token}garbage`), { text: 'return x;', ended: true }, token);
    }
  });

  it('drops a middle marker echoed at the start, only there', () => {
    assert.deepEqual(stripTemplateTokens('<|fim_middle|>return x;'), { text: 'return x;', ended: false });
    assert.deepEqual(stripTemplateTokens('  <MID>return x;'), { text: 'return x;', ended: false });
    assert.deepEqual(stripTemplateTokens('[MIDDLE]x'), { text: 'x', ended: false });
  });

  it('removes padding tokens anywhere', () => {
    assert.deepEqual(stripTemplateTokens('a<|fim_pad|>b<fim_pad>c'), { text: 'abc', ended: false });
  });

  it('an answer made of a prompt echo ends at once', () => {
    assert.deepEqual(stripTemplateTokens('<|fim_prefix|>def f():'), { text: '', ended: true });
  });

  it('heldBackFrom: a tail that may be the start of a token is held back', () => {
    assert.equal(heldBackFrom('return x;<|fim'), 'return x;'.length);
    assert.equal(heldBackFrom('return x;[SUF'), 'return x;'.length);
    assert.equal(heldBackFrom('if (a < b'), 'if (a < b'.length);
    assert.equal(heldBackFrom('xs[0'), 'xs[0'.length);
  });

  it('StreamCleaner never shows a token split across chunks', () => {
    const cleaner = new StreamCleaner(false, '');
    const seen: string[] = [];
    for (const chunk of ['return a', ' + b;<|end', 'oftext|>', 'more']) {
      cleaner.push(chunk);
      seen.push(cleaner.view(false).text);
    }
    assert.deepEqual(seen, ['return a', 'return a + b;', 'return a + b;', 'return a + b;']);
    assert.equal(cleaner.view(false).ended, true);
  });

  it('StreamCleaner normalises CRLF', () => {
    const cleaner = new StreamCleaner(false, '');
    cleaner.push('a\r\nb');
    assert.equal(cleaner.view(true).text, 'a\nb');
  });
});
