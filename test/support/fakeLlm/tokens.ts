// Token arithmetic for a server with no tokenizer. One rule everywhere (≈ 4 characters per token,
// OpenAI's published rule of thumb for English) keeps usage, max_tokens truncation and pacing
// consistent with each other, which is what tests assert; real counts differ per model anyway.

export const CHARS_PER_TOKEN = 4;

/** OpenAI's cookbook overhead for chat: every message costs 3 tokens, the reply is primed with 3. */
const TOKENS_PER_MESSAGE = 3;
const REPLY_PRIMING_TOKENS = 3;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Prompt tokens of a chat request: message overhead plus every string found in each message. */
export function estimateChatPromptTokens(messages: readonly unknown[]): number {
  let total = REPLY_PRIMING_TOKENS;
  for (const message of messages) total += TOKENS_PER_MESSAGE + estimateTokens(collectStrings(message));
  return total;
}

/** The longest prefix of `text` that fits in `maxTokens`, never splitting a surrogate pair. */
export function truncateToTokens(text: string, maxTokens: number): string {
  return sliceSafely(text, 0, Math.max(0, maxTokens) * CHARS_PER_TOKEN);
}

/** `text.slice(start, end)` with `end` moved forward when it would split a surrogate pair. */
export function sliceSafely(text: string, start: number, end: number): string {
  let safeEnd = Math.min(end, text.length);
  if (safeEnd > start && safeEnd < text.length && isHighSurrogate(text.charCodeAt(safeEnd - 1))) safeEnd += 1;
  return text.slice(start, safeEnd);
}

/** Splits text into pieces of about `size` characters (surrogate pairs kept whole). */
export function splitIntoPieces(text: string, size: number): string[] {
  const pieceSize = Math.max(1, Math.floor(size));
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    const piece = sliceSafely(text, start, start + pieceSize);
    pieces.push(piece);
    start += piece.length;
  }
  return pieces;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Concatenates every string inside a JSON value (message content, parts, tool call arguments). */
function collectStrings(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(collectStrings).join('');
  if (value !== null && typeof value === 'object') return Object.values(value).map(collectStrings).join('');
  return '';
}
