/** Characters per token: the same rule of thumb as core/llm's estimates. */
export const charsPerToken = 4;

export interface CompletionBudget {
  prefixChars: number;
  suffixChars: number;
  relatedChars: number;
}

export interface CompletionBudgetInput {
  /** Tokens the prompt may use (after the answer's reserve). */
  promptTokens: number;
  /** Share of the prompt the text after the cursor may take. */
  suffixShare?: number;
  /** Share related-file snippets may take. */
  relatedShare?: number;
}

/**
 * Splits a completion prompt's budget prefix-heavy: what comes before the cursor predicts the next
 * tokens best, so the suffix and related snippets get bounded shares and the prefix the rest
 * (callers hand unused suffix/related characters back to the prefix).
 */
export function completionBudget({ promptTokens, suffixShare = 0.2, relatedShare = 0.25 }: CompletionBudgetInput): CompletionBudget {
  const total = Math.max(0, Math.floor(promptTokens * charsPerToken));
  const suffixChars = Math.floor(total * suffixShare);
  const relatedChars = Math.floor(total * relatedShare);
  return { prefixChars: total - suffixChars - relatedChars, suffixChars, relatedChars };
}
