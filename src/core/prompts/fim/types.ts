import type { FimFamily } from './families';

/** A piece of another file that helps the model (a definition it will call, a sibling test). */
export interface FimSnippet {
  /** Workspace-relative path, '/'-separated. */
  path: string;
  text: string;
}

export interface FimPromptParts {
  /** Text before the cursor (already cut to its budget, secrets redacted). */
  prefix: string;
  /** Text after the cursor. */
  suffix: string;
  /** Workspace-relative path of the file being edited, when known. */
  path?: string;
  /** Workspace (repository) name, for families trained with one. */
  repoName?: string;
  snippets: readonly FimSnippet[];
  /** The language's line comment (`//`, `#`), for families that take related code as comments. */
  lineComment?: string;
  /**
   * The beginning of the middle: the cursor line up to the cursor, placed right after the middle
   * token (llama.cpp's /infill does the same with its `prompt`), `prefix` then ending at the
   * cursor line. Typing along a line then changes only the end of the prompt, and a server's
   * prompt cache keeps the prefix and the suffix. Only for templates with `splitsMiddle`.
   */
  middleStart?: string;
}

export interface FimTemplate {
  family: FimFamily;
  /** The family as people know it, for logs and settings descriptions. */
  label: string;
  /** The raw prompt: sent as `prompt` with no `suffix` parameter. */
  render(parts: FimPromptParts): string;
  /** Stop sequences, most important first (some servers accept only four). */
  stop: readonly string[];
  /** The format reads text after its middle token as the start of the answer (see FimPromptParts.middleStart). */
  splitsMiddle: boolean;
}
