import type { LinePair } from './target';

/**
 * Completes pairs of non-blank lines with the blank lines between them: blank lines at the same
 * place on both sides pair up in order, so a blank line the model deletes is deleted in the file.
 * Blank search lines before the first pair may pull the match start back over blank file lines
 * (never before `floor`); likewise after the last pair. Returns the pairs and the file range.
 */
export function withBlankPairs(
  nonBlankPairs: readonly LinePair[],
  searchBlank: (index: number) => boolean,
  fileBlank: (index: number) => boolean,
  searchLength: number,
  fileLength: number,
  floor = 0,
): { pairs: LinePair[]; start: number; end: number } {
  const first = nonBlankPairs[0]!;
  const last = nonBlankPairs[nonBlankPairs.length - 1]!;
  const pairs: LinePair[] = [];
  let leading = 0;
  while (leading < first.search && first.file - leading - 1 >= floor && searchBlank(first.search - leading - 1) && fileBlank(first.file - leading - 1)) leading++;
  for (let d = leading; d >= 1; d--) pairs.push({ search: first.search - d, file: first.file - d });
  for (let k = 0; k < nonBlankPairs.length; k++) {
    const pair = nonBlankPairs[k]!;
    pairs.push(pair);
    const next = nonBlankPairs[k + 1];
    if (!next) break;
    let s = pair.search + 1;
    let f = pair.file + 1;
    while (s < next.search && f < next.file) {
      if (!searchBlank(s)) s++;
      else if (!fileBlank(f)) f++;
      else pairs.push({ search: s++, file: f++ });
    }
  }
  let trailing = 0;
  while (last.search + trailing + 1 < searchLength && last.file + trailing + 1 < fileLength && searchBlank(last.search + trailing + 1) && fileBlank(last.file + trailing + 1)) trailing++;
  for (let d = 1; d <= trailing; d++) pairs.push({ search: last.search + d, file: last.file + d });
  return { pairs, start: first.file - leading, end: last.file + trailing + 1 };
}
