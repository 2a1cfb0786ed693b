// The MCP servers of a project for the CLI: the same configuration as the extension (settings file
// `tandem.mcp.*` and `.vscode/mcp.json`), secrets from the environment, and the confirmation of a
// workspace-defined command line asked on the terminal and remembered in $TANDEM_HOME.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tandemHome } from '../../core/agent';
import {
  McpManager, readMcpConfig, readMcpSettings, readWorkspaceMcpJson, type LaunchGuard, type McpConfigSource, type McpSecrets, type TrustStore,
} from '../../core/mcp';
import type { SettingsFile } from '../settingsFile';

export interface CliMcpInput {
  root: string;
  settings: SettingsFile;
  /** The settings file was named with --settings (the user's own), not the project's. */
  settingsFromFlag: boolean;
  env: NodeJS.ProcessEnv;
  /** Asks on the terminal; undefined when there is none. */
  ask: ((question: string) => Promise<string | undefined>) | undefined;
  log: (server: string, line: string) => void;
}

export interface CliMcp {
  manager: McpManager;
  problems: string[];
  /** Whether any server is configured (no server: the SDK is never loaded). */
  configured: boolean;
}

export async function createCliMcp(input: CliMcpInput): Promise<CliMcp> {
  const sources: McpConfigSource[] = [];
  const problems: string[] = [];
  const fromSettings = input.settings.read('mcp.servers');
  if (fromSettings !== undefined) sources.push({ origin: input.settingsFromFlag ? 'user' : 'workspace', source: `tandem.mcp.servers (${input.settings.source ?? 'settings'})`, servers: fromSettings });
  const mcpJson = await readWorkspaceMcpJson(input.root);
  if (mcpJson.source) sources.push(mcpJson.source);
  if (mcpJson.problem) problems.push(mcpJson.problem);
  const config = readMcpConfig(sources);
  const settings = readMcpSettings(input.settings.read);
  problems.push(...config.problems, ...settings.problems);
  const manager = new McpManager({
    workspaceFolder: input.root, userHome: os.homedir(), env: input.env, secrets: environmentSecrets(input.env, input.ask),
    guard: terminalGuard(input.ask, new FileTrustStore(path.join(tandemHome(input.env), 'mcp-trust.json'))),
    log: input.log, clientVersion: '0.1.0',
  });
  await manager.configure(config, settings.settings);
  return { manager, problems, configured: config.servers.length > 0 };
}

/**
 * ${secret:NAME} is the environment variable NAME; ${input:id} the variable named like the id in
 * upper case (gh-token -> GH_TOKEN). Missing ones are asked on a terminal and kept for this run only.
 */
export function environmentSecrets(env: NodeJS.ProcessEnv, ask: CliMcpInput['ask']): McpSecrets {
  const answers = new Map<string, string>();
  const variableOf = (key: string) => key.replace(/^tandem\.mcp\.(secret|input)\./, '').replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
  return {
    get: async (key) => answers.get(key) ?? env[variableOf(key)] ?? env[key.replace(/^tandem\.mcp\.(secret|input)\./, '')],
    store: async (key, value) => {
      answers.set(key, value);
    },
    ask: async (request) => {
      if (!ask) return undefined;
      const answer = await ask(`${request.prompt} (or set ${variableOf(request.key)} in the environment)${request.default ? ` [${request.default}]` : ''}: `);
      return answer === undefined ? undefined : answer.trim() || request.default;
    },
  };
}

function terminalGuard(ask: CliMcpInput['ask'], trust: TrustStore): LaunchGuard {
  return {
    // The CLI runs where the user points it; there is no Restricted Mode, but the confirmation below stays.
    isRestricted: () => false,
    trust,
    confirm: async (request) => {
      if (!ask) return undefined;
      const env = request.envNames.length ? `\n  environment: ${request.envNames.join(', ')}` : '';
      const answer = await ask(`The workspace defines the MCP server "${request.server}" (${request.source}). Run this command?\n  ${request.commandLine}\n  in ${request.cwd ?? '(current folder)'}${env}\nRun it (remembered for this command line)? [y/N] `);
      return /^\s*y(es)?\s*$/i.test(answer ?? '');
    },
  };
}

/** Answers kept in a small JSON file, written whole (temp file and rename) so a crash never leaves half of it. */
export class FileTrustStore implements TrustStore {
  private cache: Record<string, boolean> | undefined;

  constructor(private readonly file: string) {}

  get(key: string): boolean | undefined {
    return this.load()[key];
  }

  async set(key: string, trusted: boolean): Promise<void> {
    const data = { ...this.load(), [key]: trusted };
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.file);
    this.cache = data;
  }

  private load(): Record<string, boolean> {
    if (this.cache) return this.cache;
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      this.cache = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, boolean>) : {};
    } catch {
      this.cache = {};
    }
    return this.cache;
  }
}
