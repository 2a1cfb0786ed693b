import type { EditBlock } from '../types';
import { scanFences, type Fence } from './fences';

type WithoutIndex<T> = T extends unknown ? Omit<T, 'index'> : never;

/** A block as a parser found it, before the plan numbers blocks and settles paths. */
export interface ParsedBlock {
  block: WithoutIndex<EditBlock>;
  /** The path this block names itself. */
  path?: string;
  /** A block that names no file may take the previous block's (SEARCH/REPLACE, header-less diffs). */
  inheritsPath: boolean;
  renameTo?: string;
}

/** The response being parsed, shared by the format parsers; each marks the lines it used. */
export interface ParseContext {
  lines: string[];
  fences: Fence[];
  consumed: boolean[];
  warnings: string[];
}

export function createContext(text: string): ParseContext {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  hideReasoning(lines);
  return { lines, fences: scanFences(lines), consumed: lines.map(() => false), warnings: [] };
}

/**
 * Reasoning models put drafts inside <think>...</think>; those are not the answer. Their lines are
 * blanked (not removed, so line numbers in messages still match the response).
 */
function hideReasoning(lines: string[]): void {
  let inside = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!inside && /^\s*<(think|thinking|reasoning)>/i.test(line)) inside = true;
    if (inside) {
      const closes = /<\/(think|thinking|reasoning)>\s*$/i.test(line);
      lines[i] = '';
      if (closes) inside = false;
    }
  }
}

export function consume(context: ParseContext, from: number, to: number): void {
  for (let i = from; i <= to && i < context.consumed.length; i++) context.consumed[i] = true;
}

export function anyConsumed(context: ParseContext, from: number, to: number): boolean {
  for (let i = from; i <= to && i < context.consumed.length; i++) if (context.consumed[i]) return true;
  return false;
}
