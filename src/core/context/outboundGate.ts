import type { RedactionResult } from './redact';

/**
 * The one gate for everything bound for a model: prompt context, tool results, MCP output. Every
 * path that gathers file content (imports, declarations, related files, closest test, rules files,
 * the agent's tools) asks `refusalFor` before reading, and passes what it sends through `redact`
 * on the whole text, before any cut to a budget (a multi-line secret cut in half is not found).
 */
export interface OutboundGate {
  /** Why this file must not be read into a prompt (ignored or sensitive), or undefined when it may. A trailing '/' asks about a folder. */
  refusalFor(relativePath: string): string | undefined;
  /** Secrets in `text` replaced; `source` helps choose rules (config files redact unquoted values). */
  redact(text: string, source?: { path?: string; languageId?: string }): RedactionResult;
}
