import type { CursorContext } from '../cursorContext';
import { StopDetector } from '../earlyStop';
import { StreamCleaner } from '../streamCleaner';
import { applyEditorIndentation, withoutDoubledSpace } from './editorIndentation';
import { balanceBrackets } from './balanceBrackets';
import { isUseless } from './dropUseless';
import { reindentPythonBody } from './pythonBody';
import { fitToLineSuffix, type Insertion } from './lineSuffixFit';
import { trimSuffixOverlap } from './suffixOverlap';
import { guardSuggestion, type GuardOutcome } from '../harm/guard';

export interface PipelineOptions {
  /** The output came from the chat fallback (fences, echoes to remove). */
  chat: boolean;
  maxLines: number;
}

/** A finished completion and what the harm guard did to it. */
export interface FinishedCompletion {
  text: string | undefined;
  /** `dropped` only when the guard dropped it (not when an earlier step found nothing worth showing). */
  guard: GuardOutcome | undefined;
}

/**
 * The completion text a model's whole output stands for, or undefined when nothing is worth
 * showing: stop rules (the same as while streaming), indentation, brackets, suffix overlap,
 * useless results, and last the harm guard. The line-suffix fit (`toInsertion`) comes after, per
 * cursor position (the guard judged the text fitted at this cursor).
 */
export function finishCompletion(cleaned: string, cursor: CursorContext, maxLines: number): string | undefined {
  return finishCompletionGuarded(cleaned, cursor, maxLines).text;
}

export function finishCompletionGuarded(cleaned: string, cursor: CursorContext, maxLines: number, onStep?: StepObserver): FinishedCompletion {
  const step = (name: string, next: string): string => {
    onStep?.(name, next);
    return next;
  };
  const stop = new StopDetector(cursor, maxLines).update(cleaned, true);
  let text = stop ? step(`stop: ${stop.reason}`, cleaned.slice(0, stop.at)) : cleaned;
  text = step('trailing whitespace', trimTrailingWhitespace(text));
  text = step('python body indentation', reindentPythonBody(text, cursor));
  text = step('indentation', applyEditorIndentation(withoutDoubledSpace(text, cursor), cursor));
  text = step('brackets', balanceBrackets(text, cursor));
  text = step('suffix overlap', trimTrailingWhitespace(trimSuffixOverlap(text, cursor)));
  if (isUseless(text, cursor)) return { text: undefined, guard: undefined };
  const guarded = guardSuggestion(text, cursor);
  if (guarded.outcome !== 'clean') onStep?.(`guard: ${guarded.outcome} (${[...new Set(guarded.harms)].join(', ')})`, guarded.text ?? '');
  return { text: guarded.text, guard: guarded.outcome };
}

/** Sees each step's result (`tandem complete --json` lists the steps that changed the text). */
export type StepObserver = (name: string, text: string) => void;

/** The item for a finished completion at the cursor, or undefined when fitting leaves nothing. */
export function toInsertion(text: string, cursor: Pick<CursorContext, 'linePrefix' | 'lineSuffix'>): Insertion | undefined {
  const insertion = fitToLineSuffix(text, cursor);
  return insertion.insertText.trim() === '' && insertion.replaceLength === 0 ? undefined : insertion;
}

/** Raw model output to the item: what the engine does after a stream, in one call (golden tests). */
export function completionFromModelOutput(raw: string, cursor: CursorContext, options: PipelineOptions): Insertion | undefined {
  const cleaner = new StreamCleaner(options.chat, cursor);
  cleaner.push(raw);
  const text = finishCompletion(cleaner.view(true).text, cursor, options.maxLines);
  return text === undefined ? undefined : toInsertion(text, cursor);
}

/** Trailing blank lines and the last line's trailing spaces go; a model's final newline means nothing. */
export function trimTrailingWhitespace(text: string): string {
  return text.replace(/\s+$/, '');
}
