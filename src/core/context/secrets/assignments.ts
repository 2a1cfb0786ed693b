import type { SecretFinding, SecretScanner } from './finding';
import { secretStrength, type SecretStrength } from './secretNames';
import { looksRandom } from './entropy';

/**
 * Values assigned to secret-looking names, in any syntax: `password = "…"` (code), `"hmacKey": "…"`
 * (JSON), `encryption_key: …` and `- SECRET_KEY_BASE=…` (YAML, compose lists), `api_key = …`
 * (TOML, INI), `db.password=…` (properties), `export TOKEN=…` (env, shell), `ENV PASSWORD …`
 * (Dockerfile), `password = "…"` (Terraform), `<password>…</password>` (XML), `--password …`
 * (flags), `setProperty("password", "…")`, `X-Api-Key: …` headers, and `Password=…;`,
 * `AccountKey=…`, `?token=…&` inside connection strings and URLs.
 *
 * Found by searching for the secret words only, then reading the name around each hit and the
 * value after it: one cheap pass, however large the text. In code an unquoted value is an
 * expression (`password = input()`, `token = token`) and is never touched, unless it sits inside
 * a string or comment; in config files unquoted values count.
 */
const secretWord = /pass|pwd|pw\b|secret|token|key|auth|cred|salt|sig|dsn|cookie|pepper|nonce|seed|mnemonic|pin\b|hash|hmac/gi;

const nameChar = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45 || code === 46;

/** After a name: an optional type annotation (`password: string =`), then the operator. */
// The annotation needs a blank before its `=`: `key: c2VjcmV0=` is a base64 value, not a type.
const separator = /[ \t]*(?::[ \t]*[A-Za-z_$][\w$.<>[\]|]*[ \t]+(?==[^=>]))?(:=|\?=|=>|=(?![=~])|:(?![:=]))[ \t]*/y;
/** `setProperty("password", "…")`, `environ.setdefault('SECRET_KEY', '…')`. */
const argumentSeparator = /[ \t]*,[ \t]*(?=["'])/y;

export const assignmentScanner: SecretScanner = (text, context) => {
  const found: SecretFinding[] = [];
  secretWord.lastIndex = 0;
  for (let hit = secretWord.exec(text); hit; hit = secretWord.exec(text)) {
    let nameStart = hit.index;
    let nameEnd = hit.index + hit[0].length;
    while (nameStart > 0 && nameChar(text.charCodeAt(nameStart - 1))) nameStart--;
    while (nameEnd < text.length && nameChar(text.charCodeAt(nameEnd))) nameEnd++;
    secretWord.lastIndex = nameEnd;
    const name = text.slice(nameStart, nameEnd).replace(/^[.-]+|[.]+$/g, '');
    const strength = strengthOf(name);
    if (!strength) continue;
    const value = valueAfter(text, nameStart, nameEnd, context.config);
    if (!value || !acceptable(value.text, strength, value.quoted)) continue;
    found.push({ start: value.start, end: value.start + value.text.length, kind: `${strength === 'password' ? 'password' : 'secret'} assigned to ${name.length > 40 ? `${name.slice(0, 40)}…` : name}` });
    secretWord.lastIndex = Math.max(secretWord.lastIndex, value.start + value.text.length);
  }
  return found;
};

// Names repeat throughout a file (and across calls): each is judged once.
const strengths = new Map<string, SecretStrength | undefined>();
function strengthOf(name: string): SecretStrength | undefined {
  if (strengths.has(name)) return strengths.get(name);
  if (strengths.size > 20_000) strengths.clear();
  const strength = secretStrength(name);
  strengths.set(name, strength);
  return strength;
}

interface Value {
  start: number;
  text: string;
  quoted: boolean;
}

function valueAfter(text: string, nameStart: number, nameEnd: number, config: boolean): Value | undefined {
  const lineStart = text.lastIndexOf('\n', nameStart - 1) + 1;
  const before = text.slice(lineStart, nameStart);
  let position = nameEnd;
  const openQuote = before.slice(-1);
  let quotedName = false;
  // `"password":`, `'api_key' =>`, `\"token\":` (JSON inside a string): the name's closing quote.
  if ((openQuote === '"' || openQuote === "'") && text[position] === openQuote) {
    position++;
    quotedName = true;
  } else if (before.endsWith('\\"') && text.startsWith('\\"', position)) {
    position += 2;
    quotedName = true;
  }
  // `<password>value</password>` (the closing tag must follow: `expectTypeOf<Keys>()` is code)
  if (before.endsWith('<') && text[position] === '>') {
    const close = text.indexOf('<', position + 1);
    const lineEnd = lineEndAt(text, position);
    if (close < 0 || close > lineEnd || !text.startsWith(`</${text.slice(nameStart, nameEnd)}>`, close)) return undefined;
    return { start: position + 1, text: text.slice(position + 1, close).trim() ? text.slice(position + 1, close) : '', quoted: true };
  }
  separator.lastIndex = position;
  let match = separator.exec(text);
  if (!match && quotedName && /\(\s*["']$/.test(before)) {
    argumentSeparator.lastIndex = position;
    match = argumentSeparator.exec(text);
  }
  // `ENV PASSWORD value`, `ARG TOKEN=…`, `--password value`: a blank is the separator.
  const blankSeparated = !match && (/^[ \t]*(?:ENV|ARG)[ \t]+$/i.test(before) || /(?:^|\s)--?$/.test(before) || text[nameStart] === '-');
  if (!match && blankSeparated) {
    const blanks = /[ \t]+/y;
    blanks.lastIndex = position;
    match = blanks.exec(text);
  }
  if (!match) return undefined;
  position += match[0].length;
  const quoted = quotedValue(text, position);
  if (quoted) return quoted;
  if (quoted === null) return undefined;
  // An unquoted value: data in config files, strings and comments; an expression in code.
  // `AUTH_TOKEN=abc` alone on a line is a .env line pasted anywhere, unless its value is an expression.
  const envLine = match[1] === '=' && /^[ \t]*(?:export[ \t]+)?$/.test(before) && /^[A-Z][A-Z0-9_]*$/.test(text.slice(nameStart, nameEnd))
    && /^[^\s()[\]{};,'"`]+[ \t]*(?:#.*)?$/.test(text.slice(position, lineEndAt(text, position))) && !/^[A-Za-z_$][\w$]*\.[A-Za-z_$]/.test(text.slice(position));
  const inData = config || blankSeparated || envLine || insideStringOrComment(before);
  if (!inData) return undefined;
  const lineEnd = lineEndAt(text, position);
  // `key: a value with spaces` (YAML, INI, properties) runs to the end of the line; `NAME=value cmd` (env, shell) stops at a blank.
  const spacedSeparator = match[0].trim() !== match[0] || match[1] === ':' || blankSeparated;
  const wholeLine = config && spacedSeparator && /^[ \t]*(?:(?:export|set|ENV|ARG|-)[ \t]+)?["']?$/.test(before);
  let end = position;
  if (wholeLine) {
    end = lineEnd;
    const comment = /[ \t]+[#;]|[ \t]+\/\//.exec(text.slice(position, lineEnd));
    if (comment) end = position + comment.index;
    while (end > position && /[\s,"']/.test(text[end - 1]!)) end--;
  } else {
    while (end < lineEnd && !/[\s"'`;&,()[\]{}<>|#]/.test(text[end]!)) end++;
    if (/[([{]/.test(text[end] ?? '')) return undefined; // `process.env[…]`, `getToken(…)`: an expression
  }
  return { start: position, text: text.slice(position, end), quoted: false };
}

/** A quoted value on the same line; null when a quote opens but does not close there (a multi-line string). */
function quotedValue(text: string, position: number): Value | undefined | null {
  let quote = text[position];
  if (quote === '\\' && text[position + 1] === '"') quote = '\\"';
  else if (quote !== '"' && quote !== "'" && quote !== '`') return undefined;
  if (text.startsWith(quote.repeat(3), position) && quote.length === 1) return null; // """…""": left to the other rules
  const start = position + quote.length;
  const lineEnd = lineEndAt(text, start);
  let k = start;
  while (k < lineEnd) {
    if (quote === '\\"' ? text.startsWith('\\"', k) : text[k] === quote) return { start, text: text.slice(start, k), quoted: true };
    if (text[k] === '\\' && quote !== '\\"') k++;
    k++;
  }
  return null;
}

function lineEndAt(text: string, position: number): number {
  const end = text.indexOf('\n', position);
  return end < 0 ? text.length : end;
}

/** Whether the line, up to the name, leaves us inside a string literal or a comment. */
function insideStringOrComment(line: string): boolean {
  let quote: string | undefined;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k]!;
    if (quote) {
      if (ch === '\\') k++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if ((ch === '/' && (line[k + 1] === '/' || line[k + 1] === '*')) || (ch === '#' && (k === 0 || /\s/.test(line[k - 1]!))) || (ch === '-' && line[k + 1] === '-' && k === line.search(/\S/))) return true;
  }
  return quote !== undefined || /^\s*\*/.test(line);
}

const nullish = /^(?:null|nil|none|undefined|true|false|yes|no|on|off|~|empty|required|optional|string|str|int|bool|any|object|value|secret|password|pass|passwd|token|key|\*+|\.{2,}|…|-+|_+|0+)$/i;

function acceptable(value: string, strength: SecretStrength, quoted: boolean): boolean {
  const trimmed = value.trim();
  if (!/[A-Za-z0-9]/.test(trimmed) || trimmed === '[REDACTED]' || nullish.test(trimmed)) return false;
  // References, not values: ${VAR}, $VAR, {{ secrets.X }}, <your-token>, %(name)s, #{…}, @Value("${…}").
  if (/^(?:\$|\{\{|\{%|<%|%\(|#\{|@\{|<[^>]*>$|\[\[|\\)/.test(trimmed)) return false; // (or an escape: `token:\nhttps://…` in a string)
  if (!quoted && /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\(/.test(trimmed)) return false; // a call: os.getenv(…)
  if (strength === 'password') return true;
  if (/\s/.test(trimmed) || trimmed.length < 8) return false;
  if (/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(trimmed)) return false; // the name of an environment variable
  // "auth_token", "x-api-key", "secrets/db", "tandem.inlineEdit.instructions": names of things, not secrets.
  if ((/^[a-z][a-z_.:/-]*$/.test(trimmed) || /^[A-Za-z]+(?:[_.:/-][A-Za-z]+)+$/.test(trimmed)) && !looksRandom(trimmed)) return false;
  if (/^https?:\/\/[^@]*$/.test(trimmed) && !/[?&](?:key|token|sig|secret)=/i.test(trimmed)) return false; // a URL without credentials
  if (/^(?:~|\.{1,2})?\/[\w.-]+(?:\/[\w.-]+)*$/.test(trimmed) && !looksRandom(trimmed.replace(/[/.]/g, ''))) return false; // a path (base64 may start with '/' too)
  if (strength === 'secret') return true;
  return looksRandom(trimmed);
}
