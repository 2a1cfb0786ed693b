import type { CursorContext } from '../cursorContext';
import { isBlank } from '../text';

/**
 * True when the completion is not worth showing: empty or whitespace, a copy of the line above
 * or below the cursor (on a fresh line), or one line repeated.
 */
export function isUseless(text: string, cursor: CursorContext): boolean {
  const candidate = text.trim();
  if (candidate === '') return true;
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length >= 2 && lines.every((l) => l === lines[0])) return true;
  if (cursor.linePrefix.trim() !== '') return false;
  const above = [...cursor.linesAbove].reverse().find((l) => !isBlank(l))?.trim();
  const below = cursor.linesBelow.find((l) => !isBlank(l))?.trim();
  return candidate === above || candidate === below;
}
