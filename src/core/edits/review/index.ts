// The review's pure logic (no vscode): the review document and its line map, decisions -> text,
// merging with the user's edits, and the words for what is pending. src/features/edit/review shows it.
export { renderReviewDocument, hunkAtLine, hunkForCursor, adjacentHunk, type HunkState, type ReviewDocument, type ReviewLine, type ReviewLineKind, type HunkPlacement } from './reviewDocument';
export { countDecisions, acceptedIds, decidedText, settledStatus, type DecisionCounts } from './decisions';
export { pendingSummary, fileProgress, hunkPosition, fileHeadline } from './summary';
export { unreviewableReason, MAX_REVIEW_BYTES } from './reviewable';
export { alignToDocument } from './alignText';
export { forgivenNote, placementNotes, hunkNotes, type PlacementNote } from './placementNotes';
export { mergeWithUserEdits, hunksTouchedByUser, type UserEditMerge } from './userEdits';
