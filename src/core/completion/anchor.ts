import { textBefore, textBetween } from './documentText';
import { isClosersOnly } from './text';
import type { CompletionDocument, Position } from './types';

/** How much text before the cursor identifies a place (cache key). */
export const anchorContextChars = 1_000;
/** How much of it is re-checked to confirm a remembered place is still intact. */
const verifyChars = 256;

/** A place in a document where a suggestion was asked for. */
export interface Anchor {
  uri: string;
  position: Position;
  /** Up to anchorContextChars characters before the position. */
  before: string;
  /** The rest of the line after the position. */
  lineSuffix: string;
}

export function captureAnchor(doc: CompletionDocument, position: Position): Anchor {
  return {
    uri: doc.uri,
    position,
    before: textBefore(doc, position, anchorContextChars),
    lineSuffix: doc.lineText(position.line).slice(position.character),
  };
}

/** Text after the cursor that only closes things (auto-inserted brackets, quotes) counts as the same. */
export function sameLineSuffix(a: string, b: string): boolean {
  return a === b || (isClosersOnly(a) && isClosersOnly(b));
}

/**
 * What the user typed since `anchor`, when the cursor is at or after it in the same document
 * and the text before the anchor is unchanged; undefined otherwise. At most `maxLines` line breaks.
 */
export function typedSince(anchor: Anchor, doc: CompletionDocument, position: Position, maxLines: number): string | undefined {
  if (anchor.uri !== doc.uri || anchor.position.line >= doc.lineCount) return undefined;
  const typed = textBetween(doc, anchor.position, position, maxLines);
  if (typed === undefined) return undefined;
  const now = textBefore(doc, anchor.position, verifyChars);
  return now === anchor.before.slice(-verifyChars) ? typed : undefined;
}
