/**
 * Control tokens the FIM template list (prompts/fim/templateTokens) does not know: the end and
 * turn markers of chat templates and tokenizers that servers sometimes pass through as text
 * (`</s>` of Llama and Mistral, `<|eot_id|>` of Llama 3, `<|end|>` of Phi, any `<|name|>` or
 * `<｜name｜>` special token). A model's answer ends at the first one: what follows is not code.
 */
const specialToken = /<\|[A-Za-z][\w.▁-]{0,40}\|>|<｜[^｜\n]{1,40}｜>|\[\/?INST\]|<<\/?SYS>>|<\/?s>|<eos>|<EOT>|<\|EOT\|>|<end_of_turn>|<start_of_turn>/;
/** Where `</s>`, `<s>` and `<eos>` are markup (JSX, HTML...), they are code, not tokens. */
const markupLanguages = new Set(['html', 'xml', 'javascriptreact', 'typescriptreact', 'vue', 'svelte', 'php', 'markdown', 'mdx', 'astro', 'razor', 'handlebars']);
const markupSafe = /<\|[A-Za-z][\w.▁-]{0,40}\|>|<｜[^｜\n]{1,40}｜>|\[\/?INST\]|<<\/?SYS>>|<EOT>|<\|EOT\|>|<end_of_turn>|<start_of_turn>/;

/** Offset of the first control token in the text, or -1. */
export function controlTokenAt(text: string, languageId: string): number {
  const match = (markupLanguages.has(languageId) ? markupSafe : specialToken).exec(text);
  return match ? match.index : -1;
}

/** The text up to its first control token. */
export function cutAtControlToken(text: string, languageId: string): string {
  const at = controlTokenAt(text, languageId);
  return at < 0 ? text : text.slice(0, at);
}
