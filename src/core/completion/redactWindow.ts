import { redactJoined } from '../context/redact';
import type { CompletionDocument } from './types';

/** How far beyond the window to look for the start or end of a key block the window may sit in. */
const blockReach = 200;
/** A line of a key block's body: base64 only (also inside a string, with an escaped newline). */
const bodyLine = /^[ \t"'`]*[A-Za-z0-9+/=]{16,}(?:\\n)?["'`,]*[ \t]*$/;

/**
 * The prefix and suffix windows with their secrets redacted, judged with the lines around them:
 * a window that starts or ends inside a private key block has that block's lines redacted too
 * (the BEGIN line may be far above the window). Only the lines up to the block's marker are read.
 */
export function redactCompletionWindows(doc: CompletionDocument, firstLine: number, lastLine: number, prefix: string, suffix: string): { prefix: string; suffix: string; count: number } {
  // Only a window whose edge line is a key block's body line (base64 alone) can be inside one: then the lines beyond are read.
  const firstText = prefix.slice(0, prefix.indexOf('\n') < 0 ? prefix.length : prefix.indexOf('\n'));
  const lastText = suffix.slice(suffix.lastIndexOf('\n') + 1);
  const above: string[] = [];
  for (let line = firstLine - 1; bodyLine.test(firstText) && line >= Math.max(0, firstLine - blockReach); line--) {
    const text = doc.lineText(line);
    if (text.includes('-----END ')) break;
    above.push(text);
    if (text.includes('-----BEGIN ')) break;
  }
  const opened = above.length > 0 && above[above.length - 1]!.includes('-----BEGIN ');
  const below: string[] = [];
  for (let line = lastLine + 1; bodyLine.test(lastText) && line < Math.min(doc.lineCount, lastLine + 1 + blockReach); line++) {
    const text = doc.lineText(line);
    if (text.includes('-----BEGIN ')) break;
    below.push(text);
    if (text.includes('-----END ')) break;
  }
  const closed = below.length > 0 && below[below.length - 1]!.includes('-----END ');
  const [p, s] = redactJoined([prefix, suffix], { languageId: doc.languageId, ...(doc.relativePath ? { path: doc.relativePath } : {}) }, {
    ...(opened ? { before: above.reverse().join('\n') } : {}),
    ...(closed ? { after: below.join('\n') } : {}),
  });
  return { prefix: p!.text, suffix: s!.text, count: p!.count + s!.count };
}
