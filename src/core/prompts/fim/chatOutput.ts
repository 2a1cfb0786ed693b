import { holeMarker } from './chatFallback';

/**
 * Chat models wrap code in fences, open with a sentence, or repeat the start of the current line
 * even when told not to. This turns their reply into the bare text for the hole.
 *
 * While streaming (`finished` false) the result holds only what is certain: the first line is held
 * back until it is complete, since only then can it be told apart from a sentence or a fence.
 */
export interface ChatOutputResult {
  text: string;
  /** A closing fence arrived: the code is complete even if the model keeps talking. */
  ended: boolean;
}

export function cleanChatOutput(reply: string, linePrefix: string, finished: boolean): ChatOutputResult {
  let text = reply.replace(/\r\n/g, '\n');
  if (!finished && !text.includes('\n')) return { text: '', ended: false };

  text = dropLeadingProse(text);
  let ended = false;
  const open = /^[ \t]*(`{3,})[\w+#.-]*[ \t]*(\n|$)/.exec(text);
  if (open) {
    text = text.slice(open[0].length);
    const close = new RegExp(`(^|\\n)[ \\t]*${open[1]}`).exec(text);
    if (close) {
      text = text.slice(0, close.index);
      ended = true;
    }
  }
  text = text.split(holeMarker).join('');
  return { text: withoutEcho(text, linePrefix), ended };
}

/** "Here is the completed code:" followed by the code: the sentence goes. */
function dropLeadingProse(text: string): string {
  const newline = text.indexOf('\n');
  const first = newline < 0 ? text : text.slice(0, newline);
  if (!looksLikeProse(first)) return text;
  return text.slice(newline + 1).replace(/^\s*\n/, '');
}

function looksLikeProse(line: string): boolean {
  const trimmed = line.trim();
  return /:$/.test(trimmed) && !/[(){}[\]=;<>]/.test(trimmed) && trimmed.split(/\s+/).length >= 3;
}

/** The model repeated what is already on the line before the cursor: keep only what is new. */
function withoutEcho(text: string, linePrefix: string): string {
  const echo = linePrefix.trim();
  if (echo.length < 2) return text;
  const start = text.length - text.trimStart().length;
  if (!text.startsWith(echo, start)) return text;
  const rest = text.slice(start + echo.length);
  // `const x = ` already ends in a space: do not add a second one.
  const spaceTyped = /[ \t]$/.test(linePrefix);
  return spaceTyped ? rest.replace(/^[ \t]/, '') : rest;
}
