// One configured MCP server: started on first use, the handshake bounded by a timeout, restarted
// with backoff after a crash, stopped on request. Its state says why whenever it is not ready.
import type { McpServerConfig } from './config';
import { describeStartFailure, describeCallFailure } from './failures';
import { openSession, type OpenSession, type ResolvedLaunch } from './transport';

export interface McpToolInfo {
  server: string;
  /** The tool's own name on its server. */
  tool: string;
  title?: string;
  description: string;
  inputSchema: Record<string, unknown>;
  readOnlyHint: boolean;
  destructiveHint: boolean;
}

export type ServerState =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'ready'; transport: string; tools: McpToolInfo[]; serverInfo: string }
  | { kind: 'failed'; reason: string; retryAt: number | undefined }
  | { kind: 'blocked'; reason: string }
  | { kind: 'stopped' };

export interface ConnectionDeps {
  /** Substitutes variables (may ask for a secret); throws with a readable message. */
  resolve(server: McpServerConfig): Promise<ResolvedLaunch>;
  /** undefined: the server may start now; a string: why not (Restricted Mode, not confirmed, disabled). */
  mayStart(server: McpServerConfig, launch: ResolvedLaunch): Promise<string | undefined>;
  log(line: string): void;
  onChange(): void;
  handshakeTimeoutMs: () => number;
  maxMessageBytes: number;
  clientVersion: string;
  now?: () => number;
}

export interface CallOptions {
  signal: AbortSignal;
  /** Without an answer (or a progress notification) for this long, the call is cancelled. */
  timeoutMs: number;
  onProgress?: (message: string) => void;
}

/** Automatic restarts after crashes in a row; after that the server waits for Restart. */
const maxAutomaticRestarts = 5;
const stableAfterMs = 60_000;

export class ServerConnection {
  private stateValue: ServerState = { kind: 'idle' };
  private session: OpenSession | undefined;
  private starting: Promise<void> | undefined;
  private crashes = 0;
  private failures = 0;
  private readyAt = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly stderrTail: string[] = [];
  private generation = 0;

  constructor(readonly config: McpServerConfig, private readonly deps: ConnectionDeps) {}

  get state(): ServerState {
    return this.stateValue;
  }

  get name(): string {
    return this.config.name;
  }

  /** Starts the server unless it is ready, starting, blocked, or failed and still waiting out its backoff. */
  async ensureReady(): Promise<ServerState> {
    const state = this.stateValue;
    if (state.kind === 'ready') return state;
    if (state.kind === 'failed' && state.retryAt !== undefined && this.now() < state.retryAt) return state;
    if (state.kind === 'failed' && state.retryAt === undefined) return state;
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    await this.starting;
    return this.stateValue;
  }

  /** Stops and starts again, forgetting earlier failures (the view's Restart). */
  async restart(): Promise<ServerState> {
    await this.stop();
    this.crashes = 0;
    this.failures = 0;
    this.setState({ kind: 'idle' });
    return await this.ensureReady();
  }

  async stop(): Promise<void> {
    this.generation++;
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const session = this.session;
    this.session = undefined;
    if (session) {
      this.deps.log('stopping');
      await session.close();
    }
    if (this.stateValue.kind !== 'idle') this.setState({ kind: 'stopped' });
  }

  async callTool(tool: string, args: Record<string, unknown>, options: CallOptions): Promise<unknown> {
    const state = await this.ensureReady();
    if (state.kind !== 'ready' || !this.session) throw new Error(`MCP server "${this.name}" is not ready: ${describeState(state)}`);
    const session = this.session;
    try {
      return await session.client.callTool({ name: tool, arguments: args }, undefined, {
        signal: options.signal, timeout: options.timeoutMs, resetTimeoutOnProgress: true, maxTotalTimeout: Math.max(options.timeoutMs, 10 * 60_000),
        onprogress: (progress) => options.onProgress?.(`${this.name}/${tool}: ${progress.message ?? `${progress.progress}${progress.total ? ` of ${progress.total}` : ''}`}`),
      });
    } catch (error) {
      throw new Error(describeCallFailure(error, this.name, tool, options.timeoutMs, options.signal.aborted), { cause: error });
    }
  }

  /** The live SDK client of a ready server (resources, prompts), or undefined. */
  get client(): OpenSession['client'] | undefined {
    return this.stateValue.kind === 'ready' ? this.session?.client : undefined;
  }

  private async start(): Promise<void> {
    const generation = ++this.generation;
    this.stderrTail.length = 0;
    let launch: ResolvedLaunch;
    try {
      launch = await this.deps.resolve(this.config);
    } catch (error) {
      this.setState({ kind: 'blocked', reason: (error as Error).message });
      return;
    }
    const blocked = await this.deps.mayStart(this.config, launch);
    if (blocked !== undefined) {
      this.setState({ kind: 'blocked', reason: blocked });
      return;
    }
    this.setState({ kind: 'starting' });
    this.deps.log(launch.type === 'stdio' ? `starting: ${[launch.command, ...launch.args].join(' ')}` : `connecting to ${launch.url}`);
    let session: OpenSession | undefined;
    try {
      session = await openSession(launch, {
        handshakeTimeoutMs: this.deps.handshakeTimeoutMs(), maxMessageBytes: this.deps.maxMessageBytes, clientVersion: this.deps.clientVersion,
        onLog: (line) => {
          this.stderrTail.push(line);
          if (this.stderrTail.length > 20) this.stderrTail.shift();
          this.deps.log(line);
        },
        onClosed: () => this.onCrash(generation),
      });
      const tools = await this.listTools(session);
      if (generation !== this.generation) {
        await session.close();
        return;
      }
      this.session = session;
      this.failures = 0;
      this.readyAt = this.now();
      const info = session.client.getServerVersion();
      this.deps.log(`ready over ${session.transport}: ${info ? `${info.name} ${info.version}, ` : ''}${tools.length} tool${tools.length === 1 ? '' : 's'}`);
      this.setState({ kind: 'ready', transport: session.transport, tools, serverInfo: info ? `${info.name} ${info.version}` : '' });
    } catch (error) {
      await session?.close();
      if (generation !== this.generation) return;
      const reason = describeStartFailure(error, this.config, launch, this.deps.handshakeTimeoutMs(), this.stderrTail);
      this.deps.log(`failed: ${reason}`);
      this.failures++;
      this.setState({ kind: 'failed', reason, retryAt: this.now() + backoffMs(this.failures) });
    }
  }

  private async listTools(session: OpenSession): Promise<McpToolInfo[]> {
    if (!session.client.getServerCapabilities()?.tools) return [];
    const tools: McpToolInfo[] = [];
    let cursor: string | undefined;
    do {
      const page = await session.client.listTools(cursor ? { cursor } : {}, { timeout: this.deps.handshakeTimeoutMs() });
      for (const tool of page.tools) {
        tools.push({
          server: this.name, tool: tool.name, ...(tool.title ? { title: tool.title } : {}), description: tool.description ?? '',
          inputSchema: tool.inputSchema as Record<string, unknown>,
          readOnlyHint: tool.annotations?.readOnlyHint === true, destructiveHint: tool.annotations?.destructiveHint === true,
        });
      }
      cursor = page.nextCursor;
    } while (cursor && tools.length < 10_000);
    return tools;
  }

  private onCrash(generation: number): void {
    if (generation !== this.generation) return;
    this.session = undefined;
    if (this.now() - this.readyAt > stableAfterMs) this.crashes = 0;
    this.crashes++;
    const tail = this.stderrTail.slice(-3).join(' | ');
    const why = `the server stopped unexpectedly${tail ? ` (last output: ${tail})` : ''}`;
    if (this.crashes > maxAutomaticRestarts) {
      this.deps.log(`${why}; it crashed ${this.crashes} times in a row, so it is not restarted again until you restart it`);
      this.setState({ kind: 'failed', reason: `${why}; crashed ${this.crashes} times in a row — use Restart`, retryAt: undefined });
      return;
    }
    const delay = backoffMs(this.crashes);
    this.deps.log(`${why}; restarting in ${Math.round(delay / 1000)} s`);
    this.setState({ kind: 'failed', reason: why, retryAt: this.now() + delay });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (generation === this.generation) void this.ensureReady();
    }, delay);
    this.restartTimer.unref?.();
  }

  private setState(state: ServerState): void {
    this.stateValue = state;
    this.deps.onChange();
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}

/** 1 s, 2 s, 4 s … capped at 5 minutes. */
export function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), 5 * 60_000);
}

export function describeState(state: ServerState): string {
  switch (state.kind) {
    case 'idle': return 'not started yet';
    case 'starting': return 'starting';
    case 'ready': return `ready with ${state.tools.length} tool${state.tools.length === 1 ? '' : 's'}`;
    case 'failed': return `failed: ${state.reason}`;
    case 'blocked': return `not started: ${state.reason}`;
    case 'stopped': return 'stopped';
  }
}
