// All configured MCP servers of a window (or a CLI run): kept in step with the configuration,
// started on first use, their tools named for the model.
import { redactForLog } from '../logger';
import type { McpConfig, McpServerConfig } from './config';
import { checkLaunch, resolveLaunch, type LaunchGuard } from './launch';
import { ServerConnection, type CallOptions, type McpToolInfo, type ServerState } from './serverConnection';
import { defaultMcpSettings, isToolEnabled, type McpSettings } from './settings';
import { assignToolNames } from './toolNames';
import type { McpSecrets } from './variables';

export interface McpManagerDeps {
  workspaceFolder: string | undefined;
  userHome: string;
  env: Readonly<Record<string, string | undefined>>;
  secrets: McpSecrets;
  guard: LaunchGuard;
  /** The server's log (stderr, lifecycle); lines arrive with secrets already removed. */
  log(server: string, line: string): void;
  clientVersion: string;
  /** Largest message a stdio server may send, bytes (default 64 MB). */
  maxMessageBytes?: number;
}

/** A tool as the agent sees it: its model-facing name, and a note when that name had to change. */
export interface NamedMcpTool {
  name: string;
  note?: string;
  info: McpToolInfo;
}

export class McpManager {
  private connections = new Map<string, ServerConnection>();
  private config: McpConfig = { servers: [], inputs: [], problems: [] };
  private settingsValue: McpSettings = defaultMcpSettings;
  private readonly listeners = new Set<() => void>();
  private readonly secretValues = new Set<string>();
  /** Servers whose next start may ask again about a declined command line (an explicit Restart). */
  private readonly askAgain = new Set<string>();

  constructor(private readonly deps: McpManagerDeps) {}

  get settings(): McpSettings {
    return this.settingsValue;
  }

  get problems(): readonly string[] {
    return this.config.problems;
  }

  /** Applies a new configuration: removed or changed servers stop, new ones wait for first use. */
  async configure(config: McpConfig, settings: McpSettings): Promise<void> {
    this.config = config;
    this.settingsValue = settings;
    const next = new Map<string, ServerConnection>();
    const stopping: Promise<void>[] = [];
    for (const server of config.servers) {
      const existing = this.connections.get(server.name);
      if (existing && sameServer(existing.config, server)) {
        next.set(server.name, existing);
        if (settings.disabled.has(server.name) && existing.state.kind === 'ready') stopping.push(existing.stop());
      } else {
        if (existing) stopping.push(existing.stop());
        next.set(server.name, this.connectionFor(server));
      }
    }
    for (const [name, connection] of this.connections) if (!next.has(name)) stopping.push(connection.stop());
    this.connections = next;
    this.changed();
    await Promise.all(stopping);
  }

  servers(): readonly ServerConnection[] {
    return [...this.connections.values()];
  }

  server(name: string): ServerConnection | undefined {
    return this.connections.get(name);
  }

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts every enabled server that is not running yet (in parallel) and waits for them. */
  async startAll(): Promise<void> {
    await Promise.all(this.servers().filter((s) => !this.settingsValue.disabled.has(s.name)).map((s) => s.ensureReady()));
  }

  /** The enabled tools of the servers that are ready (starting the others first), named for the model. */
  async tools(): Promise<NamedMcpTool[]> {
    await this.startAll();
    const infos: McpToolInfo[] = [];
    for (const connection of this.servers()) {
      const state = connection.state;
      if (state.kind !== 'ready') continue;
      for (const tool of state.tools) if (isToolEnabled(this.settingsValue, connection.name, tool.tool)) infos.push(tool);
    }
    const names = assignToolNames(infos.map((info) => ({ server: info.server, tool: info.tool })));
    return infos.map((info, i) => ({ name: names[i]!.name, ...(names[i]!.note ? { note: names[i]!.note } : {}), info }));
  }

  /** Names for every tool of every ready server, enabled or not (the view shows them all). */
  allToolNames(): Map<string, { name: string; note?: string }> {
    const infos = this.servers().flatMap((c) => (c.state.kind === 'ready' ? c.state.tools : []));
    const enabled = infos.filter((i) => isToolEnabled(this.settingsValue, i.server, i.tool));
    const names = assignToolNames(enabled.map((i) => ({ server: i.server, tool: i.tool })));
    return new Map(names.map((n) => [`${n.server}/${n.tool}`, { name: n.name, ...(n.note ? { note: n.note } : {}) }]));
  }

  async call(server: string, tool: string, args: Record<string, unknown>, options: CallOptions): Promise<unknown> {
    const connection = this.connections.get(server);
    if (!connection) throw new Error(`There is no MCP server "${server}" (configured: ${[...this.connections.keys()].join(', ') || 'none'}).`);
    if (this.settingsValue.disabled.has(server)) throw new Error(`The MCP server "${server}" is turned off (tandem.mcp.disabled).`);
    return await connection.callTool(tool, args, options);
  }

  async restart(server: string): Promise<ServerState | undefined> {
    const connection = this.connections.get(server);
    if (!connection) return undefined;
    this.askAgain.add(server);
    try {
      return await connection.restart();
    } finally {
      this.askAgain.delete(server);
    }
  }

  async stop(server: string): Promise<void> {
    await this.connections.get(server)?.stop();
  }

  async dispose(): Promise<void> {
    const all = this.servers();
    this.connections = new Map();
    this.listeners.clear();
    await Promise.all(all.map((c) => c.stop()));
  }

  /** Removes every secret value a server was started with from a text (logs, messages). */
  redact(text: string): string {
    return redactForLog(text, this.secretValues);
  }

  private connectionFor(server: McpServerConfig): ServerConnection {
    return new ServerConnection(server, {
      resolve: (s) => resolveLaunch(s, {
        workspaceFolder: this.deps.workspaceFolder, userHome: this.deps.userHome, env: this.deps.env, inputs: this.config.inputs,
        secrets: this.deps.secrets, resolvedSecrets: this.secretValues,
      }),
      mayStart: (s, launch) => checkLaunch(s, launch, this.settingsValue, this.deps.guard, this.askAgain.has(s.name)),
      log: (line) => this.deps.log(server.name, this.redact(line)),
      onChange: () => this.changed(),
      handshakeTimeoutMs: () => this.settingsValue.startupTimeoutMs,
      maxMessageBytes: this.deps.maxMessageBytes ?? 64 * 1024 * 1024,
      clientVersion: this.deps.clientVersion,
    });
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

function sameServer(a: McpServerConfig, b: McpServerConfig): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
