export { redactSecrets, redactionMark, type RedactionOptions, type RedactionResult } from './redact';
export type { OutboundGate } from './outboundGate';
export { nodeOutboundGate } from './nodeOutboundGate';
export { createIgnoreMatcher, eitherIgnores, sensitiveFilePatterns, type IgnoreMatcher } from './ignoreRules';
export { lineCommentFor } from './commentSyntax';
export { importSpecifiers } from './importSpecifiers';
export type { FileRelation, RelatedContextSource, RelatedFile, RelatedFilesQuery } from './relatedFiles';
export { SnippetSelector, identifiers, type SelectedSnippet } from './snippetSelection';
export { charsPerToken, completionBudget, type CompletionBudget, type CompletionBudgetInput } from './promptBudget';
