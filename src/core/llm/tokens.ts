/**
 * Token estimate for when a server sends no usage. BPE tokenizers of current code models average
 * close to 4 characters per token on English and code; a per-message overhead covers the role
 * and separator tokens chat templates add. An estimate is always labelled as one.
 */
const charsPerToken = 4;
const perMessageOverhead = 4;

export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / charsPerToken);
}

export function estimateMessagesTokens(messages: ReadonlyArray<{ content?: unknown }>): number {
  let total = 0;
  for (const message of messages) total += perMessageOverhead + estimateTokens(contentText(message.content));
  return total;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part === 'object' && part && 'text' in part ? String(part.text) : '')).join('');
  return '';
}
