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
}

export interface FimTemplate {
  family: FimFamily;
  /** The family as people know it, for logs and settings descriptions. */
  label: string;
  /** The raw prompt: sent as `prompt` with no `suffix` parameter. */
  render(parts: FimPromptParts): string;
  /** Stop sequences, most important first (some servers accept only four). */
  stop: readonly string[];
}
