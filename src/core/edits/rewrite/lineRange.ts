import { splitText, type LineText } from '../text/lineText';

/** Whole lines [start, end) of a document, 0-based. */
export interface LineRange {
  start: number;
  end: number;
}

/** "line 4" or "lines 4-9" (1-based, for people). */
export function describeLines(range: LineRange): string {
  const first = range.start + 1;
  const last = Math.max(first, range.end);
  return first === last ? `line ${first}` : `lines ${first}-${last}`;
}

/** A document split into lines with the terminators needed to put it back together byte for byte. */
export class DocumentLines {
  readonly text: LineText;

  constructor(readonly source: string) {
    this.text = splitText(source);
  }

  get lines(): readonly string[] {
    return this.text.lines;
  }

  /** The range's lines, without terminators. */
  slice(range: LineRange): string[] {
    return this.text.lines.slice(range.start, range.end);
  }

  /**
   * The document with `range` replaced by `lines`. New lines get the document's usual terminator;
   * the range's last terminator is kept (none for the last line of a file without final newline),
   * and so are the BOM and every line outside the range. An empty document gets a final newline.
   */
  replace(range: LineRange, lines: readonly string[]): string {
    const { bom, lines: all, eols, eol } = this.text;
    let out = bom ? '\uFEFF' : '';
    for (let i = 0; i < range.start; i++) out += all[i]! + eols[i]!;
    if (lines.length > 0) out += lines.join(eol) + (range.end > range.start ? eols[range.end - 1]! : eol);
    for (let i = range.end; i < all.length; i++) out += all[i]! + eols[i]!;
    return out;
  }
}
