// The fake OpenAI-compatible model server: an http server with a scripted model behind it. This
// file owns the lifecycle (listen, record, reset, close without leaking sockets or timers); what
// to answer is decided in handler.ts.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FakeRule, FakeServerOptions, RecordedRequest } from './types';
import { Exchange } from './exchange';
import { parseBody, readBody, recordedBody } from './httpBody';
import { handleExchange } from './handler';
import { resolveRoute } from './routes';
import { RuleBook } from './rules';
import { quirksFor } from './quirks';
import { sendError } from './respond';
import { openAiErrorBody } from './errorShapes';
import type { Knobs } from './serverOptions';
import { applyKnobPatch, knobsFrom } from './serverOptions';
import { PromptCacheSim } from './promptCache';

interface RequestWaiter {
  check(): void;
  fail(error: Error): void;
}

const DEFAULT_WAIT_MS = 5000;

export class FakeLlmServer {
  readonly requests: RecordedRequest[] = [];
  private readonly rules: RuleBook;
  private knobs: Knobs;
  private promptCache: PromptCacheSim | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly exchanges = new Set<Exchange>();
  private readonly waiters = new Set<RequestWaiter>();
  private nextRequestId = 1;
  /** Bumped by reset(): requests that arrived before it are not recorded after it. */
  private generation = 0;
  private listeningPort = 0;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly startOptions: FakeServerOptions,
  ) {
    this.knobs = knobsFrom(startOptions);
    this.promptCache = this.knobs.promptCache && new PromptCacheSim(this.knobs.promptCache);
    this.rules = new RuleBook(startOptions.rules ?? []);
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void this.onRequest(request, response));
  }

  static async start(options: FakeServerOptions = {}): Promise<FakeLlmServer> {
    // noDelay: every SSE chunk leaves at once, as from a real token stream.
    const fake = new FakeLlmServer(createServer({ noDelay: true }), { ...options });
    await fake.listen(options.host ?? '127.0.0.1', options.port ?? 0);
    return fake;
  }

  get port(): number {
    return this.listeningPort;
  }

  /** `http://127.0.0.1:<port>/v1` (or the configured host when it is a specific address). */
  get baseUrl(): string {
    return `http://${connectableHost(this.startOptions.host)}:${this.listeningPort}/v1`;
  }

  setOptions(patch: Partial<FakeServerOptions>): void {
    if (('host' in patch && patch.host !== this.startOptions.host) || ('port' in patch && patch.port !== this.startOptions.port)) {
      throw new Error('fake-llm: host and port are fixed once the server listens; start another server instead');
    }
    this.knobs = applyKnobPatch(this.knobs, patch);
    if ('promptCache' in patch) this.promptCache = this.knobs.promptCache && new PromptCacheSim(this.knobs.promptCache);
    if ('rules' in patch) this.rules.replaceAll(patch.rules ?? []);
  }

  /** Prepended: the newest rule wins. */
  addRule(rule: FakeRule): void {
    this.rules.prepend(rule);
  }

  clearRules(): void {
    this.rules.clear();
  }

  /** Rules, recorded requests and knobs back to the start options (requests in flight are not recorded). */
  reset(): void {
    this.generation += 1;
    this.rules.replaceAll(this.startOptions.rules ?? []);
    this.knobs = knobsFrom(this.startOptions);
    this.promptCache = this.knobs.promptCache && new PromptCacheSim(this.knobs.promptCache);
    this.requests.length = 0;
    this.nextRequestId = 1;
  }

  /** Resolves with all recorded requests once at least `count` have arrived (bodies read). */
  waitForRequests(count: number, timeoutMs: number = DEFAULT_WAIT_MS): Promise<RecordedRequest[]> {
    if (this.requests.length >= count) return Promise.resolve([...this.requests]);
    if (this.closing !== undefined) return Promise.reject(new Error('fake-llm: server is closed'));
    return new Promise<RecordedRequest[]>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter: RequestWaiter = {
        check: () => {
          if (this.requests.length < count) return;
          done();
          resolve([...this.requests]);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      const timer = setTimeout(
        () => waiter.fail(new Error(`fake-llm: expected ${count} request(s) within ${timeoutMs} ms, got ${this.requests.length}`)),
        timeoutMs,
      );
      this.waiters.add(waiter);
    });
  }

  /** Stops listening and destroys every open connection, hung ones included. */
  close(): Promise<void> {
    if (this.closing !== undefined) return this.closing;
    for (const exchange of this.exchanges) exchange.markServerShutdown();
    for (const waiter of [...this.waiters]) waiter.fail(new Error('fake-llm: server closed while waiting for requests'));
    this.closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    return this.closing;
  }

  private listen(host: string, port: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        const address = this.server.address();
        this.listeningPort = typeof address === 'object' && address !== null ? address.port : port;
        resolve();
      });
    });
  }

  private async onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const exchange = new Exchange(request, response, this.nextRequestId++);
    const generation = this.generation;
    this.exchanges.add(exchange);
    void exchange.record.closed.then(() => this.exchanges.delete(exchange));
    if (this.closing !== undefined) exchange.markServerShutdown();

    const received = await readBody(request);
    const body = parseBody(received.text);
    exchange.record.body = recordedBody(body);
    if (generation === this.generation) this.record(exchange.record);
    if (!received.complete || exchange.isClosed) return;

    const quirks = quirksFor(this.knobs.quirks);
    if (received.tooLarge) {
      sendError(exchange, { status: 413, body: openAiErrorBody('Request body too large for fake-llm.', 'invalid_request_error') });
      return;
    }
    try {
      await handleExchange(exchange, resolveRoute(exchange.record.method, exchange.record.path), body, {
        ...this.knobs,
        quirks,
        rules: this.rules,
        promptCache: this.promptCache,
      });
    } catch (error) {
      // A bug in the fake must show up as a readable 500 in the test, never as a crashed process.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      if (!exchange.isClosed && !response.headersSent) {
        sendError(exchange, { status: 500, body: openAiErrorBody(`fake-llm internal error: ${message}`, 'server_error') });
      } else if (!exchange.isClosed) {
        exchange.destroy();
      }
    }
  }

  private record(request: RecordedRequest): void {
    this.requests.push(request);
    for (const waiter of [...this.waiters]) waiter.check();
  }
}

/** A wildcard listen address is reached through loopback; IPv6 literals need brackets in a URL. */
function connectableHost(host: string | undefined): string {
  if (host === undefined || host === '' || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
