import { el } from '../dom';
import { AnsiParser } from './ansi';

/** Output kept per call in the page: the same cap as the extension's timeline (start and end). */
const headChars = 8_000;
const tailChars = 56_000;

/**
 * A command's output inside a tool card. It is kept as text and only turned into spans while the
 * card is open (a closed card of a 2 MB build costs a string, not a DOM); colours come from the
 * SGR codes as classes, the text always goes into text nodes.
 */
export class OutputView {
  readonly element = el('pre', { className: 'agent-output', attrs: { 'aria-label': 'Command output' } });
  private head = '';
  private tail = '';
  private omitted = 0;
  private rendered = false;
  private parser = new AnsiParser();

  get isEmpty(): boolean {
    return this.head === '' && this.tail === '';
  }

  /** Adds output; `omitted` counts characters the extension already dropped before this text. */
  append(text: string, omitted = 0): void {
    const before = this.omitted;
    this.omitted += omitted;
    let rest = text;
    if (this.tail === '' && this.omitted === 0 && this.head.length < headChars) {
      const room = headChars - this.head.length;
      this.head += rest.slice(0, room);
      rest = rest.slice(room);
    }
    if (rest) {
      const tail = this.tail + rest;
      const drop = Math.max(0, tail.length - tailChars);
      this.omitted += drop;
      this.tail = tail.slice(drop);
    }
    if (!this.rendered) return;
    // Something was dropped (the shown text must lose it too), or many small writes piled up.
    if (this.omitted !== before || this.element.childNodes.length > 2_000) this.render();
    else this.write(text);
  }

  /** Builds the spans (when the card opens). */
  show(): void {
    if (!this.rendered) this.render();
  }

  /** Drops the spans again (when the card closes). */
  hide(): void {
    this.rendered = false;
    this.element.replaceChildren();
  }

  text(): string {
    return this.omitted ? `${this.head}\n… ${this.omitted} characters not shown …\n${this.tail}` : this.head + this.tail;
  }

  private render(): void {
    this.rendered = true;
    this.element.replaceChildren();
    this.parser = new AnsiParser();
    this.write(this.head);
    if (this.omitted) {
      this.element.append(el('span', { className: 'agent-output-omitted', text: `\n… ${this.omitted.toLocaleString('en-US')} characters of output not shown …\n` }));
      this.parser = new AnsiParser(); // the dropped middle may have changed the colours
    }
    this.write(this.tail);
  }

  private write(text: string): void {
    if (!text) return;
    const fragment = document.createDocumentFragment();
    for (const segment of this.parser.feed(text)) {
      if (segment.classes.length === 0) fragment.append(document.createTextNode(segment.text));
      else fragment.append(el('span', { className: segment.classes.join(' '), text: segment.text }));
    }
    this.element.append(fragment);
  }
}
