import assert from 'node:assert/strict';
import { codeBlockHtml, renderMarkdown } from '../../../media/chat/markdown';

/** Every start tag in the HTML, with its attributes, as the browser would parse it. */
function tags(html: string): Array<{ name: string; attrs: string }> {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => ({ name: (m[1] ?? '').toLowerCase(), attrs: m[2] ?? '' }));
}

const allowedTags = new Set(['p', 'a', 'code', 'pre', 'div', 'span', 'button', 'em', 'strong', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 's', 'hr', 'br']);

describe('chat Markdown rendering: model output cannot run code or load content', () => {
  const attacks = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '![x](https://evil.example/track.png)',
    '![x](javascript:alert(1))',
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(https://evil.example)">x</div>',
    '```html" onmouseover="alert(1)\n<b>code</b>\n```',
    '<svg onload=alert(1)>',
    '[link](https://ok.example "title\\" onclick=\\"alert(1)")',
  ];

  for (const attack of attacks) {
    it(`renders inert: ${attack.slice(0, 60)}`, () => {
      const html = renderMarkdown(attack);
      for (const tag of tags(html)) {
        assert.ok(allowedTags.has(tag.name), `unexpected <${tag.name}> in ${html}`);
        assert.doesNotMatch(tag.attrs, /\son\w+\s*=/i, `event handler in ${html}`);
        assert.doesNotMatch(tag.attrs, /\s(src|style|srcset|formaction)\s*=/i, `loadable attribute in ${html}`);
        const href = /\shref="([^"]*)"/.exec(tag.attrs)?.[1];
        if (href !== undefined) assert.equal(href, '#', `live link in ${html}`);
      }
      assert.doesNotMatch(html, /<script|<iframe|<img|<svg/i);
    });
  }

  it('shows raw HTML from the model as text', () => {
    assert.equal(renderMarkdown('<script>alert(1)</script>').trim(), '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('keeps link targets only in data-href, for the extension to validate on click', () => {
    const html = renderMarkdown('See [the docs](https://example.com/a?b=1&c=2).');
    assert.match(html, /<a href="#" data-href="https:\/\/example\.com\/a\?b=1&amp;c=2" title="https:\/\/example\.com\/a\?b=1&amp;c=2" class="md-link">the docs<\/a>/);
    assert.doesNotMatch(renderMarkdown('[x](javascript:alert(1))'), /data-href/, 'markdown-it refuses javascript: targets before we see them');
  });

  it('replaces images with a text placeholder that loads nothing', () => {
    assert.equal(renderMarkdown('![a cat](https://evil.example/cat.png)').trim(), '<p><span class="md-image" title="https://evil.example/cat.png">[image: a cat]</span></p>');
  });

  it('renders code blocks with highlighting, a toolbar and the target file from the fence', () => {
    const html = renderMarkdown('```ts src/money.ts\nconst cents: number = 100;\n```');
    assert.match(html, /<div class="code-block" data-lang="ts" data-path="src\/money\.ts">/);
    assert.match(html, /<span class="hljs-keyword">const<\/span>/);
    assert.match(html, /data-action="copy" aria-label="Copy code"/);
    assert.match(html, /data-action="insert" aria-label="Insert code at cursor"/);
    assert.match(html, /data-action="apply" aria-label="Apply to src\/money\.ts"/);
  });

  it('does not highlight a block that is still streaming, and escapes it', () => {
    const html = codeBlockHtml('if (a < b) {}\n', 'ts', false);
    assert.doesNotMatch(html, /hljs-keyword/);
    assert.match(html, /if \(a &lt; b\) \{\}/);
  });

  it('escapes code in languages it does not know', () => {
    assert.match(renderMarkdown('```brainfudge\n<b>&</b>\n```'), /<code class="hljs language-brainfudge">&lt;b&gt;&amp;&lt;\/b&gt;\n<\/code>/);
  });
});
