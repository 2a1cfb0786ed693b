import { estimateTokens } from '../llm';

export interface CutText {
  text: string;
  /** undefined when the text fit whole. */
  cut?: { keptLines: number; totalLines: number; keptTokens: number; totalTokens: number };
}

/**
 * Shortens text to about `maxTokens`, keeping whole lines from the top (the head of a file says
 * what it is: imports, declarations). The caller shows the cut; it is never silent.
 */
export function cutToTokens(text: string, maxTokens: number): CutText {
  const totalTokens = estimateTokens(text);
  if (totalTokens <= maxTokens) return { text };
  const lines = text.split('\n');
  const kept: string[] = [];
  let tokens = 0;
  for (const line of lines) {
    const cost = estimateTokens(`${line}\n`);
    if (tokens + cost > maxTokens) break;
    kept.push(line);
    tokens += cost;
  }
  // One enormous line (minified code): keep a prefix of it rather than nothing.
  if (kept.length === 0 && maxTokens > 0) {
    const head = (lines[0] ?? '').slice(0, maxTokens * 4);
    return { text: head, cut: { keptLines: 0, totalLines: lines.length, keptTokens: estimateTokens(head), totalTokens } };
  }
  return { text: kept.join('\n'), cut: { keptLines: kept.length, totalLines: lines.length, keptTokens: tokens, totalTokens } };
}

/** A fenced block that cannot be closed early by backticks inside the text. */
export function fenced(text: string, language = ''): string {
  const longestRun = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

/**
 * Splits `budget` among items of the given sizes so that small items are kept whole and the large
 * ones share what is left equally ("water filling"): a 50-token selection is never cut because a
 * 20k-token file came with it.
 */
export function shareBudget(sizes: readonly number[], budget: number): number[] {
  const shares = sizes.map(() => 0);
  let remaining = Math.max(0, budget);
  let open = sizes.map((_, i) => i);
  while (open.length > 0 && remaining > 0) {
    const fair = Math.floor(remaining / open.length);
    const fitting = open.filter((i) => (sizes[i] ?? 0) <= fair);
    if (fitting.length === 0) {
      for (const i of open) shares[i] = fair;
      break;
    }
    for (const i of fitting) {
      shares[i] = sizes[i] ?? 0;
      remaining -= shares[i] ?? 0;
    }
    open = open.filter((i) => !fitting.includes(i));
  }
  return shares;
}
