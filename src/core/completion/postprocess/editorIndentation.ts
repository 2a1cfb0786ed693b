import { endsWithBlockOpener } from '../completionMode';
import type { CursorContext } from '../cursorContext';
import { indentWidth, isBlank, leadingWhitespace } from '../text';

/**
 * Makes the completion's indentation the editor's: tabs or spaces and tab size as the editor uses
 * them for this file (VS Code inserts an inline completion verbatim). Also removes indentation the
 * model repeated on the first line when the cursor already stands in the indentation.
 */
export function applyEditorIndentation(text: string, cursor: CursorContext): string {
  const { tabSize, insertSpaces } = cursor.indentation;
  const lines = text.split('\n');
  const converted = lines.map((line, i) => {
    if (i === 0 && cursor.linePrefix.trim() !== '') return line;
    const width = indentWidth(line, tabSize);
    const indent = insertSpaces ? ' '.repeat(width) : '\t'.repeat(Math.floor(width / tabSize)) + ' '.repeat(width % tabSize);
    return isBlank(line) ? line : indent + line.slice(leadingWhitespace(line).length);
  });
  return withoutDoubledFirstIndent(converted, cursor).join('\n');
}

/**
 * Cursor at `····|` and the model answers `····return x`: it did not see the indentation already
 * typed. The first line's indentation goes when keeping it would indent deeper than the line
 * above allows (its own level, one level more after a block opener).
 */
function withoutDoubledFirstIndent(lines: string[], cursor: CursorContext): string[] {
  const first = lines[0] ?? '';
  const typed = cursor.linePrefix;
  if (typed === '' || typed.trim() !== '' || leadingWhitespace(first) === '') return lines;
  const { tabSize } = cursor.indentation;
  const above = [...cursor.linesAbove].reverse().find((l) => !isBlank(l)) ?? '';
  const allowed = indentWidth(above, tabSize) + (endsWithBlockOpener(above) ? tabSize : 0);
  const typedWidth = indentWidth(typed, tabSize);
  if (typedWidth > allowed || typedWidth + indentWidth(first, tabSize) <= allowed) return lines;
  return [first.trimStart(), ...lines.slice(1)];
}

/** `return |` and the model answers ` user.id` (Code Llama often does): one space is enough. */
export function withoutDoubledSpace(text: string, cursor: CursorContext): string {
  const typedSpace = /[ \t]$/.test(cursor.linePrefix) && cursor.linePrefix.trim() !== '';
  return typedSpace && text.startsWith(' ') ? text.slice(1) : text;
}
