// Code review of a diff: the diff read per file, the prompt, the model's findings read leniently,
// the precision rules that keep only findings on changed lines, fixes checked through the edit
// engine, SARIF. Used by the CLI (`tandem review`) and src/features/review; never imports 'vscode'.
export * from './types';
export { parseUnifiedDiff, type DiffHunk, type DiffLine, type FileDiff, type FileStatus } from './diffParse';
export { summaryReason } from './fileKinds';
export { parseReviewReply, type ParsedReply, type RawFinding } from './parseReply';
export { replyFormatInstructions } from './replyFormat';
export { anchorFindings, applyPrecisionRules, type PrecisionOptions } from './precision';
export { checkFix, type FixCheck } from './fixes';
export { reviewDiff, type ReviewBackend, type ReviewInput, type ReviewResult } from './runReview';
export { toSarif, formatFindingLine, type SarifOptions } from './sarif';
