/**
 * Whether a value looks machine-generated (a key, a token, a password from a generator) rather
 * than written by a person: long enough, several kinds of characters, and a high Shannon entropy
 * for its length. Words, identifiers, paths, versions and dotted names are not.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 16 || value.length > 2000 || /\s/.test(value)) return false;
  if (/^[A-Za-z]+(?:[._:/-][A-Za-z]+)*$/.test(value)) return false; // words: com.example.Handler, some-long-name
  if (/^\d+(?:[.-]\d+)*$/.test(value)) return false; // numbers, versions, dates
  const classes = Number(/[a-z]/.test(value)) + Number(/[A-Z]/.test(value)) + Number(/\d/.test(value)) + Number(/[^A-Za-z0-9]/.test(value));
  const hex = /^[0-9a-fA-F]+$/.test(value);
  if (classes < 2 && !hex) return false;
  const bits = shannonEntropy(value);
  const ceiling = Math.log2(Math.min(value.length, hex ? 16 : 64));
  return bits >= ceiling * (hex ? 0.75 : 0.8);
}

export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
