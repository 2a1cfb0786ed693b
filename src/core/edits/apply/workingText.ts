import { hasFinalNewline, splitText, type LineText } from '../text/lineText';
import { LineIndex } from '../match/lineIndex';
import { lineKeyOf, type LineKey, type MatchTarget } from '../match/target';
import { isBlank } from '../text/normalize';

/** A line of new text: kept from the file (with its own terminator) or written by the model. */
export interface OutputLine {
  text: string;
  /** The terminator of the file line it came from; new lines get the file's usual one. */
  eol?: string;
}

/**
 * The file being edited, as lines. Blocks replace line ranges in turn; `toString` writes it back
 * with the original BOM, line terminators and final-newline convention.
 */
export class WorkingText implements MatchTarget {
  readonly bom: boolean;
  readonly eol: '\n' | '\r\n';
  readonly finalNewline: boolean;
  lines: string[];
  /** Each line's own terminator; undefined while every line ends in `eol` (most files: no array to keep in step). */
  private eols: string[] | undefined;
  /** Keys per kind and the index of lines, made on first use and kept in step by `replace`: later blocks reuse them. */
  private readonly keyCache = new Map<LineKey, string[]>();
  private readonly index = new LineIndex(() => this.lines);
  private readonly trimmedIndex = new LineIndex(() => this.keys('trim'));

  /** Takes over `original`'s arrays (callers pass a fresh split). */
  constructor(original: LineText, finalNewline = hasFinalNewline(original)) {
    this.bom = original.bom;
    this.eol = original.eol;
    this.lines = original.lines;
    const last = original.eols.length - 1;
    this.eols = original.eols.every((eol, i) => eol === original.eol || (i === last && eol === '')) ? undefined : original.eols;
    // A new or empty file gets a final newline, as editors and formatters expect.
    this.finalNewline = original.lines.length === 0 ? true : finalNewline;
  }

  static of(text: string): WorkingText {
    return new WorkingText(splitText(text));
  }

  /** Lines [start, end) as a text of their own (for merging a block into just that part). */
  slice(start: number, end: number): WorkingText {
    const lines = this.lines.slice(start, end);
    return new WorkingText({ bom: false, lines, eols: this.eols?.slice(start, end) ?? lines.map(() => this.eol), eol: this.eol }, true);
  }

  /** The file line at `index` as an output line that keeps its terminator. */
  keep(index: number): OutputLine {
    return { text: this.lines[index]!, eol: this.eols?.[index] ?? this.eol };
  }

  keys(kind: LineKey): readonly string[] {
    let keys = this.keyCache.get(kind);
    if (!keys) this.keyCache.set(kind, (keys = this.lines.map((line) => lineKeyOf(kind, line))));
    return keys;
  }

  positions(value: string, by: 'exact' | 'trim' = 'exact'): readonly number[] {
    return (by === 'trim' ? this.trimmedIndex : this.index).positions(value);
  }

  estimate(value: string): number {
    return this.index.estimate(value);
  }

  replace(start: number, end: number, replacement: readonly OutputLine[]): void {
    const texts = replacement.map((line) => line.text);
    // Lines from elsewhere with another terminator make the file mixed: from then on each line keeps its own.
    const ownEols = replacement.some((line) => line.eol !== undefined && line.eol !== '' && line.eol !== this.eol);
    if (!this.eols && ownEols) this.eols = this.lines.map(() => this.eol);
    this.lines.splice(start, end - start, ...texts);
    this.eols?.splice(start, end - start, ...replacement.map((line) => line.eol ?? ''));
    for (const [kind, keys] of this.keyCache) keys.splice(start, end - start, ...texts.map((text) => lineKeyOf(kind, text)));
    this.index.replaced(start, end, texts.length);
    this.trimmedIndex.replaced(start, end, texts.length);
  }

  setAll(lines: readonly OutputLine[]): void {
    this.replace(0, this.lines.length, lines);
  }

  isBlank(): boolean {
    return this.lines.every(isBlank);
  }

  toString(): string {
    let out = this.bom ? '\uFEFF' : '';
    const last = this.lines.length - 1;
    for (let i = 0; i <= last; i++) {
      const eol = this.eols?.[i] || this.eol;
      out += this.lines[i]! + (i < last || this.finalNewline ? eol : '');
    }
    return out;
  }
}
