// The words the review shows for what is pending: status bar, Pending Changes view, CodeLens.

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** "3 changes pending in 2 files"; '' when nothing is pending. */
export function pendingSummary(pendingHunksPerFile: readonly number[]): string {
  const files = pendingHunksPerFile.filter((count) => count > 0);
  if (files.length === 0) return '';
  const hunks = files.reduce((sum, count) => sum + count, 0);
  return `${plural(hunks, 'change')} pending in ${plural(files.length, 'file')}`;
}

/** "2 of 3 pending" (of a file's hunks). */
export function fileProgress(pending: number, total: number): string {
  return `${pending} of ${total} pending`;
}

/** "2 of 5": a hunk's position in its file, 0-based index in. */
export function hunkPosition(index: number, total: number): string {
  return `${index + 1} of ${total}`;
}

/** The top-of-file summary: "2 pending", "all decided", plus a note when the file changed meanwhile. */
export function fileHeadline(pending: number, stale: boolean): string {
  const decided = pending === 0 ? 'all decided' : `${pending} pending`;
  return stale ? `${decided} · ⚠ file changed since the proposal` : decided;
}
