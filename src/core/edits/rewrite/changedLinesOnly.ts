import { lineSimilarity } from '../text/similarity';
import { isBlank, leadingWhitespace } from '../text/normalize';

export type ChangedLinesOnly =
  /** The answer reads as the whole new range. */
  | { kind: 'whole' }
  /** The answer is only the rewritten version of some of the range's lines: `lines` is the range with them put in place. */
  | { kind: 'patched'; lines: string[]; replaced: { start: number; end: number } }
  | { kind: 'refuse'; reason: string };

/** A line of the answer counts as a rewrite of a range line this alike (spacing ignored). */
const minSimilarity = 0.6;
/** Only ranges this long, answered with at most a quarter of their lines, are suspected. */
const minSubjectLines = 5;

/**
 * Small models asked to rewrite a long range sometimes answer with just the line(s) they changed
 * (`let total = 0;` for a whole method), which would replace the whole range. Such an answer is a
 * few lines, each a close variant of one of the range's lines, in a row: it is put in place of
 * those lines. When the lines it rewrites cannot be told (several equally alike places), or it
 * repeats a few lines unchanged that would unbalance the range's brackets, it is refused rather
 * than guessed. An answer with a line unlike any of the range's is the new range.
 */
export function readChangedLinesOnly(reply: readonly string[], subject: readonly string[], balancedLike: (lines: readonly string[]) => boolean): ChangedLinesOnly {
  const answer = reply.filter((line) => !isBlank(line));
  const subjectLines = subject.filter((line) => !isBlank(line)).length;
  if (answer.length === 0 || subjectLines < minSubjectLines || answer.length * 4 > subjectLines) return { kind: 'whole' };
  if (answer.length !== reply.length) return { kind: 'whole' };
  const placements: Array<{ start: number; score: number }> = [];
  for (let start = 0; start + answer.length <= subject.length; start++) {
    let score = 0;
    let fits = true;
    for (let k = 0; k < answer.length && fits; k++) {
      const similarity = isBlank(subject[start + k]!) ? 0 : lineSimilarity(answer[k]!, subject[start + k]!);
      if (similarity < minSimilarity) fits = false;
      score += similarity;
    }
    if (fits) placements.push({ start, score });
  }
  if (placements.length === 0) return { kind: 'whole' };
  const unchanged = placements.some((p) => p.score === answer.length);
  if (unchanged) {
    // Lines of the range kept as they were: a real, shorter rewrite, unless they leave brackets open the range closed.
    if (balancedLike(answer)) return { kind: 'whole' };
    return {
      kind: 'refuse',
      reason: `The model answered with only ${answer.length} unchanged line(s) of the ${subject.length}-line range, which would leave its brackets unbalanced; nothing was proposed. Try again or rephrase the instruction.`,
    };
  }
  placements.sort((a, b) => b.score - a.score);
  const [best, second] = placements;
  if (second && best!.score - second.score < 0.05 * answer.length) {
    return {
      kind: 'refuse',
      reason: `The model answered with only ${answer.length} line(s) instead of the whole ${subject.length}-line range, and they could replace more than one place in it; nothing was proposed. Try again, or select just the line(s) to change.`,
    };
  }
  const start = best!.start;
  const patched = answer.map((line, k) => leadingWhitespace(subject[start + k]!) + line.trimStart());
  return {
    kind: 'patched',
    lines: [...subject.slice(0, start), ...patched, ...subject.slice(start + answer.length)],
    replaced: { start, end: start + answer.length },
  };
}
