// Line normalizations the matching ladder compares by, and the repairs it makes to model output.

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

export function trimEnd(line: string): string {
  // Most lines end in a visible character: return them as they are without a regex.
  const last = line.charCodeAt(line.length - 1);
  return last > 32 && last !== 160 && last < 0x2000 ? line : line.trimEnd();
}

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

/** Visual width of an indentation, a tab counting as `tabSize` columns. */
export function indentWidth(indent: string, tabSize = 4): number {
  let width = 0;
  for (const char of indent) width = char === '\t' ? width + tabSize - (width % tabSize) : width + 1;
  return width;
}

/** Trimmed, inner runs of whitespace collapsed: what the fuzzy rung compares. */
export function collapseWhitespace(line: string): string {
  const trimmed = line.trim();
  // Most lines have single spaces only: skip the replace for them.
  return /\s\s|[\t\n\v\f\r\u00A0]/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00A0' };
const ENTITY = /&(?:(lt|gt|amp|quot|apos|nbsp)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g;
const SMART_SINGLE = /[\u2018\u2019\u201A\u201B\u2032]/g;
const SMART_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033]/g;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

export function decodeEntities(line: string): string {
  return line.replace(ENTITY, (whole, name: string | undefined, decimal: string | undefined, hex: string | undefined) => {
    if (name) return NAMED_ENTITIES[name] ?? whole;
    const code = decimal ? Number(decimal) : Number.parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

export function straightenQuotes(line: string): string {
  return line.replace(SMART_SINGLE, "'").replace(SMART_DOUBLE, '"');
}

/**
 * Undoes what chat front ends and models do to code: HTML entities (&lt; &amp; ...), smart quotes,
 * no-break and zero-width spaces, and composed vs decomposed unicode.
 */
export function unmangle(line: string): string {
  if (!/[\u0080-\uFFFF&]/.test(line)) return line; // plain ASCII without '&': nothing to undo
  return straightenQuotes(decodeEntities(line)).replace(/\u00A0/g, ' ').replace(INVISIBLE, '').normalize('NFC');
}

/** Which manglings the model applied: seen in its copy of a line but not in the file's. */
export interface Mangling {
  entities: boolean;
  quotes: boolean;
}

export function detectMangling(modelLine: string, fileLine: string): Mangling {
  return {
    entities: decodeEntities(modelLine) !== modelLine && decodeEntities(fileLine) === fileLine,
    quotes: straightenQuotes(modelLine) !== modelLine && straightenQuotes(fileLine) === fileLine,
  };
}

/** Repairs a new line the same way the model's copy of the file was shown to be mangled. */
export function repairMangling(line: string, mangling: Mangling): string {
  let out = line;
  if (mangling.entities) out = decodeEntities(out);
  if (mangling.quotes) out = straightenQuotes(out);
  return out;
}
