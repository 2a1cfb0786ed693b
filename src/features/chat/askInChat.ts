/**
 * What other features hand to the chat (`tandem.askInChat`): Explain from the editor, "Run Tests
 * and Explain Failures". The text is sent as if typed, so slash commands such as /explain work.
 */
export interface AskInChatRequest {
  text: string;
  /** Attach the editor's selection (switched on) to the message. */
  includeSelection?: boolean;
  /** Extra context, shown as chips and sent with the message (then cleared like pasted text). */
  context?: Array<{ label: string; content: string; language?: string }>;
}

const maxItems = 20;

/** Validates the command's argument: it may come from a keybinding or another extension. */
export function parseAskInChatRequest(value: unknown): AskInChatRequest | string {
  if (typeof value !== 'object' || value === null) return 'expected an object with a "text" string';
  const { text, includeSelection, context } = value as Record<string, unknown>;
  if (typeof text !== 'string' || !text.trim()) return '"text" must be a non-empty string';
  if (includeSelection !== undefined && typeof includeSelection !== 'boolean') return '"includeSelection" must be true or false';
  if (context === undefined) return { text, includeSelection };
  if (!Array.isArray(context) || context.length > maxItems) return `"context" must be a list of at most ${maxItems} items`;
  const items: NonNullable<AskInChatRequest['context']> = [];
  for (const item of context as unknown[]) {
    const { label, content, language } = (item ?? {}) as Record<string, unknown>;
    if (typeof label !== 'string' || typeof content !== 'string') return 'each "context" item needs a "label" and a "content" string';
    if (language !== undefined && typeof language !== 'string') return 'a context item\'s "language" must be a string';
    items.push({ label, content, language });
  }
  return { text, includeSelection, context: items };
}
