// One request/response pair and its lifecycle. It records timings into the RecordedRequest, sees
// the client close the connection at once (so tests can assert how fast a client aborts), and
// owns every timer it starts, so nothing outlives the connection.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { RecordedRequest } from './types';

export class Exchange {
  readonly record: RecordedRequest;
  private closed = false;
  /** Set when the fake itself ends the connection (a fault or server shutdown): not a client abort. */
  private closedByServer = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly closeListeners = new Set<() => void>();

  constructor(
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
    id: number,
  ) {
    let resolveClosed!: () => void;
    const closedPromise = new Promise<void>((resolve) => (resolveClosed = resolve));
    this.record = {
      id,
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: { ...request.headers },
      body: undefined,
      receivedAt: performance.now(),
      aborted: false,
      closed: closedPromise,
    };
    response.on('finish', () => {
      this.record.completedAt = performance.now();
    });
    // 'close' fires for a finished response and for a connection lost midway; only the latter,
    // when the fake did not cause it, is a client abort.
    response.on('close', () => {
      const now = performance.now();
      if (!response.writableFinished && !this.closedByServer) {
        this.record.aborted = true;
        this.record.abortedAt = now;
      }
      this.closed = true;
      for (const timer of this.timers) clearTimeout(timer);
      this.timers.clear();
      for (const listener of [...this.closeListeners]) listener();
      this.closeListeners.clear();
      resolveClosed();
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Resolves true after `ms`, or false as soon as the connection closes. */
  sleep(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const onClose = (): void => resolve(false);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.closeListeners.delete(onClose);
        resolve(true);
      }, ms);
      this.timers.add(timer);
      this.closeListeners.add(onClose);
    });
  }

  /** Resolves when the connection closes (a hung response waits on this). */
  untilClosed(): Promise<void> {
    return this.record.closed;
  }

  /** Sends the status line and headers now, not with the first body write. */
  sendHead(status: number, headers: OutgoingHttpHeaders): void {
    if (this.closed) return;
    this.response.writeHead(status, headers);
    this.response.flushHeaders();
    this.record.firstByteAt ??= performance.now();
  }

  /** Writes with backpressure; false when the connection is gone. */
  async write(chunk: string): Promise<boolean> {
    if (this.closed) return false;
    this.record.firstByteAt ??= performance.now();
    if (this.response.write(chunk)) return true;
    return new Promise<boolean>((resolve) => {
      const onClose = (): void => resolve(false);
      this.closeListeners.add(onClose);
      this.response.once('drain', () => {
        this.closeListeners.delete(onClose);
        resolve(!this.closed);
      });
    });
  }

  end(chunk?: string): void {
    if (this.closed) return;
    this.record.firstByteAt ??= performance.now();
    this.response.end(chunk);
  }

  /** A complete response in one go (status, headers, body). */
  sendWhole(status: number, headers: OutgoingHttpHeaders, body: string): void {
    if (this.closed) return;
    this.response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
    this.end(body);
  }

  /**
   * Drops the connection from the server side, as a crashing server does: what was written still
   * arrives (destroying at once would discard Node's unsent buffer), then the socket closes
   * without the response's end, so the client sees a body cut short.
   */
  destroy(): void {
    this.closedByServer = true;
    const socket = this.request.socket;
    socket.end(() => socket.destroy());
  }

  /** The server is shutting down: the coming close is not the client's doing. */
  markServerShutdown(): void {
    this.closedByServer = true;
  }
}
