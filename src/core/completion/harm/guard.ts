import type { CursorContext } from '../cursorContext';
import { fitToLineSuffix } from '../postprocess/lineSuffixFit';
import { findHarm, type HarmKind, type Remedy } from './judge';

export type GuardOutcome = 'clean' | 'trimmed' | 'dropped';

export interface GuardResult {
  /** The completion as it may be shown; undefined when nothing of it is harmless. */
  text: string | undefined;
  outcome: GuardOutcome;
  /** What was found, in the order it was found. */
  harms: HarmKind[];
}

/** Each remedy shortens the text, so this bounds the rounds only against a judge bug. */
const maxRounds = 24;

/**
 * The last step before a suggestion is shown: the judge looks at it as the user would see it at
 * the cursor (fitted to the text after the cursor), and a harmful suggestion is trimmed to its
 * harmless part, or not shown.
 */
export function guardSuggestion(text: string, cursor: CursorContext): GuardResult {
  const harms: HarmKind[] = [];
  let current = text;
  for (let round = 0; round < maxRounds; round++) {
    const insertion = fitToLineSuffix(current, cursor);
    const harm = findHarm(current, insertion, cursor);
    if (!harm) return { text: current, outcome: harms.length > 0 ? 'trimmed' : 'clean', harms };
    harms.push(harm.kind);
    const next = applyRemedy(current, harm.remedy);
    if (next === undefined || next.trim() === '' || next.length >= current.length) return { text: undefined, outcome: 'dropped', harms };
    current = next;
  }
  return { text: undefined, outcome: 'dropped', harms };
}

function applyRemedy(text: string, remedy: Remedy): string | undefined {
  if ('drop' in remedy) return undefined;
  const next = 'text' in remedy ? remedy.text : text.split('\n').slice(0, remedy.keepLines).join('\n');
  return next.replace(/\s+$/, '');
}
