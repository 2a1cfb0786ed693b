// What went wrong with a server, in words a user can act on: the reason shown in the MCP view, the
// CLI and the model's tool result.
import type { McpServerConfig } from './config';
import type { ResolvedLaunch } from './transport';

// The SDK's JSON-RPC error codes (ErrorCode in @modelcontextprotocol/sdk/types.js), copied so this
// file does not load the SDK.
const connectionClosed = -32000;
const requestTimeout = -32001;

export function describeStartFailure(error: unknown, config: McpServerConfig, launch: ResolvedLaunch, handshakeTimeoutMs: number, stderrTail: readonly string[]): string {
  const err = error as { code?: unknown; message?: string; cause?: { code?: unknown; message?: string } };
  const output = stderrTail.length ? ` Its last output: ${stderrTail.slice(-5).join(' | ')}` : '';
  const seconds = `${Math.round(handshakeTimeoutMs / 100) / 10} s`;
  if (launch.type === 'stdio') {
    if (err.code === 'ENOENT') return `cannot start "${launch.command}": no such program. Install it, or put its full path in "command" (${config.source}).`;
    if (err.code === 'EACCES') return `cannot start "${launch.command}": it is not executable (EACCES).`;
    if (err.code === requestTimeout) return `the program started but did not answer the MCP handshake within ${seconds}; is "${launch.command}" an MCP server speaking on stdout? (tandem.mcp.startupTimeoutMs sets the wait)${output}`;
    if (err.code === connectionClosed) return `the server exited before the MCP handshake finished.${output || ' It wrote nothing to stderr.'}`;
    return `could not start: ${err.message ?? String(error)}.${output}`;
  }
  const causeCode = err.cause?.code;
  if (causeCode === 'ECONNREFUSED') return `nothing answers at ${launch.url} (connection refused). Is the server running?`;
  if (causeCode === 'ENOTFOUND') return `the host of ${launch.url} is unknown (DNS).`;
  if (err.code === 401 || err.code === 403 || /\b40[13]\b/.test(err.message ?? '')) return `${launch.url} refused the request (HTTP ${err.code ?? '401/403'}): check the credentials in "headers" (${config.source}).`;
  if (err.code === requestTimeout) return `${launch.url} did not answer the MCP handshake within ${seconds}.`;
  return `could not connect to ${launch.url}: ${err.message ?? String(error)}${err.cause?.message ? ` (${err.cause.message})` : ''}.`;
}

export function describeCallFailure(error: unknown, server: string, tool: string, timeoutMs: number, aborted: boolean): string {
  const err = error as { code?: unknown; message?: string };
  if (aborted) return `${server}/${tool} was cancelled.`;
  if (err.code === requestTimeout) return `${server}/${tool} gave no answer within ${Math.round(timeoutMs / 1000)} s; the call was cancelled (tandem.mcp.toolTimeoutMs sets the wait).`;
  if (err.code === connectionClosed) return `the MCP server "${server}" stopped during the call to ${tool}; its outcome is unknown.`;
  if (typeof err.code === 'number') return `${server}/${tool}: the server answered with error ${err.code}: ${stripPrefix(err.message ?? '')}`;
  return `${server}/${tool}: ${err.message ?? String(error)}`;
}

function stripPrefix(message: string): string {
  return message.replace(/^MCP error -?\d+:\s*/, '');
}
