// Elision comments: how models mark code they left out of a file ("// ... existing code ...").

const COMMENT = /^\s*(?:\/\/+|#+|--|;+|%+|\/\*+|<!--|\{\/\*|\(\*)\s*(.*?)\s*(?:\*+\/\}?|-->|\*\))?\s*$/;
const DOTS = /^(?:\.{3,}|…)\s*|\s*(?:\.{3,}|…)$/g;
/** Said without dots, these can only mean "code left out here". */
const STRONG = /^(?:\(?(?:the\s+)?(?:rest|remainder)\s+of\b.*|existing\s+(?:code|imports?|methods?|functions?|content|implementation|logic|tests?|styles?|rules?|config(?:uration)?|fields?|properties|cases?|routes?|handlers?)\b.*|(?:keep|leave)\s+(?:the\s+)?existing\b.*|(?:code|content|everything|all|implementation)\s+(?:above|below|before|after|here\s+)?\s*(?:remains?|stays?|is|are)?\s*unchanged\b.*|unchanged(?:\s+(?:code|content|lines?|part))?|(?:\d+\s+)?(?:lines?|code)\s+(?:omitted|elided|unchanged|hidden)\b.*|omitted\s+for\s+brevity.*|same\s+as\s+(?:before|above)\b.*|no\s+changes?\b.*)$/i;
/** With dots, these too: "// ... other methods ...", "# ... previous imports". */
const WITH_DOTS = /^(?:\(?(?:other|remaining|previous|more|additional|same|rest|existing|unchanged|omitted|original|etc)\b.*|)$/i;

/**
 * Whether a line is an elision comment. Bare `...` counts except in Python, where it is code
 * (`def f(): ...`, stub bodies).
 */
export function isElisionLine(line: string, language = ''): boolean {
  const trimmed = line.trim();
  if (/^(?:\.{3}|…)$/.test(trimmed)) return !/^(?:py|python|pyi|python3)$/i.test(language);
  if (/^\{?\s*\/\*\s*(?:\.{3}|…)\s*\*\/\s*\}?$/.test(trimmed)) return true;
  const comment = COMMENT.exec(line);
  if (!comment) return false;
  const body = comment[1]!.trim();
  if (body.length > 80) return false;
  const hasDots = /^(?:\.{3}|…)|(?:\.{3}|…)$/.test(body);
  const words = body.replace(DOTS, '').replace(/[.:;,]+$/, '').trim();
  if (hasDots && words === '') return true;
  if (STRONG.test(words)) return true;
  return hasDots && WITH_DOTS.test(words);
}
