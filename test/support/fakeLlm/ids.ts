// Random identifiers in the formats real servers use, so code that logs or parses ids sees
// realistic values. Not cryptographic: ids only need to be unique within a test run.
import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomFrom(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

export const randomAlphanumeric = (length: number): string => randomFrom(ALPHANUMERIC, length);
export const randomLowerAlphanumeric = (length: number): string => randomFrom(LOWER_ALPHANUMERIC, length);
export const randomHex = (length: number): string => randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
export const randomDigits = (length: number): string => randomFrom('0123456789', length);
