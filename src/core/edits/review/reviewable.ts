/** Texts above this size are not reviewed: rendering and diffing them would stall the editor. */
export const MAX_REVIEW_BYTES = 5 * 1024 * 1024;

/**
 * Why a text cannot be reviewed (too large, or binary: it contains NUL characters), as a sentence
 * naming `what`; undefined when it can be.
 */
export function unreviewableReason(text: string, what: string): string | undefined {
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so most texts are decided without counting.
  const bytes = text.length * 3 <= MAX_REVIEW_BYTES ? 0 : Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_REVIEW_BYTES) return `${what} is ${(bytes / 1024 / 1024).toFixed(1)} MB; Tandem reviews files up to ${MAX_REVIEW_BYTES / 1024 / 1024} MB, so the change was not applied.`;
  if (text.includes('\0')) return `${what} looks binary (it contains NUL characters); Tandem only reviews text, so the change was not applied.`;
  return undefined;
}
