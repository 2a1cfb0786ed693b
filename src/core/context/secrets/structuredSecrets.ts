import type { SecretFinding, SecretScanner } from './finding';

/**
 * Secrets recognised by their surroundings rather than their shape: private key blocks (also with
 * escaped newlines, as in a service-account JSON), passwords in URLs (with or without a user
 * name), `curl -u user:password`, `mysql -pSECRET`, and credentials after an HTTP auth scheme.
 * Only the secret itself is hidden: the key's BEGIN/END lines, the URL's host, the header's
 * scheme stay, so the model still understands the code.
 */

const pemBegin = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----/g;

export const privateKeyScanner: SecretScanner = (text) => {
  const found: SecretFinding[] = [];
  pemBegin.lastIndex = 0;
  for (let begin = pemBegin.exec(text); begin; begin = pemBegin.exec(text)) {
    let start = begin.index + begin[0].length;
    // The body starts after the line break: a real one, or `\n` written out inside a string.
    const escaped = /^(?:\\r)?\\n/.exec(text.slice(start, start + 4));
    if (escaped) start += escaped[0].length;
    const endMarker = text.indexOf(`-----END ${begin[1] ?? ''}PRIVATE KEY`, start);
    let end = endMarker < 0 ? text.length : endMarker; // no END: the key runs to the end of the text
    const tail = text.slice(Math.max(start, end - 4), end);
    const escapedTail = /(?:\\r)?\\n$/.exec(tail);
    if (escapedTail) end -= escapedTail[0].length;
    while (end > start && /[\s"'`]/.test(text[end - 1]!)) end--;
    while (start < end && /\s/.test(text[start]!)) start++;
    if (end > start) found.push({ start, end, kind: 'private key' });
    pemBegin.lastIndex = Math.max(pemBegin.lastIndex, end);
  }
  return found;
};

/** After `://`: `user:password@` or `:password@` (redis); the password is group 1. */
const userInfo = /[^\s:/?#@'"`<>]*:([^\s@/'"`<>]+)@/y;
/** `curl -u user:password`, `--user "user:password"`, `-u=user:password` (preceded by a blank, quote or paren). */
const userOption = /(?:-u|--user|--proxy-user)(?:[ \t]+|=)(["']?)[^\s:'"`]*:([^\s'"`,;)]+)\1/g;
/** `mysql -u root -pSECRET` (the password glued to -p). */
const mysqlPassword = /\bmysql(?:dump|admin|sh)?\b[^\n]*?\s-p([^\s'"`-][^\s'"`,;)]*)/g;
/** `Authorization: Bearer …`, `Basic …`, `token …`: credentials after an auth scheme. */
const authScheme = /\b(?:Bearer|Basic|Token|Digest|Bot|ApiKey)[ \t]+([A-Za-z0-9._~+/=-]{12,})/g;

export const credentialScanner: SecretScanner = (text) => {
  const found: SecretFinding[] = [];
  const collect = (pattern: RegExp, kind: string, accept: (value: string, index: number) => boolean = () => true) => {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const value = match[match.length - 1]!;
      if (!accept(value, match.index)) continue;
      const start = match.index + match[0].lastIndexOf(value);
      found.push({ start, end: start + value.length, kind });
    }
  };
  for (let at = text.indexOf('://'); at >= 0; at = text.indexOf('://', at + 3)) {
    userInfo.lastIndex = at + 3;
    const match = userInfo.exec(text);
    const value = match?.[1];
    if (!match || !value || !notPlaceholder(value) || /^\d{1,5}$/.test(value)) continue;
    const start = at + 3 + match[0].length - 1 - value.length;
    found.push({ start, end: start + value.length, kind: 'password in a URL' });
  }
  collect(userOption, 'password in a command line', (value, index) => notPlaceholder(value) && (index === 0 || /[\s'"`(]/.test(text[index - 1]!)));
  collect(mysqlPassword, 'password in a command line', notPlaceholder);
  // A word after "Bearer" in prose ("Basic authentication") is not a credential: it needs a digit, a symbol or length.
  collect(authScheme, 'authorization header', (value) => notPlaceholder(value) && (/[\d+/=_.~-]/.test(value) || value.length >= 16));
  return found;
};

/** Not a variable, a template, a `<placeholder>` or a word that stands for a password in documentation. */
function notPlaceholder(value: string): boolean {
  return !/^(?:\$|\{\{|<|%|\[REDACTED\])/.test(value) && !/^(?:password|passwd|pass|secret|token|pwd|xxx+|\*+|\.\.\.)$/i.test(value);
}
