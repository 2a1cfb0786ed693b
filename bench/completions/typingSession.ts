import type { CompletionItem, Position } from '../../src/core/completion';
import { EditorDocument } from './editorDocument';

export interface Trace {
  source: string;
  languageId: string;
  interKeyMs: number;
  region: { startLine: number; endLine: number };
  events: Array<['k' | 'tab' | 'typo' | 'bs', number]>;
}

/**
 * The document a trace types into and the text the typist means to write: the trace's region is
 * cut out of the source file and typed back, line breaks with the editor's auto-indent.
 */
export class TypingSession {
  readonly document: EditorDocument;
  position: Position;
  /** The suggestion on screen, and the document version it was shown for. */
  shown: { item: CompletionItem; version: number } | undefined;
  private readonly target: string;
  private typed = 0;
  private typo = false;
  private readonly after: string;
  private readonly sourceLines: string[];

  constructor(trace: Trace, sourceText: string) {
    this.sourceLines = sourceText.split('\n');
    const { startLine, endLine } = trace.region;
    const region = this.sourceLines.slice(startLine, endLine);
    const indent = /^\s*/.exec(region[0] ?? '')?.[0] ?? '';
    const lines = [...this.sourceLines.slice(0, startLine), indent, ...this.sourceLines.slice(endLine)];
    const extension = trace.languageId === 'python' ? 'py' : 'ts';
    this.document = new EditorDocument(lines, `file:///bench/${trace.source}`, trace.languageId, `src/bench.${extension}`);
    this.position = { line: startLine, character: indent.length };
    this.target = region.join('\n').slice(indent.length);
    this.after = this.sourceLines.slice(endLine).join('\n');
  }

  get done(): boolean {
    return this.typed >= this.target.length;
  }

  /** One keystroke: the next character, or Enter with the next line's indentation. */
  typeNext(): void {
    const ch = this.target[this.typed] ?? '';
    if (ch === '\n') {
      const indent = /^[ \t]*/.exec(this.target.slice(this.typed + 1))?.[0] ?? '';
      this.insert(`\n${indent}`);
    } else this.insert(ch);
  }

  /** A wrong character (the typist will delete it with the next key). */
  typeTypo(): void {
    this.position = this.document.insert(this.position, '~');
    this.shown = undefined;
    this.typo = true;
  }

  /** Backspace over the typo. */
  backspace(): boolean {
    if (!this.typo) return false;
    this.position = this.document.deleteBefore(this.position);
    this.shown = undefined;
    this.typo = false;
    return true;
  }

  /** Tab: accepts the suggestion on screen if it is what the typist means to write. */
  acceptShown(): CompletionItem | undefined {
    const shown = this.shown;
    if (!shown || shown.version !== this.document.version) return undefined;
    const { item } = shown;
    const replaces = item.range.end.character - item.range.start.character;
    if (replaces !== 0 || !this.target.startsWith(item.insertText, this.typed)) return undefined;
    this.insert(item.insertText);
    return item;
  }

  /**
   * What a good model would continue with here: the intended text, running on past where the
   * suggestion should end, as models do (the engine's stop rules must find the end).
   */
  rightContinuation(): string {
    return firstLines(`${this.target.slice(this.typed)}\n${this.after}`, 12);
  }

  /** A plausible wrong suggestion: code from elsewhere in the file. */
  wrongContinuation(random: () => number): string {
    const line = Math.floor(random() * (this.sourceLines.length - 4));
    return firstLines(this.sourceLines.slice(line, line + 4).join('\n').trimStart(), 4);
  }

  private insert(text: string): void {
    this.position = this.document.insert(this.position, text);
    this.typed += text.length;
    this.shown = undefined;
  }
}

function firstLines(text: string, count: number): string {
  return text.split('\n').slice(0, count).join('\n').slice(0, 800);
}
