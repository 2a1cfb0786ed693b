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
  const scale = insertSpaces ? 1 : tabStopScale(lines, tabSize);
  const converted = lines.map((line, i) => {
    if (i === 0 && cursor.linePrefix.trim() !== '') return line;
    if (isBlank(line)) return line;
    const width = indentWidth(line, tabSize) * scale;
    // gofmt and friends: a tab-indented file has no spaces in its indentation. A width between two
    // tab stops is the model's slip; the nearer stop (the lower one on a tie) is meant.
    const indent = insertSpaces ? ' '.repeat(width) : '\t'.repeat(Math.round(width / tabSize - 0.01));
    return indent + line.slice(leadingWhitespace(line).length);
  });
  return withoutDoubledFirstIndent(converted, cursor).join('\n');
}

/**
 * A model that indents with two spaces in a file indented with tabs: its levels are two columns
 * apart, and each is one tab. The factor that puts its levels on tab stops (1 when they already
 * are, or when its step cannot be told).
 */
function tabStopScale(lines: readonly string[], tabSize: number): number {
  const widths = lines.slice(1).filter((l) => !isBlank(l) && !/^[ \t]*\*/.test(l) && !l.includes('\t')).map((l) => indentWidth(l, tabSize)).filter((w) => w > 0);
  if (widths.length < 2 || widths.every((w) => w % tabSize === 0)) return 1;
  const step = widths.reduce(gcd);
  // Only a model whose shallowest line is one of its steps shows its step; `····y` then `······z` is one level and an alignment.
  return step > 1 && step < tabSize && tabSize % step === 0 && Math.min(...widths) === step ? tabSize / step : 1;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Cursor at `····|` and the model answers `····return x`: it did not see the indentation already
 * typed. The first line's indentation goes when keeping it would indent deeper than the line
 * above allows (its own level, one level more after a block opener). When the lines after it are
 * indented from that too-deep first line (none is shallower), they move back by the same amount.
 */
function withoutDoubledFirstIndent(lines: string[], cursor: CursorContext): string[] {
  const first = lines[0] ?? '';
  const typed = cursor.linePrefix;
  if (typed === '' || typed.trim() !== '' || leadingWhitespace(first) === '') return lines;
  const { tabSize } = cursor.indentation;
  const above = [...cursor.linesAbove].reverse().find((l) => !isBlank(l)) ?? '';
  const allowed = indentWidth(above, tabSize) + (endsWithBlockOpener(above) ? tabSize : 0);
  const typedWidth = indentWidth(typed, tabSize);
  const extra = indentWidth(first, tabSize);
  if (typedWidth > allowed || typedWidth + extra <= allowed) return lines;
  const rest = lines.slice(1);
  const shallowest = Math.min(...rest.filter((l) => !isBlank(l)).map((l) => indentWidth(l, tabSize)));
  const shifted = rest.length > 0 && shallowest >= typedWidth + extra ? rest.map((l) => (isBlank(l) ? l : dedent(l, extra, cursor))) : rest;
  return [first.trimStart(), ...shifted];
}

function dedent(line: string, width: number, cursor: CursorContext): string {
  const { tabSize, insertSpaces } = cursor.indentation;
  const target = indentWidth(line, tabSize) - width;
  const indent = insertSpaces ? ' '.repeat(target) : '\t'.repeat(Math.floor(target / tabSize)) + ' '.repeat(target % tabSize);
  return indent + line.trimStart();
}

/** `return |` and the model answers ` user.id` (Code Llama often does): one space is enough. */
export function withoutDoubledSpace(text: string, cursor: CursorContext): string {
  const typedSpace = /[ \t]$/.test(cursor.linePrefix) && cursor.linePrefix.trim() !== '';
  return typedSpace && text.startsWith(' ') ? text.slice(1) : text;
}
