import { BlockScanner } from './blockScanner';
import { codeBlockHtml, renderMarkdown } from './markdown';

const blocksPerGroup = 24;

/**
 * Renders an answer while it streams. Finished blocks are rendered once (code highlighted) and
 * never touched again; only the unfinished tail is re-rendered per batch, and a code block that is
 * still open just gets the new text appended. The cost of a batch therefore depends on the size
 * of the tail, not of the whole answer: even the scanner only sees the tail (searching a long
 * concatenated string would make V8 copy all of it on every batch).
 */
export class StreamingMarkdown {
  /** Finished text, in the pieces it was frozen in. */
  private readonly done: string[] = [];
  /** Text not yet frozen; scanner coordinates are relative to it. */
  private text = '';
  private readonly scanner = new BlockScanner();
  private readonly tail: HTMLElement;
  /** Frozen blocks are grouped, so the layout of a long answer walks groups, not hundreds of blocks. */
  private group: HTMLElement | undefined;
  private openCode: { code: HTMLElement; appendedTo: number } | undefined;

  constructor(private readonly root: HTMLElement, initialText = '') {
    this.tail = document.createElement('div');
    this.tail.className = 'md-tail';
    root.append(this.tail);
    if (initialText) this.append(initialText);
  }

  get value(): string {
    return this.done.join('') + this.text;
  }

  append(delta: string): void {
    if (!delta) return;
    this.text += delta;
    this.scanner.scan(this.text);
    this.freezeTo(this.scanner.stableEnd);
    this.renderTail();
  }

  /** The answer is complete: the tail becomes a final, highlighted block. */
  finish(): void {
    this.freezeTo(this.text.length);
    this.tail.remove();
  }

  private freezeTo(end: number): void {
    if (end <= 0) return;
    const block = document.createElement('div');
    block.className = 'md-block';
    const finished = this.text.slice(0, end);
    block.innerHTML = renderMarkdown(finished, { highlight: true });
    if (!this.group || this.group.childElementCount >= blocksPerGroup) {
      this.group = document.createElement('div');
      this.group.className = 'md-group';
      this.root.insertBefore(this.group, this.tail);
    }
    this.group.append(block);
    this.done.push(finished);
    this.text = this.text.slice(end);
    this.scanner.rebase(end);
    this.openCode = undefined;
    this.tail.replaceChildren();
  }

  private renderTail(): void {
    const fence = this.scanner.fence;
    if (fence && fence.indent === 0 && fence.start === 0) {
      if (!this.openCode) {
        this.tail.innerHTML = codeBlockHtml('', fence.info, false);
        const code = this.tail.querySelector('code');
        if (!code) return;
        this.openCode = { code, appendedTo: fence.contentStart };
      }
      const more = this.text.slice(this.openCode.appendedTo);
      if (more) this.openCode.code.append(more);
      this.openCode.appendedTo = this.text.length;
      return;
    }
    this.openCode = undefined;
    this.tail.innerHTML = this.text ? renderMarkdown(this.text, { highlight: false }) : '';
  }
}
