import { normalizedSimilarity, similarityBound } from '../text/similarity';
import { withBlankPairs } from './alignBlanks';
import { lineKeyOf, type LinePair, type Match, type MatchTarget } from './target';

export interface FuzzyOptions {
  from: number;
  /** Milliseconds the scan of the file may take before it refines what it has found so far. */
  budgetMs: number;
  /** Milliseconds; default performance.now. */
  clock?: () => number;
}

/** A scored window of the file, in non-blank-line coordinates. */
interface Window {
  start: number;
  size: number;
  score: number;
  pairs: Array<[number, number]>;
}

export interface FuzzyResult {
  best?: Match;
  /** The best window that does not overlap `best`. */
  runnerUp?: { start: number; end: number; similarity: number };
}

/** Pairs below this similarity are two different lines, not one misremembered line. */
const PAIR_FLOOR = 0.5;
/** Windows may have up to this many more or fewer non-blank lines than the search (missing or extra lines). */
const SIZE_SLACK = 2;
const SEEDS = 12;

/**
 * The file window most similar to `search`, line by line, ignoring blank lines, indentation and
 * mangling. Windows may differ in length by a couple of lines (the model left one out or added
 * one); their score is the best monotone pairing's total similarity over the longer side.
 */
export function findFuzzy(target: MatchTarget, search: readonly string[], options: FuzzyOptions): FuzzyResult {
  const searchKeys = search.map((line) => lineKeyOf('fuzzy', line));
  const searchIndex = searchKeys.flatMap((k, index) => (k === '' ? [] : [index]));
  const fileKeys = target.keys('fuzzy');
  const fileIndex: number[] = [];
  for (let i = options.from; i < fileKeys.length; i++) if (fileKeys[i] !== '') fileIndex.push(i);
  if (searchIndex.length === 0 || fileIndex.length === 0) return {};
  const s = searchIndex.map((index) => searchKeys[index]!);
  const f = fileIndex.map((index) => fileKeys[index]!);
  const similarity = memoizedSimilarity(s, f);

  // The budget starts after the keys are made, so a long file still gets its scan.
  const clock = options.clock ?? (() => performance.now());
  const now = clock();
  // Past the budget the scan stops once it has a candidate; with none yet it may take up to four
  // budgets (a busy machine), so a refusal can still name the closest place.
  const deadline = { soft: now + options.budgetMs, hard: now + 4 * options.budgetMs };
  const seeds = new Set<number>([...votedStarts(s, f), ...diagonalStarts(s, f, similarity, deadline, clock)]);
  const windows = new Map<string, Window>();
  for (const seed of seeds) {
    for (let start = seed - SIZE_SLACK; start <= seed + SIZE_SLACK; start++) {
      for (let size = s.length - SIZE_SLACK; size <= s.length + SIZE_SLACK; size++) {
        if (start < 0 || size < 1 || start + size > f.length || windows.has(`${start}:${size}`)) continue;
        windows.set(`${start}:${size}`, scoreWindow(s.length, start, size, similarity));
      }
    }
  }
  const ranked = [...windows.values()].sort((x, y) => y.score - x.score || x.start - y.start);
  const top = ranked[0];
  if (!top || top.score <= 0) return {};
  const other = ranked.find((w) => w.start + w.size <= top.start || w.start >= top.start + top.size);
  const nonBlankPairs: LinePair[] = top.pairs.map(([si, fi]) => ({ search: searchIndex[si]!, file: fileIndex[fi]! }));
  const fileLines = target.lines;
  const region = nonBlankPairs.length > 0
    ? withBlankPairs(nonBlankPairs, (k) => searchKeys[k] === '', (k) => fileKeys[k] === '', search.length, fileLines.length, options.from)
    : { pairs: [], start: fileIndex[top.start]!, end: fileIndex[top.start]! + 1 };
  const start = Math.min(region.start, fileIndex[top.start]!);
  const end = Math.max(region.end, fileIndex[top.start + top.size - 1]! + 1);
  return {
    best: { start, end, rung: 'fuzzy', pairs: region.pairs, similarity: top.score },
    runnerUp: other && { start: fileIndex[other.start]!, end: fileIndex[other.start + other.size - 1]! + 1, similarity: other.score },
  };
}

type Similarity = (si: number, fi: number) => number;

function memoizedSimilarity(s: readonly string[], f: readonly string[]): Similarity {
  const memo = new Map<number, number>();
  return (si, fi) => {
    const key = fi * s.length + si;
    let value = memo.get(key);
    if (value === undefined) memo.set(key, (value = normalizedSimilarity(s[si]!, f[fi]!)));
    return value;
  };
}

/** Window starts implied by search lines found verbatim (normalized) in the file: cheap and usually right. */
function votedStarts(s: readonly string[], f: readonly string[]): number[] {
  const positions = new Map<string, number[]>();
  f.forEach((key, index) => {
    const list = positions.get(key);
    if (list) list.push(index);
    else positions.set(key, [index]);
  });
  const votes = new Map<number, number>();
  s.forEach((key, si) => {
    if (key.length < 4) return; // braces and the like say nothing about where the block is
    const found = positions.get(key);
    if (!found || found.length > 50) return;
    for (const fi of found) votes.set(fi - si, (votes.get(fi - si) ?? 0) + 1);
  });
  return [...votes].sort((x, y) => y[1] - x[1]).slice(0, SEEDS).map(([start]) => start);
}

/**
 * Window starts by mean similarity of aligned lines, for blocks where every line differs a little.
 * A window is abandoned as soon as even perfect remaining lines could not lift it near the best.
 */
function diagonalStarts(s: readonly string[], f: readonly string[], similarity: Similarity, deadline: { soft: number; hard: number }, clock: () => number): number[] {
  const k = s.length;
  const scored: Array<[number, number]> = [];
  let best = 0;
  const last = Math.max(0, f.length - k);
  for (let start = 0; start <= last; start++) {
    if ((start & 255) === 0) {
      const now = clock();
      if (now > deadline.hard || (now > deadline.soft && scored.length > 0)) break;
    }
    const cutoff = Math.max(0.4, best - 0.3) * k;
    let total = 0;
    let complete = true;
    for (let i = 0; i < k && start + i < f.length; i++) {
      const remaining = k - i - 1;
      if (total + similarityBound(s[i]!, f[start + i]!) + remaining < cutoff) {
        complete = false;
        break;
      }
      total += similarity(i, start + i);
      if (total + remaining < cutoff) {
        complete = false;
        break;
      }
    }
    if (!complete) continue;
    const mean = total / k;
    best = Math.max(best, mean);
    scored.push([start, mean]);
  }
  return scored.sort((x, y) => y[1] - x[1]).slice(0, SEEDS).map(([start]) => start);
}

/** Best monotone pairing of search lines with window lines (DP in a diagonal band), scored over the longer side. */
function scoreWindow(searchLength: number, start: number, size: number, similarity: Similarity): Window {
  const band = Math.abs(size - searchLength) + SIZE_SLACK;
  const width = 2 * band + 1;
  // Cell (i, j) lives at i * width + (j - i + band); cells outside the band stay -Infinity.
  const at = (i: number, j: number) => i * width + (j - i + band);
  const inBand = (i: number, j: number) => j >= 0 && j <= size && Math.abs(i - j) <= band;
  const score = new Float64Array((searchLength + 1) * width).fill(-Infinity);
  const move = new Uint8Array((searchLength + 1) * width); // 1 pair, 2 skip search line, 3 skip file line
  score[at(0, 0)] = 0;
  for (let i = 0; i <= searchLength; i++) {
    for (let j = Math.max(0, i - band); j <= Math.min(size, i + band); j++) {
      if (i === 0 && j === 0) continue;
      let value = -Infinity;
      let how = 0;
      if (i > 0 && inBand(i - 1, j) && score[at(i - 1, j)]! > value) [value, how] = [score[at(i - 1, j)]!, 2];
      if (j > 0 && inBand(i, j - 1) && score[at(i, j - 1)]! > value) [value, how] = [score[at(i, j - 1)]!, 3];
      if (i > 0 && j > 0 && inBand(i - 1, j - 1)) {
        const sim = similarity(i - 1, start + j - 1);
        const paired = score[at(i - 1, j - 1)]! + sim;
        if (sim >= PAIR_FLOOR && paired >= value) [value, how] = [paired, 1];
      }
      score[at(i, j)] = value;
      move[at(i, j)] = how;
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = searchLength, j = size; i > 0 || j > 0;) {
    const how = move[at(i, j)];
    if (how === 1) pairs.push([--i, start + --j]);
    else if (how === 2) i--;
    else j--;
  }
  const total = score[at(searchLength, size)]!;
  return { start, size, score: Number.isFinite(total) ? total / Math.max(searchLength, size) : 0, pairs: pairs.reverse() };
}
