/**
 * The lines of a text that can hold a token-shaped secret, joined into a smaller text, with the
 * way back to the original offsets. Rule sets made of token regexes (secretlint's preset, the
 * token shapes) then scan a few percent of a large file instead of all of it: one quick pass here
 * replaces some forty regex passes over the whole text.
 *
 * A line is kept when it has a run of token characters (letters, digits, `_+/=~-`) of 16 or more
 * with a digit in it, or of 20 or more without one. Key blocks and URLs with a password are found
 * on the whole text by their own scanners.
 * Tokens issued by services are random: one of 20+ characters without any digit is rare, and the
 * rules that need a name next to the value (assignments) or a URL scan the whole text anyway.
 */
export interface CandidateText {
  text: string;
  /** For each kept line: [offset in `text`, offset in the original], in order. */
  starts: number[];
}

const digitRun = 16;
const anyRun = 20;
/** 0: not a token character, 1: a token character, 2: a digit. */
const classOf = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  classOf[c] = /\d/.test(ch) ? 2 : /[A-Za-z_+/=~-]/.test(ch) ? 1 : 0;
}

export function candidateLines(text: string): CandidateText {
  const parts: string[] = [];
  const starts: number[] = [];
  let compactLength = 0;
  const isToken = (k: number) => {
    const c = text.charCodeAt(k);
    return c < 128 && classOf[c] !== 0;
  };
  // A run of 16 or more token characters covers a position that is a multiple of 16 past the
  // last non-token character seen: only those positions are looked at, and runs found there are
  // measured. Most of a code file is skipped 16 characters at a time.
  let i = digitRun - 1;
  while (i < text.length) {
    if (!isToken(i)) {
      i += digitRun;
      continue;
    }
    let start = i;
    while (start > 0 && isToken(start - 1)) start--;
    let end = i + 1;
    while (end < text.length && isToken(end)) end++;
    const length = end - start;
    let kept = length >= anyRun;
    for (let k = start; !kept && length >= digitRun && k < end; k++) kept = classOf[text.charCodeAt(k)] === 2;
    if (!kept) {
      i = end + digitRun;
      continue;
    }
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const newline = text.indexOf('\n', end);
    const lineEnd = newline < 0 ? text.length : newline;
    starts.push(compactLength, lineStart);
    parts.push(text.slice(lineStart, lineEnd));
    compactLength += lineEnd - lineStart + 1;
    i = lineEnd + digitRun;
  }
  return { text: parts.join('\n'), starts };
}

/** A range of the candidate text back in the original (clamped to its line). */
export function toOriginal(candidate: CandidateText, start: number, end: number): [number, number] {
  const { starts } = candidate;
  let low = 0;
  let high = starts.length / 2 - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid * 2]! <= start) low = mid;
    else high = mid - 1;
  }
  const compactLine = starts[low * 2]!;
  const original = starts[low * 2 + 1]!;
  const nextCompact = low * 2 + 2 < starts.length ? starts[low * 2 + 2]! - 1 : candidate.text.length;
  return [original + (start - compactLine), original + (Math.min(end, nextCompact) - compactLine)];
}
