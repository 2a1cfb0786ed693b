import MarkdownIt, { type RendererRule } from 'markdown-it';
import { parseFenceInfo } from '../../src/core/chat/fenceInfo';
import { highlightCode } from './highlight';

/**
 * Markdown for model answers. The model is not trusted, so:
 * - `html: false`: raw HTML in an answer (script tags, event handlers, iframes) is shown as text;
 * - links keep no live `href`: the target goes to `data-href` and a click asks the extension,
 *   which opens only http(s)/mailto and workspace files (markdown-it already drops javascript:,
 *   vbscript:, file: and data: targets);
 * - images are never loaded: they show as "[image: alt]" with the address in the tooltip
 *   (the CSP would block remote images anyway).
 * The output is a string, so this module runs in Node too (tests check it there).
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
const escape = md.utils.escapeHtml;

interface RenderEnv {
  /** false while a block may still grow: highlighting waits until it is complete. */
  highlight?: boolean;
}

const linkOpen: RendererRule = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  if (!token) return '';
  const href = token.attrGet('href') ?? '';
  token.attrs = [['href', '#'], ['data-href', href], ['title', href], ['class', 'md-link']];
  return self.renderToken(tokens, idx, options);
};

const image: RendererRule = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (!token) return '';
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  const src = token.attrGet('src') ?? '';
  return `<span class="md-image" title="${escape(src)}">[image${alt ? `: ${escape(alt)}` : ''}]</span>`;
};

md.renderer.rules.link_open = linkOpen;
md.renderer.rules.image = image;
md.renderer.rules.fence = (tokens, idx, _options, env: RenderEnv) => {
  const token = tokens[idx];
  return token ? codeBlockHtml(token.content, token.info, env.highlight !== false) : '';
};
md.renderer.rules.code_block = (tokens, idx, _options, env: RenderEnv) => {
  const token = tokens[idx];
  return token ? codeBlockHtml(token.content, '', env.highlight !== false) : '';
};

export function renderMarkdown(text: string, options: { highlight: boolean } = { highlight: true }): string {
  const env: RenderEnv = { highlight: options.highlight };
  return md.render(text, env);
}

/**
 * A code block with its toolbar. The buttons act on the code's text content; a fence that names
 * a file (```ts src/a.ts) makes Apply target that file.
 */
export function codeBlockHtml(code: string, info: string, highlight: boolean): string {
  const { language, path } = parseFenceInfo(info);
  const body = (highlight ? highlightCode(code, language) : undefined) ?? escape(code);
  const title = [language, path].filter(Boolean).join(' · ') || 'code';
  const applyLabel = path ? `Apply to ${path}` : 'Apply to the current file';
  return `<div class="code-block"${language ? ` data-lang="${escape(language)}"` : ''}${path ? ` data-path="${escape(path)}"` : ''}>`
    + `<div class="code-header"><span class="code-title">${escape(title)}</span><span class="code-actions">`
    + '<button type="button" class="code-action" data-action="copy" aria-label="Copy code" title="Copy code">Copy</button>'
    + '<button type="button" class="code-action" data-action="insert" aria-label="Insert code at cursor" title="Insert at the cursor in the editor">Insert</button>'
    + `<button type="button" class="code-action" data-action="apply" aria-label="${escape(applyLabel)}" title="${escape(applyLabel)} (opens a diff to review)">Apply</button>`
    + '</span></div>'
    + `<pre><code class="hljs${language ? ` language-${escape(language)}` : ''}">${body}</code></pre></div>\n`;
}
