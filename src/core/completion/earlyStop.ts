import type { CursorContext } from './cursorContext';
import { endsWithBlockOpener } from './completionMode';
import { indentWidth, isBlank, significantLength, startsWithCloser } from './text';

export type StopReason = 'newline' | 'blockEnd' | 'repetition' | 'suffixDuplicate' | 'maxLines';

export interface StopDecision {
  /** Keep `text.slice(0, at)`. */
  at: number;
  reason: StopReason;
}

/** A repeated block must say at least this much: `}\n}` repeats legitimately, a copied statement does not. */
const minRepeatedChars = 10;
const maxRepeatedBlock = 4;
/** `} else {`, `else:`, `except ValueError:`: a block that ends only to continue. */
const continuation = /^[ \t]*(?:[)\]}][ \t]*)?(?:else|elif|except|finally|catch)\b/;

/**
 * Decides, while a completion streams in, where it should end, so the request can be stopped (its
 * socket closed) instead of paying for tokens nobody will see:
 * - single-line mode: at the first line break;
 * - multi-line: when the block ends (a line indented less than the cursor line; after a block
 *   opener, the line back at the opener's level, kept if it is the closing bracket), when lines
 *   start repeating, when the completion starts writing the code that already follows the
 *   cursor, or after `maxLines`.
 * Feed it the whole (cleaned) text each time; it only examines lines it has not seen.
 */
export class StopDetector {
  private readonly lines: string[] = [];
  private readonly lineStarts: number[] = [];
  private scanned = 0;
  private readonly baseIndent: number;
  private readonly opensBlock: boolean;
  private readonly nextSuffixLine: string | undefined;

  constructor(private readonly cursor: CursorContext, private readonly maxLines: number) {
    this.baseIndent = indentWidth(cursor.linePrefix, cursor.indentation.tabSize);
    this.opensBlock = endsWithBlockOpener(cursor.linePrefix);
    this.nextSuffixLine = cursor.linesBelow.find((line) => !isBlank(line))?.trimEnd();
  }

  update(text: string, final: boolean): StopDecision | undefined {
    if (this.cursor.mode === 'singleLine') {
      const newline = text.indexOf('\n');
      return newline >= 0 ? { at: newline, reason: 'newline' } : undefined;
    }
    for (;;) {
      const newline = text.indexOf('\n', this.scanned);
      const end = newline >= 0 ? newline : final && this.scanned < text.length ? text.length : -1;
      if (end < 0) return undefined;
      const decision = this.examine(text.slice(this.scanned, end), this.scanned);
      this.scanned = end + 1;
      if (decision) return decision;
      if (newline < 0) return undefined;
    }
  }

  private examine(line: string, start: number): StopDecision | undefined {
    const index = this.lines.length;
    this.lines.push(line);
    this.lineStarts.push(start);
    if (index === 0) return undefined; // the rest of the cursor line
    const before = { at: Math.max(0, start - 1), reason: 'blockEnd' as StopReason };
    if (index >= this.maxLines) return { ...before, reason: 'maxLines' };
    if (isBlank(line)) return undefined;

    if (this.nextSuffixLine !== undefined && line.trimEnd() === this.nextSuffixLine) return { ...before, reason: 'suffixDuplicate' };

    const width = indentWidth(line, this.cursor.indentation.tabSize);
    if (this.opensBlock && width <= this.baseIndent) {
      if (width === this.baseIndent && continuation.test(line) && endsWithBlockOpener(line)) return this.repetition();
      return startsWithCloser(line) ? { at: start + line.length, reason: 'blockEnd' } : before;
    }
    if (!this.opensBlock && width < this.baseIndent) return before;
    if (!this.opensBlock && this.baseIndent === 0 && width === 0 && index >= 2 && isBlank(this.lines[index - 1] ?? '')) {
      return before; // top level: a blank line, then the next declaration
    }
    return this.repetition();
  }

  /** The last k lines repeat the k before them: keep the first copy. */
  private repetition(): StopDecision | undefined {
    const n = this.lines.length;
    for (let k = 1; k <= maxRepeatedBlock && 2 * k <= n; k++) {
      let same = true;
      let said = 0;
      for (let i = 0; i < k && same; i++) {
        const a = this.lines[n - 1 - i] ?? '';
        same = a.trim() === (this.lines[n - 1 - k - i] ?? '').trim(); // line 0 has no indentation of its own
        said += significantLength(a);
      }
      if (same && said >= minRepeatedChars) return { at: Math.max(0, (this.lineStarts[n - k] ?? 0) - 1), reason: 'repetition' };
    }
    return undefined;
  }
}
