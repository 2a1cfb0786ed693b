/**
 * The lines of a text that can hold a token-shaped secret, joined into a smaller text, with the
 * way back to the original offsets. Rule sets made of token regexes (secretlint's preset, the
 * token shapes) then scan a few percent of a large file instead of all of it: one quick pass here
 * replaces some forty regex passes over the whole text.
 *
 * A line is kept when it has a run of token characters (letters, digits, `_+/=~-`) of 16 or more
 * with a digit in it, or of 20 or more without one, or a `-----` (key blocks). URLs with a
 * password are found on the whole text by the credential scanner.
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
  let lineStart = 0;
  let run = 0;
  let digit = false;
  const keep = (end: number) => {
    starts.push(compactLength, lineStart);
    parts.push(text.slice(lineStart, end));
    compactLength += end - lineStart + 1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lineStart = i + 1;
      run = 0;
      digit = false;
      continue;
    }
    const cls = c < 128 ? classOf[c]! : 0;
    let kept: boolean;
    if (cls !== 0) {
      run++;
      if (cls === 2) digit = true;
      kept = run >= anyRun || (digit && run >= digitRun) || (c === 45 && text.startsWith('----', i + 1));
    } else {
      run = 0;
      digit = false;
      kept = false;
    }
    if (kept) {
      const end = text.indexOf('\n', i);
      keep(end < 0 ? text.length : end);
      if (end < 0) break;
      i = end - 1;
    }
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
