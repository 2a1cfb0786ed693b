/** A replacement of lines [start, end) by `length` lines, in the coordinates of its time. */
interface Edit {
  start: number;
  end: number;
  length: number;
}

/** After this many edits the index is rebuilt rather than mapping every position through them all. */
const MAX_EDITS = 64;

/**
 * Where each distinct line (or line key) occurs, kept valid while blocks edit the text: positions
 * from when the index was built are mapped through the edits made since (dropped if an edit
 * replaced them), and lines written by those edits are scanned directly. So finding a block in a
 * 20k-line file costs a map lookup, not a scan, for every block after the first.
 */
export class LineIndex {
  /** Value -> its position, or positions when it occurs more than once (most lines are unique: no array for them). */
  private base: Map<string, number | number[]> | undefined;
  private edits: Edit[] = [];
  /** Line ranges written since the index was built, in current coordinates, sorted and disjoint. */
  private fresh: Array<[number, number]> = [];
  private freshLines = 0;

  constructor(private readonly values: () => readonly string[]) {}

  /** Lines currently equal to `value`, in increasing order. */
  positions(value: string): number[] {
    const values = this.values();
    const out: number[] = [];
    const found = this.built().get(value);
    for (const position of found === undefined ? [] : typeof found === 'number' ? [found] : found) {
      const now = this.mapThroughEdits(position);
      if (now >= 0) out.push(now);
    }
    for (const [from, to] of this.fresh) for (let i = from; i < to; i++) if (values[i] === value) out.push(i);
    return out.sort((a, b) => a - b);
  }

  /** How often `value` occurred when the index was built plus how many lines were written since: cheap, for picking a rare line. */
  estimate(value: string): number {
    const found = this.built().get(value);
    const count = found === undefined ? 0 : typeof found === 'number' ? 1 : found.length;
    return count + this.freshLines;
  }

  /** Lines [start, end) were replaced by `length` lines. */
  replaced(start: number, end: number, length: number): void {
    if (!this.base) return;
    if (this.edits.length >= MAX_EDITS) {
      this.base = undefined;
      this.edits = [];
      this.fresh = [];
      this.freshLines = 0;
      return;
    }
    this.edits.push({ start, end, length });
    const delta = length - (end - start);
    const ranges: Array<[number, number]> = [];
    for (const [from, to] of this.fresh) {
      if (from < start) ranges.push([from, Math.min(to, start)]);
      if (to > end) ranges.push([Math.max(from, end) + delta, to + delta]);
    }
    if (length > 0) ranges.push([start, start + length]);
    this.fresh = mergeRanges(ranges.filter(([from, to]) => to > from));
    this.freshLines = this.fresh.reduce((sum, [from, to]) => sum + to - from, 0);
  }

  private built(): Map<string, number | number[]> {
    if (!this.base) {
      const base = new Map<string, number | number[]>();
      const values = this.values();
      for (let index = 0; index < values.length; index++) {
        const value = values[index]!;
        const known = base.get(value);
        if (known === undefined) base.set(value, index);
        else if (typeof known === 'number') base.set(value, [known, index]);
        else known.push(index);
      }
      this.base = base;
    }
    return this.base;
  }

  private mapThroughEdits(position: number): number {
    let now = position;
    for (const edit of this.edits) {
      if (now < edit.start) continue;
      if (now < edit.end) return -1;
      now += edit.length - (edit.end - edit.start);
    }
    return now;
  }
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
