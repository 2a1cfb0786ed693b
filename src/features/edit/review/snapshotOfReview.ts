import type { Review } from './fileReview';
import type { ReviewSnapshot } from './reviewSnapshot';

/** A review as the integration suite reads it: its files, their hunks and what the document shows. */
export function snapshotOfReview(review: Review): ReviewSnapshot {
  const plain = (lines: readonly string[]) => lines.map((line) => line.replace(/\r?\n$/, ''));
  return {
    id: review.id, title: review.title, origin: review.origin,
    files: review.files.map((file) => ({
      uri: file.uri.toString(), reviewUri: file.reviewUri.toString(), ...(file.label ? { label: file.label } : {}), created: file.created,
      ...(file.outcome ? { settled: { status: file.outcome.status, ...(file.outcome.message ? { message: file.outcome.message } : {}) } } : {}),
      stale: file.stale, text: file.document.text,
      hunks: file.document.hunks.map((placement) => {
        const hunk = file.hunks[placement.hunk]!;
        return { index: placement.hunk, state: placement.state, oldLines: plain(hunk.oldLines), newLines: plain(hunk.newLines), line: placement.anchorLine, touchedByUser: file.touched.has(placement.hunk) };
      }),
    })),
  };
}
