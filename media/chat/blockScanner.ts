/** A fenced code block that has opened but not closed yet. */
export interface OpenFence {
  /** Index of the opening line. */
  start: number;
  /** Index just after the opening line: where the code begins. */
  contentStart: number;
  info: string;
  marker: string;
  indent: number;
}

/**
 * Finds where a growing Markdown text can be cut into blocks that will never change again, so a
 * streamed answer renders each finished block once and re-renders only the unfinished tail.
 *
 * A cut is safe (rendering the parts separately gives the same result as rendering the whole):
 * - after a blank line, once the next line starts in column 0 (an indented line may still belong
 *   to a list item or code block above);
 * - before a code fence that opens in column 0 (a fence interrupts a paragraph anyway);
 * - after the line that closes such a fence: the code block is final and can be highlighted.
 * Only complete lines are examined; the text only ever grows.
 */
export class BlockScanner {
  /** Everything before this index is final. */
  stableEnd = 0;
  /** Set while the text ends inside a fence. */
  fence: OpenFence | undefined;
  private scannedTo = 0;
  private pendingCut: number | undefined;

  /** Examines the complete lines added since the last call. */
  scan(text: string): void {
    for (;;) {
      const newline = text.indexOf('\n', this.scannedTo);
      if (newline < 0) return;
      const lineStart = this.scannedTo;
      const lineEnd = newline + 1;
      this.scannedTo = lineEnd;
      this.line(text.slice(lineStart, newline), lineStart, lineEnd);
    }
  }

  private line(line: string, lineStart: number, lineEnd: number): void {
    if (this.fence) {
      if (closesFence(line, this.fence)) {
        const topLevel = this.fence.indent === 0;
        this.fence = undefined;
        if (topLevel) this.cut(lineEnd);
      }
      return;
    }
    if (/^\s*$/.test(line)) {
      this.pendingCut ??= lineEnd;
      return;
    }
    if (this.pendingCut !== undefined && /^\S/.test(line)) this.cut(this.pendingCut);
    this.pendingCut = undefined;
    const open = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(line);
    if (open && !(open[2]?.startsWith('`') && open[3]?.includes('`'))) {
      const indent = open[1]?.length ?? 0;
      this.fence = { start: lineStart, contentStart: lineEnd, info: (open[3] ?? '').trim(), marker: open[2] ?? '```', indent };
      if (indent === 0) this.cut(lineStart);
    }
  }

  /**
   * Drops the first `offset` characters from the coordinates (the caller keeps only the text after
   * them). Keeps each scan proportional to the new text, not to the whole answer.
   */
  rebase(offset: number): void {
    this.stableEnd -= offset;
    this.scannedTo -= offset;
    if (this.pendingCut !== undefined) this.pendingCut -= offset;
    if (this.fence) this.fence = { ...this.fence, start: this.fence.start - offset, contentStart: this.fence.contentStart - offset };
  }

  private cut(at: number): void {
    if (at > this.stableEnd) this.stableEnd = at;
  }
}

function closesFence(line: string, fence: OpenFence): boolean {
  const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  const marker = close?.[1];
  return marker !== undefined && marker[0] === fence.marker[0] && marker.length >= fence.marker.length;
}
