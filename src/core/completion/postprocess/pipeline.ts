import type { CursorContext } from '../cursorContext';
import { StopDetector } from '../earlyStop';
import { StreamCleaner } from '../streamCleaner';
import { applyEditorIndentation, withoutDoubledSpace } from './editorIndentation';
import { balanceBrackets } from './balanceBrackets';
import { isUseless } from './dropUseless';
import { fitToLineSuffix, type Insertion } from './lineSuffixFit';
import { trimSuffixOverlap } from './suffixOverlap';

export interface PipelineOptions {
  /** The output came from the chat fallback (fences, echoes to remove). */
  chat: boolean;
  maxLines: number;
}

/**
 * The completion text a model's whole output stands for, or undefined when nothing is worth
 * showing: stop rules (the same as while streaming), indentation, brackets, suffix overlap,
 * useless results. The line-suffix fit (`toInsertion`) comes after, per cursor position.
 */
export function finishCompletion(cleaned: string, cursor: CursorContext, maxLines: number): string | undefined {
  const stop = new StopDetector(cursor, maxLines).update(cleaned, true);
  let text = stop ? cleaned.slice(0, stop.at) : cleaned;
  text = trimTrailingWhitespace(text);
  text = applyEditorIndentation(withoutDoubledSpace(text, cursor), cursor);
  text = balanceBrackets(text, cursor);
  text = trimTrailingWhitespace(trimSuffixOverlap(text, cursor));
  return isUseless(text, cursor) ? undefined : text;
}

/** The item for a finished completion at the cursor, or undefined when fitting leaves nothing. */
export function toInsertion(text: string, cursor: Pick<CursorContext, 'linePrefix' | 'lineSuffix'>): Insertion | undefined {
  const insertion = fitToLineSuffix(text, cursor);
  return insertion.insertText.trim() === '' && insertion.replaceLength === 0 ? undefined : insertion;
}

/** Raw model output to the item: what the engine does after a stream, in one call (golden tests). */
export function completionFromModelOutput(raw: string, cursor: CursorContext, options: PipelineOptions): Insertion | undefined {
  const cleaner = new StreamCleaner(options.chat, cursor.linePrefix);
  cleaner.push(raw);
  const text = finishCompletion(cleaner.view(true).text, cursor, options.maxLines);
  return text === undefined ? undefined : toInsertion(text, cursor);
}

/** Trailing blank lines and the last line's trailing spaces go; a model's final newline means nothing. */
export function trimTrailingWhitespace(text: string): string {
  return text.replace(/\s+$/, '');
}
