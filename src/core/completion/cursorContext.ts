import { completionMode, type CompletionMode } from './completionMode';
import { linesAfter, linesBefore } from './documentText';
import type { CompletionRequest, EditorIndentation } from './types';

/** Lines either side of the cursor that the filters look at (block ends, suffix overlap, repetition). */
const nearbyLines = 30;

/** Everything the early-stop rules and post-processing filters know about where the cursor is. */
export interface CursorContext {
  languageId: string;
  mode: CompletionMode;
  /** The cursor line up to the cursor. */
  linePrefix: string;
  /** The cursor line after the cursor. */
  lineSuffix: string;
  /** Lines above the cursor line, nearest last. */
  linesAbove: readonly string[];
  /** Lines below the cursor line, nearest first. */
  linesBelow: readonly string[];
  indentation: EditorIndentation;
}

export function captureCursorContext(request: CompletionRequest): CursorContext {
  const { document, position } = request;
  const line = document.lineText(position.line);
  const linePrefix = line.slice(0, position.character);
  const lineSuffix = line.slice(position.character);
  return {
    languageId: document.languageId,
    mode: completionMode(linePrefix, lineSuffix),
    linePrefix,
    lineSuffix,
    linesAbove: linesBefore(document, position.line, nearbyLines),
    linesBelow: linesAfter(document, position.line, nearbyLines),
    indentation: request.indentation,
  };
}
