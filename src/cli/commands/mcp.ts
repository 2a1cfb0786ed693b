import { parseArgs } from 'node:util';
import { describeState, formatToolResult, isToolEnabled, type McpManager } from '../../core/mcp';
import { redactSecrets } from '../../core/context/redact';
import type { SettingsFile } from '../settingsFile';
import { createCliMcp } from './mcpSetup';

export const mcpUsage = `Usage: tandem mcp list [--json]
       tandem mcp call <server> <tool> '<json arguments>' [--json] [--timeout MS]

The project's MCP servers, configured as in VS Code: tandem.mcp.servers in the settings file and
the workspace's .vscode/mcp.json ("servers" with type stdio/http/sse, command/args/env/cwd/envFile,
url/headers, "inputs").

  list               start every enabled server and show its status and tools (or why it failed)
  call               call one tool with a JSON object of arguments and print the result (cut to
                     100,000 characters, secrets redacted); for debugging a server
  --json             machine-readable output
  --timeout MS       how long a call may go without an answer (default tandem.mcp.toolTimeoutMs)
  --cwd, --settings, --verbose (the servers' logs on standard error)   global options

\${secret:NAME} is read from the environment variable NAME, \${input:id} from ID in upper case
(gh-token -> GH_TOKEN); a missing one is asked on a terminal. A stdio server the workspace defines
runs only after you confirm its command line once on a terminal (remembered in $TANDEM_HOME).
Exit codes: 0 listed / the tool succeeded, 1 the tool or its server failed, 2 bad usage.`;

export interface McpIo {
  root: string;
  settings: SettingsFile;
  settingsFromFlag: boolean;
  verbose: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  ask: ((question: string) => Promise<string | undefined>) | undefined;
}

const options = { json: { type: 'boolean' }, timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

export async function runMcpCommand(argv: string[], io: McpIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${mcpUsage}\n`);
    return 0;
  }
  const [sub, ...rest] = positionals;
  if (sub !== 'list' && sub !== 'call') return usageError(io, sub ? `unknown mcp command '${sub}' (list or call)` : 'tandem mcp needs list or call');
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1) return usageError(io, `--timeout ${values.timeout}: expected milliseconds, a whole number above 0`);
  }
  let args: Record<string, unknown> = {};
  if (sub === 'call') {
    if (rest.length < 2 || rest.length > 3) return usageError(io, `tandem mcp call needs a server and a tool, e.g. tandem mcp call memory read_graph '{}'`);
    try {
      const value: unknown = JSON.parse(rest[2] ?? '{}');
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
      args = value as Record<string, unknown>;
    } catch (error) {
      return usageError(io, `the arguments must be a JSON object, e.g. '{"query": "x"}' (${(error as Error).message})`);
    }
  } else if (rest.length > 0) return usageError(io, `tandem mcp list takes no arguments (got ${rest.join(' ')})`);

  const mcp = await createCliMcp({
    root: io.root, settings: io.settings, settingsFromFlag: io.settingsFromFlag, env: io.env, ask: io.ask,
    log: (server, line) => {
      if (io.verbose) io.stderr(`[${server}] ${line}\n`);
    },
  });
  for (const problem of mcp.problems) io.stderr(`tandem: ${problem}\n`);
  try {
    if (sub === 'list') return await list(mcp.manager, io, values.json === true);
    return await call(mcp.manager, io, rest[0]!, rest[1]!, args, timeoutMs, values.json === true);
  } finally {
    await mcp.manager.dispose();
  }
}

async function list(manager: McpManager, io: McpIo, json: boolean): Promise<number> {
  await manager.startAll();
  const names = manager.allToolNames();
  const servers = manager.servers().map((connection) => {
    const { config, state } = connection;
    const tools = state.kind === 'ready' ? state.tools.map((t) => ({
      name: names.get(`${t.server}/${t.tool}`)?.name, tool: t.tool, description: t.description, readOnlyHint: t.readOnlyHint,
      enabled: isToolEnabled(manager.settings, t.server, t.tool), ...(names.get(`${t.server}/${t.tool}`)?.note ? { note: names.get(`${t.server}/${t.tool}`)?.note } : {}),
    })) : [];
    return {
      name: config.name, type: config.type, origin: config.origin, source: config.source, enabled: !manager.settings.disabled.has(config.name),
      status: state.kind, ...(state.kind === 'failed' || state.kind === 'blocked' ? { reason: state.reason } : {}), tools,
    };
  });
  if (json) {
    io.stdout(`${JSON.stringify({ servers, problems: manager.problems })}\n`);
    return 0;
  }
  if (servers.length === 0) {
    io.stdout('No MCP servers configured (tandem.mcp.servers in the settings, or .vscode/mcp.json).\n');
    return 0;
  }
  for (const server of servers) {
    const connection = manager.server(server.name)!;
    io.stdout(`${server.name} (${server.type}, ${server.origin}): ${server.enabled ? describeState(connection.state) : 'turned off'}\n`);
    for (const tool of server.tools) {
      const description = tool.description.split('\n', 1)[0] ?? '';
      io.stdout(`  ${tool.name ?? tool.tool}${tool.enabled ? '' : ' (off)'}${tool.readOnlyHint ? ' [read-only]' : ''} — ${description.length > 100 ? `${description.slice(0, 99)}…` : description}\n`);
      if (tool.note) io.stdout(`      name changed: ${tool.note}\n`);
    }
  }
  return 0;
}

async function call(manager: McpManager, io: McpIo, server: string, tool: string, args: Record<string, unknown>, timeoutMs: number | undefined, json: boolean): Promise<number> {
  if (!manager.server(server)) {
    const known = manager.servers().map((s) => s.name);
    return usageError(io, `there is no MCP server "${server}" (configured: ${known.join(', ') || 'none'})`);
  }
  let result: unknown;
  try {
    result = await manager.call(server, tool, args, {
      signal: io.signal, timeoutMs: timeoutMs ?? manager.settings.toolTimeoutMs,
      onProgress: (message) => io.stderr(`tandem: ${message}\n`),
    });
  } catch (error) {
    io.stderr(`tandem: ${manager.redact((error as Error).message)}\n`);
    return 1;
  }
  const formatted = formatToolResult(result, 100_000, (text) => redactSecrets(manager.redact(text)).text);
  if (json) io.stdout(`${JSON.stringify({ ok: !formatted.isError, summary: formatted.summary, text: formatted.text })}\n`);
  else io.stdout(`${formatted.text}\n`);
  return formatted.isError ? 1 : 0;
}

function usageError(io: McpIo, message: string): number {
  io.stderr(`tandem: ${message}\n\n${mcpUsage}\n`);
  return 2;
}
