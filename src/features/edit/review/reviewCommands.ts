// The review's command ids (also in package.json). Light: registerReview imports it at activation.
export const reviewCommands = {
  acceptHunk: 'tandem.review.acceptHunk',
  rejectHunk: 'tandem.review.rejectHunk',
  undoHunk: 'tandem.review.undoHunk',
  nextHunk: 'tandem.review.nextHunk',
  previousHunk: 'tandem.review.previousHunk',
  acceptAll: 'tandem.review.acceptAll',
  rejectAll: 'tandem.review.rejectAll',
  acceptFile: 'tandem.review.acceptFile',
  rejectFile: 'tandem.review.rejectFile',
  showDiff: 'tandem.review.showDiff',
  openFile: 'tandem.review.openFile',
  openNext: 'tandem.review.openNext',
} as const;

/** Context key: something is waiting for review (shows the Pending Changes view and the commands). */
export const pendingContextKey = 'tandem.review.pending';

/** Development builds only: opens a review of the model response on the clipboard (see devProposal). */
export const devProposeCommand = 'tandem.review.proposeFromClipboard';
export const devContextKey = 'tandem.review.devCommands';
