// The redactor before issue #10 (a hand-grown list of regexes), kept as the benchmark's baseline.
/**
 * Secret redaction for text Tandem is about to send to a model server: related-file snippets and
 * the code around the cursor. It errs on the side of redacting: a lost string literal costs the
 * model a little context; a leaked key costs the user an incident.
 *
 * Covered: private key blocks; key formats with a recognisable shape (OpenAI/Anthropic `sk-`,
 * GitHub, GitLab, AWS, Google, Slack, Stripe, npm, Hugging Face, JWTs); bearer/basic credentials;
 * passwords in URLs; quoted values assigned to secret-looking names (`password = "…"`,
 * `"apiKey": "…"`, `token := "…"`); `.env`-style `NAME=value` lines with secret-looking names.
 */
export const redactionMark = '[REDACTED]';

export interface RedactionResult {
  text: string;
  /** How many values were replaced (0: the text is returned unchanged). */
  count: number;
}

export interface RedactionOptions {
  /** The text's language; in config languages (yaml, dotenv, ini, ...) unquoted values are redacted too. */
  languageId?: string;
}

type Replacer = (text: string, count: { n: number }) => string;

const privateKeyBlock: Replacer = (text, count) =>
  text.replace(/(-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----)[\s\S]*?(-----END \2PRIVATE KEY(?: BLOCK)?-----|$)/g, (_m, begin: string, _kind: string, end: string) => {
    count.n++;
    return `${begin}\n${redactionMark}\n${end}`;
  });

/** Token shapes issued by well-known services: recognisable without any surrounding name. */
const tokenShapes: readonly RegExp[] = [
  /\bsk-(?:proj-|ant-(?:api\d+-)?|or-v1-)?[A-Za-z0-9_-]{20,}/g, // OpenAI, Anthropic, OpenRouter
  /\bgh[pousr]_[A-Za-z0-9]{30,}\b/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{22,}\b/g,
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g, // GitLab
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key ids
  /\bAIza[0-9A-Za-z_-]{35}\b/g, // Google API keys
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, // Slack
  /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g, // Stripe
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  /\bhf_[A-Za-z0-9]{30,}\b/g, // Hugging Face
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, // JWT
];

const knownTokens: Replacer = (text, count) => {
  let result = text;
  for (const shape of tokenShapes) {
    result = result.replace(shape, () => {
      count.n++;
      return redactionMark;
    });
  }
  return result;
};

const authorizationHeader: Replacer = (text, count) =>
  text.replace(/\b(Bearer|Basic|Token)(\s+)([A-Za-z0-9._~+/-]{16,}=*)/g, (match, scheme: string, space: string, value: string) => {
    if (value === redactionMark) return match;
    count.n++;
    return `${scheme}${space}${redactionMark}`;
  });

const urlPassword: Replacer = (text, count) =>
  text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@'"`]+:)([^\s@/'"`]+)@/gi, (_m, head: string) => {
    count.n++;
    return `${head}${redactionMark}@`;
  });

// Names that hold secrets: the last word of an identifier in any case style (dbPassword,
// DB_PASSWORD, db-password, client_secret, apiKey, AUTH_TOKEN, ...).
const passwordWord = '(?:password|passwd|passphrase|pwd|secret)';
const tokenWord = '(?:token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|auth[_-]?key|credentials?|session[_-]?key|signing[_-]?key)';
const secretName = `[A-Za-z0-9_.-]*(?:${passwordWord}|${tokenWord})s?`;

/** `name = "value"`, `name: 'value'`, `"name": "value"`, `name := "value"`, `name => "value"`. */
const typeAnnotation = '(?::\\s*[A-Za-z_$][\\w$.<>\\[\\]|, ]*?\\s*)?';
const quotedAssignment = new RegExp(`(["']?\\b${secretName}["']?\\s*${typeAnnotation}(?::=|=>|[:=])\\s*)(["'\`])((?:\\\\.|(?!\\2)[^\\\\\\n])*)\\2`, 'gi');
const passwordName = new RegExp(`${passwordWord}s?$`, 'i');

const quotedSecrets: Replacer = (text, count) =>
  text.replace(quotedAssignment, (match, head: string, quote: string, value: string) => {
    const name = /[A-Za-z0-9_.-]+/.exec(head)?.[0] ?? '';
    if (!shouldRedactValue(value, passwordName.test(name))) return match;
    count.n++;
    return `${head}${quote}${redactionMark}${quote}`;
  });

/** Passwords can be anything; other names only count when the value looks like a key. */
function shouldRedactValue(value: string, isPassword: boolean): boolean {
  if (value === '' || value === redactionMark || /^\$\{?[A-Za-z_]/.test(value)) return false; // empty, done, or an interpolated variable
  if (isPassword) return true;
  if (value.length < 8 || /\s/.test(value)) return false;
  return !/^[a-z][a-z_.:-]*$/.test(value); // `"auth_token"`, `"x-api-key"`: names of things, not secrets
}

const secretNameOnly = new RegExp(`^${secretName}$`, 'i');
const configLanguages = new Set(['dotenv', 'properties', 'ini', 'yaml', 'toml', 'shellscript', 'plaintext', 'dockerfile']);
const assignmentLine = /^([ \t]*(?:export[ \t]+)?)([A-Za-z0-9_.-]+)([ \t]*(?:=|:(?=[ \t]))[ \t]*)(\S[^\n]*?)[ \t]*$/gm;

/**
 * Unquoted values: `.env` lines (`API_TOKEN=abc123`, `export DB_PASSWORD=hunter2`) anywhere, and
 * `key: value` in config languages. In code only UPPER_CASE names count, and never a value that
 * is an expression (`TOKEN = os.environ["TOKEN"]`, `KEY = config.key`).
 */
function unquotedValues(configLanguage: boolean): Replacer {
  return (text, count) =>
    text.replace(assignmentLine, (match, indent: string, name: string, separator: string, value: string) => {
      if (!secretNameOnly.test(name) || /^["'`]/.test(value) || value.includes(redactionMark)) return match;
      if (!configLanguage) {
        const envStyle = separator.includes('=') && /^[A-Z0-9_]+$/.test(name);
        const expression = /[()[\]{};,]/.test(value) || /^[A-Za-z_$][\w$]*\.[A-Za-z_$]/.test(value);
        if (!envStyle || expression) return match;
      }
      if (!shouldRedactValue(value, passwordName.test(name))) return match;
      count.n++;
      return `${indent}${name}${separator}${redactionMark}`;
    });
}

export function redactSecrets(text: string, options: RedactionOptions = {}): RedactionResult {
  const configLanguage = options.languageId !== undefined && configLanguages.has(options.languageId);
  const count = { n: 0 };
  let result = text;
  for (const replace of [privateKeyBlock, knownTokens, authorizationHeader, urlPassword, quotedSecrets, unquotedValues(configLanguage)]) {
    result = replace(result, count);
  }
  return { text: count.n === 0 ? text : result, count: count.n };
}
