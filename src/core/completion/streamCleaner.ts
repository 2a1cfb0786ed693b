import { cleanChatOutput, heldBackFrom, stripTemplateTokens } from '../prompts/fim';

export interface CleanView {
  /** The completion so far, as safe to show: template tokens removed, chat wrapping removed. */
  text: string;
  /** The model signalled the end (an end token, a closing fence): stop reading. */
  ended: boolean;
}

/**
 * Turns raw streamed output into completion text as chunks arrive. A tail that could be the start
 * of a template token (`<|fim_`) is held back until the next chunk decides it.
 */
export class StreamCleaner {
  private raw = '';

  constructor(private readonly chat: boolean, private readonly linePrefix: string) {}

  push(chunk: string): void {
    this.raw += chunk;
  }

  view(final: boolean): CleanView {
    const normalised = this.raw.includes('\r') ? this.raw.replace(/\r\n?/g, '\n') : this.raw;
    const visible = final ? normalised : normalised.slice(0, heldBackFrom(normalised));
    const tokens = stripTemplateTokens(visible);
    if (!this.chat) return tokens;
    const chat = cleanChatOutput(tokens.text, this.linePrefix, final || tokens.ended);
    return { text: chat.text, ended: tokens.ended || chat.ended };
  }
}
