// Newline-delimited JSON-RPC from a stdio server, read in linear time. The SDK's own read buffer
// concatenates the whole pending buffer on every chunk, so a 20 MB result took about a minute
// (quadratic); this one keeps the chunks and joins each line once.

export class LinearReadBuffer {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly lines: Buffer[] = [];

  constructor(private readonly maxBytes: number, private readonly deserialize: (line: string) => unknown) {}

  append(chunk: Buffer): void {
    let start = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, start)) {
      this.pending.push(chunk.subarray(start, newline));
      this.lines.push(this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending));
      this.pending = [];
      this.pendingBytes = 0;
      start = newline + 1;
    }
    if (start >= chunk.length) return;
    this.pendingBytes += chunk.length - start;
    if (this.pendingBytes > this.maxBytes) {
      this.clear();
      throw new Error(`the server sent a message larger than ${Math.round(this.maxBytes / 1_048_576)} MB; the connection is closed`);
    }
    this.pending.push(chunk.subarray(start));
  }

  /** The next message, or null; a line that is not JSON-RPC throws (the transport logs it and goes on). */
  readMessage(): unknown {
    const line = this.lines.shift();
    if (line === undefined) return null;
    return this.deserialize(line.toString('utf8').replace(/\r$/, ''));
  }

  clear(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.lines.length = 0;
  }
}
