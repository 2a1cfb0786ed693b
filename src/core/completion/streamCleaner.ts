import { cleanChatOutput, heldBackFrom, stripTemplateTokens } from '../prompts/fim';
import type { CursorContext } from './cursorContext';
import { cutAtControlToken } from './postprocess/controlTokens';
import { withoutEchoedLinesAbove, withoutRetypedLinePrefix } from './postprocess/echo';
import { unfence } from './postprocess/fimFence';

export interface CleanView {
  /** The completion so far, as safe to show: template tokens removed, chat wrapping removed. */
  text: string;
  /** The model signalled the end (an end token, a closing fence): stop reading. */
  ended: boolean;
}

/** What the cleaner knows about the cursor: the language and the lines a model may echo. */
export type CleanerCursor = Pick<CursorContext, 'languageId' | 'linePrefix' | 'linesAbove'>;

/**
 * Turns raw streamed output into completion text as chunks arrive. A tail that could be the start
 * of a template token (`<|fim_`) is held back until the next chunk decides it. Beyond template
 * tokens: other control tokens end the answer, a FIM answer's Markdown fence goes, and lines the
 * model re-typed (the line above the cursor, the start of the cursor line) go.
 */
export class StreamCleaner {
  private raw = '';
  private readonly linePrefix: string;
  /** Undefined when only the line prefix is known: template tokens and chat wrapping are all it removes. */
  private readonly cursor: CleanerCursor | undefined;

  constructor(private readonly chat: boolean, cursor: string | CleanerCursor) {
    this.cursor = typeof cursor === 'string' ? undefined : cursor;
    this.linePrefix = typeof cursor === 'string' ? cursor : cursor.linePrefix;
  }

  push(chunk: string): void {
    this.raw += chunk;
  }

  view(final: boolean): CleanView {
    const normalised = this.raw.includes('\r') ? this.raw.replace(/\r\n?/g, '\n') : this.raw;
    const visible = final ? normalised : normalised.slice(0, heldBackFrom(normalised));
    const tokens = stripTemplateTokens(visible);
    const cursor = this.cursor;
    const languageId = cursor?.languageId ?? 'plaintext';
    const cut = cutAtControlToken(tokens.text, languageId);
    const beforeToken = { text: cut, ended: tokens.ended || cut.length < tokens.text.length };
    if (this.chat) {
      const chat = cleanChatOutput(beforeToken.text, this.linePrefix, final || beforeToken.ended);
      return { text: cursor ? withoutEchoedLinesAbove(chat.text, cursor.linePrefix, cursor.linesAbove) : chat.text, ended: beforeToken.ended || chat.ended };
    }
    if (!cursor) return beforeToken;
    const fenced = unfence(beforeToken.text, languageId, final || beforeToken.ended);
    const text = withoutRetypedLinePrefix(withoutEchoedLinesAbove(fenced.text, cursor.linePrefix, cursor.linesAbove), cursor.linePrefix);
    return { text, ended: beforeToken.ended || fenced.ended };
  }
}
