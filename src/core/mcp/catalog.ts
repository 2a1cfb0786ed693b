// What the chat takes from MCP servers besides tools: their resources (context chips) and prompts
// (slash commands), through the SDK client's listResources/readResource/listPrompts/getPrompt.
// Lists are kept per server until its state changes (a restart may bring other ones) or for
// `listTtlMs` (a server may add resources as it runs; the `#` list asks on every keystroke).
import type { McpManager } from './manager';
import type { ServerConnection, ServerState } from './serverConnection';
import { describeState } from './serverConnection';

export interface McpResourceInfo {
  server: string;
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
}

export interface McpPromptArgument {
  name: string;
  description?: string;
  required: boolean;
}

export interface McpPromptInfo {
  server: string;
  /** The prompt's own name on its server. */
  name: string;
  title?: string;
  description?: string;
  arguments: McpPromptArgument[];
  /** The slash command without its slash: `mcp.<server>.<prompt>`, sanitised and unique. */
  command: string;
}

/** Items of every ready server, and why a server's list could not be read. */
export interface Listed<T> {
  items: T[];
  problems: string[];
}

type Client = NonNullable<ServerConnection['client']>;
export type ReadResourceResult = Awaited<ReturnType<Client['readResource']>>;
export type GetPromptResult = Awaited<ReturnType<Client['getPrompt']>>;

/** A server listing more than this is cut: the picker is for choosing, not for browsing thousands. */
const maxListed = 2_000;
const listTtlMs = 15_000;

export class McpCatalog {
  private readonly resourceLists = new Map<string, { state: ServerState; at: number; list: Promise<McpResourceInfo[]> }>();
  private readonly promptLists = new Map<string, { state: ServerState; at: number; list: Promise<Omit<McpPromptInfo, 'command'>[]> }>();

  constructor(private readonly manager: McpManager) {}

  /** The resources of every enabled server (starting those not running yet). */
  async resources(): Promise<Listed<McpResourceInfo>> {
    return await this.collect(this.resourceLists, 'resources', (client, server) => listResources(client, server, this.listTimeoutMs()));
  }

  /** The prompts of every enabled server, each with its slash command. */
  async prompts(): Promise<Listed<McpPromptInfo>> {
    const listed = await this.collect(this.promptLists, 'prompts', (client, server) => listPrompts(client, server, this.listTimeoutMs()));
    return { items: withCommands(listed.items), problems: listed.problems };
  }

  async readResource(server: string, uri: string): Promise<ReadResourceResult> {
    const client = await this.readyClient(server);
    try {
      return await client.readResource({ uri }, { timeout: this.manager.settings.toolTimeoutMs });
    } catch (error) {
      throw new Error(`The MCP server "${server}" could not read ${uri}: ${this.manager.redact((error as Error).message)}`, { cause: error });
    }
  }

  async getPrompt(prompt: McpPromptInfo, args: Record<string, string>): Promise<GetPromptResult> {
    const client = await this.readyClient(prompt.server);
    try {
      return await client.getPrompt({ name: prompt.name, arguments: args }, { timeout: this.manager.settings.toolTimeoutMs });
    } catch (error) {
      throw new Error(`The MCP server "${prompt.server}" could not give the prompt "${prompt.name}": ${this.manager.redact((error as Error).message)}`, { cause: error });
    }
  }

  private async readyClient(server: string): Promise<Client> {
    const connection = this.manager.server(server);
    if (!connection) throw new Error(`There is no MCP server "${server}" any more (configured: ${this.manager.servers().map((s) => s.name).join(', ') || 'none'}).`);
    if (this.manager.settings.disabled.has(server)) throw new Error(`The MCP server "${server}" is turned off (tandem.mcp.disabled).`);
    const state = await connection.ensureReady();
    const client = connection.client;
    if (state.kind !== 'ready' || !client) throw new Error(`The MCP server "${server}" is not ready: ${describeState(state)}`);
    return client;
  }

  private async collect<T>(cache: Map<string, { state: ServerState; at: number; list: Promise<T[]> }>, what: 'resources' | 'prompts', list: (client: Client, server: string) => Promise<T[]>): Promise<Listed<T>> {
    await this.manager.startAll();
    const items: T[] = [];
    const problems: string[] = [];
    for (const connection of this.manager.servers()) {
      const client = connection.client;
      if (this.manager.settings.disabled.has(connection.name) || !client || !client.getServerCapabilities()?.[what]) continue;
      let cached = cache.get(connection.name);
      if (cached?.state !== connection.state || Date.now() - cached.at > listTtlMs) {
        cached = { state: connection.state, at: Date.now(), list: list(client, connection.name) };
        cache.set(connection.name, cached);
      }
      try {
        items.push(...(await cached.list));
      } catch (error) {
        cache.delete(connection.name); // asked again next time
        problems.push(`${connection.name}: its ${what} could not be listed: ${this.manager.redact((error as Error).message)}`);
      }
    }
    return { items, problems };
  }

  private listTimeoutMs(): number {
    return this.manager.settings.startupTimeoutMs;
  }
}

async function listResources(client: Client, server: string, timeout: number): Promise<McpResourceInfo[]> {
  const items: McpResourceInfo[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listResources(cursor ? { cursor } : {}, { timeout });
    for (const r of page.resources) {
      items.push({
        server, uri: r.uri, name: r.name, ...(r.title ? { title: r.title } : {}),
        ...(r.description ? { description: r.description } : {}), ...(r.mimeType ? { mimeType: r.mimeType } : {}),
      });
    }
    cursor = page.nextCursor;
  } while (cursor && items.length < maxListed);
  return items.slice(0, maxListed);
}

async function listPrompts(client: Client, server: string, timeout: number): Promise<Omit<McpPromptInfo, 'command'>[]> {
  const items: Omit<McpPromptInfo, 'command'>[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listPrompts(cursor ? { cursor } : {}, { timeout });
    for (const p of page.prompts) {
      items.push({
        server, name: p.name, ...(p.title ? { title: p.title } : {}), ...(p.description ? { description: p.description } : {}),
        arguments: (p.arguments ?? []).map((a) => ({ name: a.name, required: a.required === true, ...(a.description ? { description: a.description } : {}) })),
      });
    }
    cursor = page.nextCursor;
  } while (cursor && items.length < maxListed);
  return items.slice(0, maxListed);
}

/** `mcp.<server>.<prompt>`: each part in the slash-command alphabet; a clash gets -2, -3 … */
export function withCommands(prompts: readonly Omit<McpPromptInfo, 'command'>[]): McpPromptInfo[] {
  const taken = new Set<string>();
  return prompts.map((prompt) => {
    const base = `mcp.${commandPart(prompt.server)}.${commandPart(prompt.name)}`;
    let command = base;
    for (let n = 2; taken.has(command.toLowerCase()); n++) command = `${base}-${n}`;
    taken.add(command.toLowerCase());
    return { ...prompt, command };
  });
}

function commandPart(name: string): string {
  return name.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'x';
}
