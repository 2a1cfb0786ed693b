const identifierPattern = /[A-Za-z_$][A-Za-z0-9_$]*/g;

/** Whether a UTF-16 code unit can be part of an identifier (ASCII letters, digits, `_`, `$`); NaN (out of range) cannot. */
export function isIdentifierChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
}

/** Whether `name` occurs as a whole identifier in `text` from offset `from` (a native scan: fast enough for every keystroke). */
export function hasIdentifierAfter(text: string, name: string, from: number): boolean {
  for (let at = text.indexOf(name, from); at >= 0; at = text.indexOf(name, at + 1)) {
    if (!isIdentifierChar(text.charCodeAt(at - 1)) && !isIdentifierChar(text.charCodeAt(at + name.length))) return true;
  }
  return false;
}

/** Words that every program uses: they name nothing worth looking up. */
const stopWords = new Set((
  'abstract and any as assert async await bool boolean break byte case catch char class const continue def default defer del delete do '
  + 'double elif else end enum except export extends false final finally float fn for from func function get go if impl implements import '
  + 'in int interface is lambda let long match mod module mut new nil none not null number object of or package pass private protected pub '
  + 'public raise readonly return self set short static str string struct super switch this throw throws true try type typeof undefined '
  + 'unsigned use using var void while with yield the a an to is it be on at by this that these those what how why where when which who '
  + 'does do can could should would will'
).split(' '));

/**
 * The parts of an identifier, lower-cased: `UserRepository` -> user, repository;
 * `parse_HTTPHeader2` -> parse, http, header2. Lets a question's words meet code's names.
 */
export function splitIdentifier(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.toLowerCase());
}

/** Search terms of a text: each identifier whole (lower-cased) and its parts, stop words left out. */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const match of text.matchAll(identifierPattern)) {
    const word = match[0];
    const lower = word.toLowerCase();
    if (word.length < 2 || stopWords.has(lower)) continue;
    terms.push(lower);
    const parts = splitIdentifier(word);
    if (parts.length > 1) for (const part of parts) if (part.length > 1 && !stopWords.has(part)) terms.push(part);
  }
  return terms;
}

/** Identifiers in a piece of code with the offset of each, stop words left out. */
export function identifierOccurrences(text: string): Array<{ name: string; index: number }> {
  const found: Array<{ name: string; index: number }> = [];
  for (const match of text.matchAll(identifierPattern)) {
    if (match[0].length > 1 && !stopWords.has(match[0])) found.push({ name: match[0], index: match.index });
  }
  return found;
}
