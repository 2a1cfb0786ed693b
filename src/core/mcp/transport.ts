// Opens a session with one server over the SDK's transports. The SDK is imported here, lazily:
// activation never pays for it, only the first server start does.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Readable } from 'node:stream';
import type { RemoteServerConfig } from './config';
import { LinearReadBuffer } from './lineBuffer';
import { loadClient, loadSharedStdio, loadSse, loadStdio, loadStreamable } from './sdk';

/** A started stdio server as the launcher resolved it (variables substituted). */
export interface ResolvedStdio {
  type: 'stdio';
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string | undefined;
}

export interface ResolvedRemote {
  type: RemoteServerConfig['type'];
  url: string;
  headers: Record<string, string>;
}

export type ResolvedLaunch = ResolvedStdio | ResolvedRemote;

export interface OpenSession {
  client: Client;
  /** Which transport answered (http may have fallen back to SSE). */
  transport: 'stdio' | 'streamable-http' | 'sse';
  close(): Promise<void>;
}

export interface OpenOptions {
  handshakeTimeoutMs: number;
  /** Each line the server writes to stderr (stdio) and each transport error. */
  onLog: (line: string) => void;
  /** The session ended without close() (the process exited, the connection dropped). */
  onClosed: () => void;
  /** Largest message accepted from a stdio server, in bytes. */
  maxMessageBytes: number;
  clientVersion: string;
}

export async function openSession(launch: ResolvedLaunch, options: OpenOptions): Promise<OpenSession> {
  if (launch.type === 'stdio') return await openStdio(launch, options);
  if (launch.type === 'sse') return await openRemote(launch, options, 'sse');
  try {
    return await openRemote(launch, options, 'streamable-http');
  } catch (error) {
    // VS Code's rule for "http": a server that does not speak Streamable HTTP may speak the older SSE.
    if (!isHttpClientError(error)) throw error;
    options.onLog(`Streamable HTTP failed (${(error as Error).message}); trying the SSE transport`);
    return await openRemote(launch, options, 'sse');
  }
}

async function newClient(options: OpenOptions): Promise<Client> {
  const { Client } = loadClient();
  return new Client({ name: 'tandem', version: options.clientVersion }, { capabilities: {} });
}

async function openStdio(launch: ResolvedStdio, options: OpenOptions): Promise<OpenSession> {
  const { StdioClientTransport } = loadStdio();
  const transport = new StdioClientTransport({
    command: launch.command, args: launch.args, env: launch.env, ...(launch.cwd ? { cwd: launch.cwd } : {}),
    stderr: 'pipe', maxBufferSize: options.maxMessageBytes,
  });
  forwardLines(transport.stderr as Readable | null, options.onLog);
  const { deserializeMessage } = loadSharedStdio();
  // The SDK keeps its read buffer private; where it is found, the linear one replaces it.
  const internals = transport as unknown as { _readBuffer?: { append?: unknown; readMessage?: unknown } };
  if (typeof internals._readBuffer?.append === 'function' && typeof internals._readBuffer.readMessage === 'function') {
    internals._readBuffer = new LinearReadBuffer(options.maxMessageBytes, deserializeMessage) as never;
  }
  return await connect(transport, 'stdio', options);
}

async function openRemote(launch: ResolvedRemote, options: OpenOptions, kind: 'streamable-http' | 'sse'): Promise<OpenSession> {
  const url = new URL(launch.url);
  const requestInit = { headers: launch.headers };
  if (kind === 'sse') {
    const { SSEClientTransport } = loadSse();
    return await connect(new SSEClientTransport(url, { requestInit }), kind, options);
  }
  const { StreamableHTTPClientTransport } = loadStreamable();
  return await connect(new StreamableHTTPClientTransport(url, { requestInit }), kind, options);
}

type AnyTransport = Parameters<Client['connect']>[0];

async function connect(transport: AnyTransport, kind: OpenSession['transport'], options: OpenOptions): Promise<OpenSession> {
  const client = await newClient(options);
  let closing = false;
  let connected = false;
  client.onclose = () => {
    if (!closing && connected) options.onClosed();
  };
  client.onerror = (error) => options.onLog(`transport: ${error.message}`);
  try {
    await client.connect(transport, { timeout: options.handshakeTimeoutMs });
  } catch (error) {
    closing = true;
    await client.close().catch(() => {});
    throw error;
  }
  connected = true;
  return {
    client, transport: kind,
    close: async () => {
      closing = true;
      await client.close().catch((error: unknown) => options.onLog(`close: ${(error as Error).message}`));
    },
  };
}

/** 4xx from a POST: the server is there but does not speak Streamable HTTP. */
function isHttpClientError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number' && code >= 400 && code < 500) return true;
  return /\b(404|405|400)\b/.test((error as Error).message ?? '');
}

function forwardLines(stream: Readable | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let rest = '';
  stream.setEncoding?.('utf8');
  stream.on('data', (chunk: string | Buffer) => {
    const text = rest + chunk.toString();
    const lines = text.split(/\r?\n/);
    rest = lines.pop() ?? '';
    // A server that floods stderr must not flood memory: very long lines are cut.
    if (rest.length > 64_000) {
      lines.push(rest);
      rest = '';
    }
    for (const line of lines) if (line.trim()) onLine(line.length > 2_000 ? `${line.slice(0, 2_000)}… (${line.length} characters)` : line);
  });
  stream.on('end', () => {
    if (rest.trim()) onLine(rest);
  });
}
