/**
 * Special tokens of every FIM family. A model given the wrong template (or a server that does not
 * strip them) writes them out as text: "A wrong template shows as garbage". Tandem detects them in
 * any output, whatever template it sent, and removes them.
 *
 * - lead: a middle marker echoed at the very start: dropped, the text after it is the answer.
 * - filler: padding: dropped wherever it appears.
 * - end: everything else: the answer ends there (what follows is another file or a new prompt).
 */
const leadTokens = ['<|fim_middle|>', '<fim_middle>', '<｜fim▁end｜>', '<|fim▁end|>', '<MID>', '[MIDDLE]'];
const fillerTokens = ['<|fim_pad|>', '<fim_pad>'];
const endTokens = [
  '<|fim_prefix|>', '<|fim_suffix|>', '<|endoftext|>', '<|file_sep|>', '<|repo_name|>', '<|im_start|>', '<|im_end|>',
  '<fim_prefix>', '<fim_suffix>', '<file_sep>', '<repo_name>', '<filename>', '<gh_stars>',
  '<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜end▁of▁sentence｜>', '<｜begin▁of▁sentence｜>', '<|fim▁begin|>', '<|fim▁hole|>', '<|EOT|>',
  '<PRE>', '<SUF>', '<EOT>',
  '[PREFIX]', '[SUFFIX]',
  '<|file_separator|>', '<end_of_turn>', '<start_of_turn>', '<eos>',
];

const allTokens = [...leadTokens, ...fillerTokens, ...endTokens];
const leads = new Set(leadTokens);
const fillers = new Set(fillerTokens);
const escape = (token: string) => token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest first so that no token is found as a piece of a longer one.
const anyToken = new RegExp([...allTokens].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
const longestToken = Math.max(...allTokens.map((t) => t.length));

export interface TokenCleanResult {
  text: string;
  /** An end token was found: the model's answer is over. */
  ended: boolean;
}

/** Removes template tokens from a model's output (see the file comment for the rules). */
export function stripTemplateTokens(output: string): TokenCleanResult {
  anyToken.lastIndex = 0;
  if (!anyToken.test(output)) return { text: output, ended: false };
  let text = '';
  let from = 0;
  anyToken.lastIndex = 0;
  for (let match = anyToken.exec(output); match; match = anyToken.exec(output)) {
    const token = match[0];
    const before = output.slice(from, match.index);
    if (leads.has(token) && text.trim() === '' && before.trim() === '') {
      from = match.index + token.length;
      text = '';
      continue;
    }
    text += before;
    if (fillers.has(token) || leads.has(token)) {
      from = match.index + token.length;
      continue;
    }
    return { text, ended: true };
  }
  return { text: text + output.slice(from), ended: false };
}

/**
 * Where a token might be starting at the end of a streamed text (`...<|fim_` ): that tail must be
 * held back until the next chunk shows whether it is a token. Returns text.length when none.
 */
export function heldBackFrom(text: string): number {
  const start = Math.max(0, text.length - longestToken + 1);
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '<' && ch !== '[') continue;
    const tail = text.slice(i);
    if (allTokens.some((token) => token.length > tail.length && token.startsWith(tail))) return i;
  }
  return text.length;
}
