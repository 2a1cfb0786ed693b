// A model's rewrite of one range of a file -> the file's new text (inline edit, refactor commands,
// Quick Fix, `tandem edit`), and the enclosing block to edit when nothing is selected.
export { rewriteRange, type RangeEditTarget, type RewriteResult, type RewriteFailure } from './rewriteRange';
export { runRangeEdit, type RangeEditBackend, type RangeEditHooks, type RangeEditOutcome } from './runRangeEdit';
export { extractCode, streamedCodeLines, type ExtractedCode } from './extractCode';
export { fitToRange, type FitInput, type FittedCode } from './fitToRange';
export { findEnclosingBlock, extendToLeadingComments, type EnclosingBlock, type EnclosingBlockOptions } from './enclosingBlock';
export { DocumentLines, describeLines, type LineRange } from './lineRange';
export { rebaseOnCurrent, type Rebased } from './staleDocument';
export { redactedValues, restoreRedacted } from './redactedValues';
export { mapRange, pendingRange } from './pendingRange';
