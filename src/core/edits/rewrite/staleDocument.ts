import { threeWayMerge } from '../apply/rebase';
import { describeLines, type LineRange } from './lineRange';

export type Rebased =
  | { ok: true; originalText: string; proposedText: string; moved: boolean }
  | { ok: false; reason: string };

/**
 * The user kept typing while the model answered. The proposal, made against `seen`, is merged
 * with the user's changes since (`current`) so it lands on the right lines; when both touched the
 * same lines it is refused, never guessed.
 */
export function rebaseOnCurrent(seen: string, proposed: string, current: string, range: LineRange): Rebased {
  if (seen === current) return { ok: true, originalText: current, proposedText: proposed, moved: false };
  const merged = threeWayMerge(seen, proposed, current);
  if (merged.ok) return { ok: true, originalText: current, proposedText: merged.text, moved: true };
  const { user } = merged.conflict;
  const yours = describeLines({ start: user.newStart, end: Math.max(user.newEnd, user.newStart + 1) });
  return {
    ok: false,
    reason: `You changed ${yours} while Tandem was rewriting ${describeLines(range)}, and the proposal touches the same lines; nothing was proposed. Run the edit again on the current text.`,
  };
}
