// The edit engine: model output -> edit plan -> matching ladder -> new file text -> hunks for review.
// Used by the review UI (src/features/edit) and the CLI (`tandem apply`); never imports 'vscode'.
export type * from './types';
export { parseEditResponse, type ParseOptions } from './parse/parseEditResponse';
export { editFromCodeBlock } from './parse/codeBlockEdit';
export { isElisionLine } from './parse/elision';
export { applyFileEdit } from './apply/applyFileEdit';
export { applyEditPlan, type ReadFile } from './apply/applyEditPlan';
export { rebase, threeWayMerge, overlaps, type MergeResult } from './apply/rebase';
export { computeHunks, applyHunks, type Hunk, type HunkOptions } from './diff/hunks';
export { formatUnifiedDiff, type UnifiedDiffOptions } from './diff/unifiedDiff';
export { diffLineArrays, type ChangeRegion, type LineDiffOptions } from './diff/lineDiff';
export { describeFailures } from './feedback/describeFailures';
export { resolveUnderRoot, checkRealPath, type SafePath } from './paths/safePath';
export { stripEol } from './text/lineText';
