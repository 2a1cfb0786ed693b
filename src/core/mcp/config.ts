// The user's MCP servers, from `tandem.mcp.servers` and the workspace's `.vscode/mcp.json` (VS Code's
// own format, so a server is configured once). Plain data; nothing here starts a process.
import type { ParseError } from './jsonc';

type Jsonc = typeof import('./jsonc');
/** The JSONC parser loads with the first mcp.json read, not when the extension starts. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- require() is the lazy load that bundles correctly
const jsonc = (): Jsonc => require('./jsonc') as Jsonc;

/** Where a server was defined: the user's own settings, or the workspace (settings or .vscode/mcp.json). */
export type McpOrigin = 'user' | 'workspace';

interface ServerBase {
  name: string;
  origin: McpOrigin;
  /** Where it was defined, for messages: "tandem.mcp.servers" or the mcp.json path. */
  source: string;
}

export interface StdioServerConfig extends ServerBase {
  type: 'stdio';
  command: string;
  args: string[];
  /** Values may hold ${input:..}, ${secret:..}, ${env:..}; null removes an inherited variable. */
  env: Record<string, string | null>;
  cwd?: string;
  envFile?: string;
}

export interface RemoteServerConfig extends ServerBase {
  /** http: Streamable HTTP, falling back to SSE when the server does not speak it; sse: SSE only. */
  type: 'http' | 'sse';
  url: string;
  headers: Record<string, string>;
}

export type McpServerConfig = StdioServerConfig | RemoteServerConfig;

/** An `inputs` entry of mcp.json: a value asked for once (`${input:id}`) and kept in secret storage. */
export interface McpInput {
  id: string;
  description: string;
  password: boolean;
  default?: string;
  /** pickString: the choices. */
  options?: string[];
}

export interface McpConfigSource {
  origin: McpOrigin;
  /** Shown in messages (a file path or a setting name). */
  source: string;
  /** The parsed `servers` object (mcp.json) or the `tandem.mcp.servers` value. */
  servers: unknown;
  inputs?: unknown;
}

export interface McpConfig {
  servers: McpServerConfig[];
  inputs: McpInput[];
  /** Entries that could not be used, each naming the entry and what is wrong. */
  problems: string[];
}

/** Reads a `.vscode/mcp.json` text (JSON with comments) into a source; a parse error is a problem. */
export function parseMcpJson(text: string, file: string, origin: McpOrigin): { source?: McpConfigSource; problem?: string } {
  const { parse, printParseErrorCode } = jsonc();
  const errors: ParseError[] = [];
  const parsed: unknown = parse(text, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first) return { problem: `${file} is not valid JSON (${printParseErrorCode(first.error)} at offset ${first.offset}); its MCP servers are not loaded.` };
  if (!isRecord(parsed)) return { problem: `${file} must hold a JSON object with "servers"; its MCP servers are not loaded.` };
  return { source: { origin, source: file, servers: parsed.servers ?? {}, inputs: parsed.inputs } };
}

/**
 * Merges the sources in order; a later server of the same name replaces an earlier one (user
 * settings, then workspace settings, then mcp.json), with a problem saying so.
 */
export function readMcpConfig(sources: readonly McpConfigSource[]): McpConfig {
  const byName = new Map<string, McpServerConfig>();
  const inputs = new Map<string, McpInput>();
  const problems: string[] = [];
  for (const source of sources) {
    if (source.servers === undefined || source.servers === null) continue;
    if (!isRecord(source.servers)) {
      problems.push(`${source.source}: "servers" must be an object of server name -> settings.`);
      continue;
    }
    for (const [name, raw] of Object.entries(source.servers)) {
      const server = parseServer(name, raw, source);
      if (typeof server === 'string') {
        problems.push(`${source.source}: MCP server "${name}": ${server}`);
        continue;
      }
      const earlier = byName.get(name);
      if (earlier && earlier.source !== source.source) problems.push(`MCP server "${name}" of ${source.source} replaces the one of ${earlier.source}.`);
      byName.set(name, server);
    }
    for (const input of Array.isArray(source.inputs) ? source.inputs : []) {
      const parsed = parseInput(input);
      if (typeof parsed === 'string') problems.push(`${source.source}: inputs: ${parsed}`);
      else inputs.set(parsed.id, parsed);
    }
  }
  return { servers: [...byName.values()], inputs: [...inputs.values()], problems };
}

function parseServer(name: string, raw: unknown, source: McpConfigSource): McpServerConfig | string {
  if (!isRecord(raw)) return 'expected an object with "command" (a local server) or "url" (a remote one).';
  if (!name.trim()) return 'the name is empty.';
  const base = { name, origin: source.origin, source: source.source };
  const type = raw.type ?? (typeof raw.command === 'string' ? 'stdio' : typeof raw.url === 'string' ? 'http' : undefined);
  if (type === 'stdio') {
    if (typeof raw.command !== 'string' || !raw.command.trim()) return '"command" must be the program to start, e.g. "npx".';
    const args = raw.args ?? [];
    if (!Array.isArray(args) || !args.every((a) => typeof a === 'string')) return '"args" must be a list of strings.';
    const env = raw.env ?? {};
    if (!isRecord(env) || !Object.values(env).every((v) => typeof v === 'string' || typeof v === 'number' || v === null)) return '"env" must map names to strings.';
    if (raw.cwd !== undefined && typeof raw.cwd !== 'string') return '"cwd" must be a folder path.';
    if (raw.envFile !== undefined && typeof raw.envFile !== 'string') return '"envFile" must be a file path.';
    return {
      ...base, type: 'stdio', command: raw.command.trim(), args: args as string[],
      env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? null : String(v)])),
      ...(raw.cwd !== undefined ? { cwd: raw.cwd as string } : {}), ...(raw.envFile !== undefined ? { envFile: raw.envFile as string } : {}),
    };
  }
  if (type === 'http' || type === 'sse' || type === 'streamableHttp') {
    if (typeof raw.url !== 'string' || !/^https?:\/\//i.test(raw.url.trim())) return '"url" must be an http:// or https:// address.';
    const headers = raw.headers ?? {};
    if (!isRecord(headers) || !Object.values(headers).every((v) => typeof v === 'string')) return '"headers" must map names to strings.';
    return { ...base, type: type === 'sse' ? 'sse' : 'http', url: raw.url.trim(), headers: headers as Record<string, string> };
  }
  return `"type" must be "stdio", "http" or "sse" (got ${JSON.stringify(type)}).`;
}

function parseInput(raw: unknown): McpInput | string {
  if (!isRecord(raw) || typeof raw.id !== 'string' || !raw.id) return 'each input needs an "id".';
  const options = Array.isArray(raw.options) ? raw.options.filter((o): o is string => typeof o === 'string') : undefined;
  return {
    id: raw.id, description: typeof raw.description === 'string' ? raw.description : raw.id, password: raw.password === true,
    ...(typeof raw.default === 'string' ? { default: raw.default } : {}), ...(options?.length ? { options } : {}),
  };
}

/** The exact command line a stdio server runs, as shown to the user and remembered when trusted. */
export function commandLineOf(server: StdioServerConfig): string {
  return [server.command, ...server.args].map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
