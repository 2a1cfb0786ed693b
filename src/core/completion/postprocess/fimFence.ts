/**
 * A FIM model (no chat fallback) sometimes answers in a Markdown fence, as if it were chatting:
 * "```ts\ncode\n```". Shown as is, the ghost text is the fence line alone (the rest stops at the
 * line break in single-line mode) or code wrapped in fences. The code between them is the answer.
 */
const fenceLine = /^[ \t]*(`{3,}|~{3,})[\w+#.-]*[ \t]*$/;
/** Languages whose text can hold fences legitimately. */
const fencedLanguages = new Set(['markdown', 'mdx', 'plaintext', 'restructuredtext', 'quarto', 'rmd']);

export interface UnfencedText {
  text: string;
  /** The closing fence arrived: the answer is complete. */
  ended: boolean;
}

/**
 * Removes an opening fence line and cuts at the closing one (or at any fence line when there was
 * no opening one). While streaming (`final` false), a first line that may still become a fence is
 * held back.
 */
export function unfence(text: string, languageId: string, final: boolean): UnfencedText {
  if (fencedLanguages.has(languageId)) return { text, ended: false };
  let body = text;
  const lead = /^(?:[ \t]*\n)*/.exec(body)?.[0] ?? '';
  const firstEnd = body.indexOf('\n', lead.length);
  const firstLine = body.slice(lead.length, firstEnd < 0 ? body.length : firstEnd);
  if (firstEnd < 0 && !final && /^[ \t]*[`~]{1,3}[\w+#.-]*$/.test(firstLine)) return { text: '', ended: false };
  if (fenceLine.test(firstLine)) body = firstEnd < 0 ? '' : body.slice(firstEnd + 1);
  const lines = body.split('\n');
  const complete = final ? lines.length : lines.length - 1;
  for (let i = 0; i < complete; i++) {
    if (fenceLine.test(lines[i] ?? '')) return { text: lines.slice(0, i).join('\n'), ended: true };
  }
  return { text: body, ended: false };
}
