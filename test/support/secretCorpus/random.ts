import { randomBytes, randomInt } from 'node:crypto';

/** Fresh random values per run, in the alphabets real credentials use. */
const alphabets = {
  base62: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  hex: '0123456789abcdef',
  upperDigits: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  digits: '0123456789',
  password: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!%*_-+^~',
} as const;

export type Alphabet = keyof typeof alphabets;

export function random(alphabet: Alphabet, length: number): string {
  const chars = alphabets[alphabet];
  let out = '';
  for (let k = 0; k < length; k++) out += chars[randomInt(chars.length)];
  return out;
}

/** A value that mixes letters and digits for sure (a generator's password, never a dictionary word). */
export function password(length = 16): string {
  return `${random('base62', 2)}${random('digits', 1)}${random('password', length - 3)}`;
}

export function base64Of(bytes: number): string {
  return randomBytes(bytes).toString('base64');
}

export function uuid(): string {
  const hex = random('hex', 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** The body lines of a PEM private key: 64-character base64 lines, a shorter last one. */
export function pemBody(lines = 12): string[] {
  const body = randomBytes(lines * 48 - 7).toString('base64');
  const out: string[] = [];
  for (let k = 0; k < body.length; k += 64) out.push(body.slice(k, k + 64));
  return out;
}
