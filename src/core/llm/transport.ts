import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';

/**
 * Per-request facts the transport observes and the client reads when it classifies a failure:
 * the openai SDK turns every fetch failure into a generic connection error and drops the cause.
 */
export interface TransportTrace {
  connectTimedOut?: boolean;
  /** Socket error code before any response, e.g. ECONNREFUSED, ENOTFOUND, ECONNRESET. */
  errorCode?: string;
  responseStarted?: boolean;
  /** The TCP (and TLS) connection was up: a failure after this is the server's doing, not the network's. */
  connected?: boolean;
  /** The request went over a kept-alive socket, which the server may have closed meanwhile. */
  reusedSocket?: boolean;
}

export interface TransportOptions {
  connectTimeoutMs: number;
  userAgent: string;
  /** An Authorization bearer value that means "no key": the header is dropped, not sent. */
  dropBearer?: string;
}

/** The RequestInit our transport understands: fetch's, plus the trace slot. */
export type TracedRequestInit = RequestInit & { tandemTrace?: TransportTrace };

/**
 * A `fetch` over node:http(s), handed to the openai client. Why not the global fetch: it has no
 * connect timeout we can set, and going through node:http lets VS Code's proxy support apply.
 * Aborting destroys the socket at once, so the server sees the connection close.
 */
export function createNodeFetch(options: TransportOptions): typeof fetch {
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 8 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 8 }),
  };

  const nodeFetch = (input: string | URL | Request, init: TracedRequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const trace = init.tandemTrace ?? {};
    const isHttps = url.protocol === 'https:';
    const headers = outgoingHeaders(init.headers, options);

    return new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      const request = (isHttps ? https : http).request(url, {
        method: init.method ?? 'GET',
        headers,
        agent: isHttps ? agents.https : agents.http,
      });
      let connectTimer: NodeJS.Timeout | undefined;
      const clearConnectTimer = () => connectTimer && clearTimeout(connectTimer);
      const onAbort = () => request.destroy(abortError());
      signal?.addEventListener('abort', onAbort, { once: true });
      const detach = () => signal?.removeEventListener('abort', onAbort);

      request.on('socket', (socket) => {
        if (!socket.connecting) {
          // A kept-alive socket is already connected.
          trace.connected = true;
          trace.reusedSocket = true;
          return;
        }
        socket.once(isHttps ? 'secureConnect' : 'connect', () => (trace.connected = true));
        connectTimer = setTimeout(() => {
          trace.connectTimedOut = true;
          request.destroy(Object.assign(new Error(`connect to ${url.host} exceeded ${options.connectTimeoutMs} ms`), { code: 'TANDEM_CONNECT_TIMEOUT' }));
        }, options.connectTimeoutMs);
        socket.once(isHttps ? 'secureConnect' : 'connect', clearConnectTimer);
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        clearConnectTimer();
        detach();
        if (!trace.responseStarted && error.code) trace.errorCode = error.code;
        reject(signal?.aborted ? abortError() : error);
      });
      request.on('response', (response) => {
        clearConnectTimer();
        trace.responseStarted = true;
        response.once('close', detach);
        resolve(toWebResponse(response));
      });

      const body = init.body;
      if (body === undefined || body === null) request.end();
      else if (typeof body === 'string' || body instanceof Uint8Array) request.end(body);
      else {
        request.destroy();
        reject(new TypeError('Tandem transport: only string and byte bodies are supported'));
      }
    });
  };
  return nodeFetch as typeof fetch;
}

function toWebResponse(response: http.IncomingMessage): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const status = response.statusCode ?? 500;
  const hasBody = status !== 204 && status !== 304;
  // Readable.toWeb destroys the socket when the consumer cancels the body.
  const body = hasBody ? (Readable.toWeb(response) as unknown as ReadableStream<Uint8Array>) : null;
  if (!hasBody) response.resume();
  return new Response(body, { status, statusText: response.statusMessage ?? '', headers });
}

/** Headers the SDK adds that describe this machine (OS, arch, runtime) are not the server's business. */
function outgoingHeaders(init: HeadersInit | undefined, options: TransportOptions): Record<string, string> {
  const result: Record<string, string> = {};
  new Headers(init ?? {}).forEach((value, name) => {
    if (name.startsWith('x-stainless-')) return;
    if (options.dropBearer && (name === 'authorization' || name === 'api-key') && value.endsWith(options.dropBearer)) return;
    result[name] = value;
  });
  result['user-agent'] = options.userAgent;
  return result;
}

function abortError(): Error {
  const error = new Error('The request was aborted');
  error.name = 'AbortError';
  return error;
}
