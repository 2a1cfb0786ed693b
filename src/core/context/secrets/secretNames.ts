/**
 * Whether a name (a variable, key, field, flag, header or environment variable) says its value is
 * a secret, and how sure that is. The name's words are read in any case style (dbPassword,
 * DB_PASSWORD, db-password, spring.datasource.password, --password, X-Api-Key, hmacKey,
 * private_key_id, AccountKey, SECRET_KEY_BASE): what counts is the last word (after trailing
 * words such as "base", "b64", "value"), so `password_min_length`, `token_type`, `max_tokens` and
 * `secretName` are not secrets while `client_secret` and `encryption_key` are.
 */
export type SecretStrength =
  /** Passwords can be anything: every literal value counts. */
  | 'password'
  /** Tokens, secrets, API keys: a value that is not a plain word counts. */
  | 'secret'
  /** A name that only may be one ("key", "signature"): the value must look random. */
  | 'weak';

const passwordWords = new Set(['password', 'passwd', 'passwrd', 'passwort', 'pwd', 'passphrase', 'passcode', 'mnemonic', 'seedphrase']);
/** Short for password only after another word (DB_PASS, bind_pw); alone (`{ pass: 'passed' }`) they are often something else. */
const qualifiedPasswordWords = new Set(['pass', 'pw']);
const secretWords = new Set([
  'secret', 'token', 'apikey', 'credential', 'credentials', 'creds', 'auth', 'authtoken', 'privatekey', 'accountkey',
  'sharedaccesskey', 'salt', 'pepper', 'sig', 'dsn', 'cookie', 'passkey', 'apitoken', 'accesstoken',
  'sharedaccesssignature', 'authorization', 'secretkey', 'masterkey', 'hmac',
]);
/** "<qualifier> key": a key that is a secret, unlike a primary, sort, cache or foreign key. */
const keyQualifiers = new Set([
  'api', 'access', 'secret', 'private', 'hmac', 'encryption', 'encrypt', 'decryption', 'crypt', 'crypto', 'cipher', 'aes', 'signing',
  'sign', 'master', 'session', 'auth', 'account', 'client', 'app', 'application', 'consumer', 'license', 'licence', 'ssh', 'gpg',
  'pgp', 'jwt', 'subscription', 'storage', 'service', 'admin', 'root', 'deploy', 'write', 'webhook', 'primary', 'secondary',
  'shared', 'server', 'instance', 'dev', 'prod', 'live', 'test', 'stripe', 'sendgrid', 'mailgun', 'twilio', 'openai', 'maps',
  'google', 'firebase', 'algolia', 'mapbox', 'recaptcha', 'captcha', 'sas', 'shared_access', 'x', 'rsa', 'ecdsa', 'ed25519',
  'wrapping', 'data', 'kek', 'dek', 'cookie', 'csrf', 'xsrf', 'otp', 'totp', 'mfa', 'backup', 'recovery', 'unlock', 'secret_access',
]);
const weakWords = new Set(['key', 'signature', 'nonce', 'seed', 'pin', 'hash']);
/** Words after the secret word that still name the secret: SECRET_KEY_BASE, private_key_id, api_key_value, token_b64. */
const trailingWords = new Set(['base', 'b64', 'base64', 'hex', 'value', 'val', 'data', 'raw', 'str', 'string', 'encoded', 'pem', 'der', 'bytes', 'plain', 'plaintext', 'literal', 'enc', 'encrypted']);

/** The words of a name, lower-cased: camelCase, PascalCase, snake_case, kebab-case, dotted, flags. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

export function secretStrength(name: string): SecretStrength | undefined {
  const words = nameWords(name);
  let end = words.length;
  while (end > 1 && (trailingWords.has(words[end - 1]!) || /^\d+$/.test(words[end - 1]!))) end--;
  // `private_key_id`, `access_key_id`: the id of a key pair travels with its secret half.
  if (end > 2 && words[end - 1] === 'id' && words[end - 2] === 'key' && keyQualifiers.has(words[end - 3]!)) end--;
  const last = words[end - 1];
  if (last === undefined) return undefined;
  if (passwordWords.has(last) || last.endsWith('password')) return 'password';
  if (qualifiedPasswordWords.has(last)) return end > 1 ? 'password' : 'secret';
  if (secretWords.has(last) || last.endsWith('secret') || last.endsWith('token') || last.endsWith('apikey')) return 'secret';
  if (last === 'key' || last === 'keys') {
    const qualifier = words[end - 2];
    return qualifier !== undefined && keyQualifiers.has(qualifier) ? 'secret' : 'weak';
  }
  if (last.endsWith('key') && keyQualifiers.has(last.slice(0, -3))) return 'secret'; // apikey, accesskey, hmackey written as one word
  if (weakWords.has(last)) return 'weak';
  return undefined;
}
