/**
 * Fuzzy path matching for the `#file` picker: the query's characters must appear in order; runs
 * of consecutive characters, matches at the start of a path segment or word, and matches in the
 * file name score higher, and shorter paths win ties ("mon" ranks src/money.ts above
 * src/common/monitoring/index.ts).
 */
export function fuzzyScore(query: string, path: string): number | undefined {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (!q) return 0;
  const p = path.toLowerCase();
  const nameStart = path.lastIndexOf('/') + 1;
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of q) {
    const at = p.indexOf(char, from);
    if (at < 0) return undefined;
    let points = 1;
    if (at === previous + 1) points += 5;
    if (at === 0 || '/._-'.includes(p[at - 1] ?? '') || isCaseBoundary(path, at)) points += 4;
    if (at >= nameStart) points += 2;
    score += points;
    previous = at;
    from = at + 1;
  }
  // Whole query inside the file name is what people usually mean.
  if (p.slice(nameStart).includes(q)) score += 10;
  return score - path.length * 0.01;
}

function isCaseBoundary(path: string, at: number): boolean {
  const char = path[at] ?? '';
  const before = path[at - 1] ?? '';
  return char !== char.toLowerCase() && before === before.toLowerCase();
}

/** The best `limit` paths for the query, best first. */
export function fuzzyFilter(query: string, paths: readonly string[], limit: number): string[] {
  const scored: Array<{ path: string; score: number }> = [];
  for (const path of paths) {
    const score = fuzzyScore(query, path);
    if (score !== undefined) scored.push({ path, score });
  }
  scored.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
  return scored.slice(0, limit).map((entry) => entry.path);
}
