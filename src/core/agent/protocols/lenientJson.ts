/**
 * The JSON objects small models write, read leniently: the first balanced `{...}` from a position
 * (strings and escapes respected), with the usual slips repaired — trailing commas, a missing
 * closing brace at the end of the reply, code fences around it.
 */
export function extractJsonObject(text: string, from = 0): { value: Record<string, unknown>; end: number } | { error: string; end: number } | undefined {
  const start = text.indexOf('{', from);
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return parseRepaired(text.slice(start, i + 1), i + 1);
  }
  // The reply ended inside the object: close what is open (a model cut off by its stop token).
  return parseRepaired(text.slice(start) + (inString ? '"' : '') + '}'.repeat(Math.max(depth, 0)), text.length);
}

function parseRepaired(candidate: string, end: number): { value: Record<string, unknown>; end: number } | { error: string; end: number } {
  const attempts = [candidate, candidate.replace(/,(\s*[}\]])/g, '$1')];
  let firstError = '';
  for (const attempt of attempts) {
    try {
      const value: unknown = JSON.parse(attempt);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { value: value as Record<string, unknown>, end };
      return { error: 'expected a JSON object', end };
    } catch (error) {
      firstError ||= (error as Error).message;
    }
  }
  return { error: firstError, end };
}
