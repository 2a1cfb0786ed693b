/**
 * Whether a value looks machine-generated (a key, a token, a password from a generator) rather
 * than written by a person: long enough, several kinds of characters, and a high Shannon entropy
 * for its length. Words, identifiers, paths, versions and dotted names are not.
 */
export function looksRandom(value: string): boolean {
  if (value.length < 16 || value.length > 2000 || /\s/.test(value)) return false;
  if (/^[A-Za-z]+(?:[._:/-][A-Za-z]+)*$/.test(value)) {
    // Words (com.example.Handler, some-long-name, CamelCaseName) unless letters alone but as mixed as a generator's.
    const upper = (value.match(/[A-Z]/g) ?? []).length / (value.match(/[A-Za-z]/g) ?? []).length;
    if (value.length < 20 || upper < 0.3 || upper > 0.7) return false;
  }
  if (/^\d+(?:[.-]\d+)*$/.test(value)) return false; // numbers, versions, dates
  if (/^[A-Za-z_$][A-Za-z_$]*(?:\.[A-Za-z_$][A-Za-z_$]*)+$/.test(value)) return false; // a member chain: merging._def.unknownKeys
  const classes = Number(/[a-z]/.test(value)) + Number(/[A-Z]/.test(value)) + Number(/\d/.test(value)) + Number(/[^A-Za-z0-9]/.test(value));
  const hex = /^[0-9a-fA-F]+$/.test(value);
  if (classes < 2 && !hex) return false;
  const bits = shannonEntropy(value);
  const ceiling = Math.log2(Math.min(value.length, hex ? 16 : 64));
  return bits >= ceiling * (hex ? 0.75 : 0.8);
}

const counts = new Uint32Array(128);

export function shannonEntropy(value: string): number {
  counts.fill(0);
  let other: Map<string, number> | undefined;
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c < 128) counts[c]!++;
    else (other ??= new Map()).set(value[k]!, (other.get(value[k]!) ?? 0) + 1);
  }
  let bits = 0;
  const add = (n: number) => {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  };
  for (let c = 0; c < 128; c++) if (counts[c]! > 0) add(counts[c]!);
  other?.forEach(add);
  return bits;
}
