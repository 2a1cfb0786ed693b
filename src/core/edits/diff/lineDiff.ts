import { diffArrays } from 'diff';

/** A run of lines that differs: old[oldStart, oldEnd) became new[newStart, newEnd). Either side may be empty. */
export interface ChangeRegion {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

export interface LineDiffOptions {
  /**
   * Edit length past which jsdiff's Myers diff gives up (its cost grows with the square of it) and
   * the patience diff below takes over. Default 256.
   */
  maxEditLength?: number;
  /** Wall-clock limit for the Myers attempt, in ms. Default 15. */
  timeoutMs?: number;
}

/** Gaps without unique anchor lines are diffed with Myers only up to this many lines, else replaced whole. */
const SMALL_GAP_LINES = 2000;
const SMALL_GAP_EDIT_LENGTH = 128;

/**
 * Line diff with a bounded worst case. jsdiff (Myers, minimal) does the common case of a few
 * changes; past `maxEditLength` or `timeoutMs` it aborts and a patience diff (unique lines as
 * anchors, O(n log n)) does the rest, so a completely rewritten file costs milliseconds, not seconds.
 */
export function diffLineArrays(a: readonly string[], b: readonly string[], options: LineDiffOptions = {}): ChangeRegion[] {
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo] === b[lo]) lo++;
  let aHi = a.length;
  let bHi = b.length;
  while (aHi > lo && bHi > lo && a[aHi - 1] === b[bHi - 1]) {
    aHi--;
    bHi--;
  }
  if (lo === aHi && lo === bHi) return [];
  if (lo === aHi || lo === bHi) return [{ oldStart: lo, oldEnd: aHi, newStart: lo, newEnd: bHi }];
  const myers = myersRegions(a.slice(lo, aHi), b.slice(lo, bHi), lo, lo, options.maxEditLength ?? 256, options.timeoutMs ?? 15);
  if (myers) return myers;
  const regions: ChangeRegion[] = [];
  // The gaps between anchors get Myers too, but only while the whole diff stays within twice its time limit.
  patience(a, lo, aHi, b, lo, bHi, regions, performance.now() + 2 * (options.timeoutMs ?? 15));
  return mergeTouching(regions);
}

/** jsdiff's Myers diff on two line arrays, as regions offset by (aOffset, bOffset); undefined if it gave up. */
function myersRegions(a: string[], b: string[], aOffset: number, bOffset: number, maxEditLength: number, timeout: number): ChangeRegion[] | undefined {
  const changes = diffArrays(a, b, { maxEditLength, timeout });
  if (!changes) return undefined;
  const regions: ChangeRegion[] = [];
  let oldPos = aOffset;
  let newPos = bOffset;
  let open: ChangeRegion | undefined;
  for (const change of changes) {
    if (!change.added && !change.removed) {
      if (open) regions.push(open);
      open = undefined;
      oldPos += change.count;
      newPos += change.count;
      continue;
    }
    open ??= { oldStart: oldPos, oldEnd: oldPos, newStart: newPos, newEnd: newPos };
    if (change.removed) open.oldEnd = oldPos += change.count;
    else open.newEnd = newPos += change.count;
  }
  if (open) regions.push(open);
  return regions;
}

function patience(a: readonly string[], aLo: number, aHi: number, b: readonly string[], bLo: number, bHi: number, out: ChangeRegion[], deadline: number): void {
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
    aLo++;
    bLo++;
  }
  while (aHi > aLo && bHi > bLo && a[aHi - 1] === b[bHi - 1]) {
    aHi--;
    bHi--;
  }
  if (aLo === aHi && bLo === bHi) return;
  if (aLo === aHi || bLo === bHi) {
    out.push({ oldStart: aLo, oldEnd: aHi, newStart: bLo, newEnd: bHi });
    return;
  }
  const anchors = uniqueCommonAnchors(a, aLo, aHi, b, bLo, bHi);
  if (anchors.length === 0) {
    smallGap(a, aLo, aHi, b, bLo, bHi, out, deadline);
    return;
  }
  let pa = aLo;
  let pb = bLo;
  for (const [ia, ib] of anchors) {
    patience(a, pa, ia, b, pb, ib, out, deadline);
    pa = ia + 1;
    pb = ib + 1;
  }
  patience(a, pa, aHi, b, pb, bHi, out, deadline);
}

function smallGap(a: readonly string[], aLo: number, aHi: number, b: readonly string[], bLo: number, bHi: number, out: ChangeRegion[], deadline: number): void {
  const whole = { oldStart: aLo, oldEnd: aHi, newStart: bLo, newEnd: bHi };
  if (aHi - aLo + (bHi - bLo) > SMALL_GAP_LINES || performance.now() > deadline) {
    out.push(whole);
    return;
  }
  const regions = myersRegions(a.slice(aLo, aHi), b.slice(bLo, bHi), aLo, bLo, SMALL_GAP_EDIT_LENGTH, 5);
  out.push(...(regions ?? [whole]));
}

/**
 * Lines that occur exactly once on each side, as (aIndex, bIndex) pairs, reduced to the longest
 * chain increasing on both sides (patience sorting): the anchors of a patience diff.
 */
function uniqueCommonAnchors(a: readonly string[], aLo: number, aHi: number, b: readonly string[], bLo: number, bHi: number): Array<[number, number]> {
  const inA = new Map<string, number>(); // line -> index in a, or -1 when repeated
  for (let i = aLo; i < aHi; i++) inA.set(a[i]!, inA.has(a[i]!) ? -1 : i);
  const inB = new Map<string, number>();
  for (let j = bLo; j < bHi; j++) {
    const id = b[j]!;
    if (!inA.has(id) || inA.get(id) === -1) continue;
    inB.set(id, inB.has(id) ? -1 : j);
  }
  const pairs: Array<[number, number]> = [];
  for (let i = aLo; i < aHi; i++) {
    const j = inB.get(a[i]!);
    if (j !== undefined && j >= 0 && inA.get(a[i]!) === i) pairs.push([i, j]);
  }
  return longestIncreasingByB(pairs);
}

function longestIncreasingByB(pairs: Array<[number, number]>): Array<[number, number]> {
  const tails: number[] = []; // index into pairs of the smallest tail of each chain length
  const previous = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    const bIndex = pairs[k]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < bIndex) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[k] = tails[lo - 1]!;
    tails[lo] = k;
  }
  const chain: Array<[number, number]> = [];
  for (let k = tails.length > 0 ? tails[tails.length - 1]! : -1; k >= 0; k = previous[k]!) chain.push(pairs[k]!);
  return chain.reverse();
}

function mergeTouching(regions: ChangeRegion[]): ChangeRegion[] {
  const merged: ChangeRegion[] = [];
  for (const region of regions) {
    const last = merged[merged.length - 1];
    if (last && last.oldEnd === region.oldStart && last.newEnd === region.newStart) {
      last.oldEnd = region.oldEnd;
      last.newEnd = region.newEnd;
    } else merged.push({ ...region });
  }
  return merged;
}
