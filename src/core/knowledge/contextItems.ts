/** One piece of context, as `tandem context --json` prints it and the chat chips show it. */
export interface ContextItem {
  /** Workspace-relative, '/'-separated. */
  path: string;
  /** 1-based, inclusive: exactly the lines whose text is sent. */
  startLine: number;
  endLine: number;
  kind: 'window' | 'definition' | 'snippet';
  symbol?: string;
  tokens: number;
  /** 0..1, the best item of a request 1 (the window: 1). */
  score: number;
  /** Why it was chosen: "defines `UserRepository` (used at the cursor)", "matches 'retry backoff'". */
  why: string;
  /** The text sent (secrets redacted). */
  text: string;
}

export interface ContextResult {
  items: ContextItem[];
  /** Sum of the items' tokens other than the window's (at most the budget). */
  tokens: number;
  windowTokens: number;
  /** Time of the lookup alone, index loaded. */
  queryMs: number;
}

/** The JSON `tandem context` prints: the items without their text. */
export function contextResultJson(result: ContextResult): object {
  return {
    items: result.items.map(({ text: _text, ...item }) => item),
    tokens: result.tokens,
    windowTokens: result.windowTokens,
    queryMs: result.queryMs,
  };
}
