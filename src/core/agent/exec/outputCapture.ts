/**
 * Keeps the beginning and the end of a stream of bytes in fixed memory: the first `headBytes`,
 * the last `tailBytes`, and a count of what was cut between them. A command that prints 5 GB
 * costs no more memory than one that prints 60 KB.
 */
export class OutputCapture {
  private readonly head: Buffer[] = [];
  private headSize = 0;
  private tail: Buffer[] = [];
  private tailSize = 0;
  private total = 0;

  constructor(private readonly headBytes = 20 * 1024, private readonly tailBytes = 40 * 1024) {}

  get totalBytes(): number {
    return this.total;
  }

  push(chunk: Buffer): void {
    this.total += chunk.length;
    let rest = chunk;
    if (this.headSize < this.headBytes) {
      const take = Math.min(this.headBytes - this.headSize, rest.length);
      this.head.push(rest.subarray(0, take));
      this.headSize += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    if (rest.length >= this.tailBytes) {
      // copy: a subarray would keep the whole (possibly huge) chunk alive
      this.tail = [Buffer.from(rest.subarray(rest.length - this.tailBytes))];
      this.tailSize = this.tailBytes;
      return;
    }
    this.tail.push(rest);
    this.tailSize += rest.length;
    while (this.tailSize > this.tailBytes) {
      const first = this.tail[0]!;
      const excess = this.tailSize - this.tailBytes;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailSize -= first.length;
      } else {
        this.tail[0] = Buffer.from(first.subarray(excess));
        this.tailSize -= excess;
      }
    }
  }

  /** The text kept, with `… N bytes cut …` where the middle was dropped; never a broken character. */
  text(): string {
    const head = Buffer.concat(this.head);
    const tail = Buffer.concat(this.tail);
    const cut = this.total - head.length - tail.length;
    if (cut <= 0) return Buffer.concat([head, tail]).toString('utf8');
    const headEnd = characterBoundaryBefore(head, head.length);
    const tailStart = characterBoundaryAfter(tail, 0);
    const dropped = cut + (head.length - headEnd) + tailStart;
    return `${head.subarray(0, headEnd).toString('utf8')}\n… ${dropped.toLocaleString('en-US')} bytes cut …\n${tail.subarray(tailStart).toString('utf8')}`;
  }
}

const isContinuation = (byte: number | undefined): boolean => byte !== undefined && (byte & 0xc0) === 0x80;

/** Largest index <= end that does not split a UTF-8 character. */
function characterBoundaryBefore(bytes: Buffer, end: number): number {
  if (end === 0) return 0;
  let start = end - 1;
  while (start > 0 && end - start < 4 && isContinuation(bytes[start])) start--;
  const lead = bytes[start] ?? 0;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return start + length <= end ? end : start;
}

/** Smallest index >= start that begins a UTF-8 character. */
function characterBoundaryAfter(bytes: Buffer, start: number): number {
  let i = start;
  while (i < bytes.length && i < start + 4 && isContinuation(bytes[i])) i++;
  return i;
}
