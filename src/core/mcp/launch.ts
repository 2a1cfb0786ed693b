// From a configured server to what actually starts: variables substituted, the env file read, the
// working folder fixed; and whether it may start at all (Restricted Mode, the user's confirmation
// of a workspace-defined command line).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { commandLineOf, type McpServerConfig, type StdioServerConfig } from './config';
import type { McpSettings } from './settings';
import type { ResolvedLaunch } from './transport';
import { parseEnvFile, resolveVariables, type VariableContext } from './variables';

export async function resolveLaunch(server: McpServerConfig, ctx: VariableContext): Promise<ResolvedLaunch> {
  const where = `MCP server "${server.name}" (${server.source})`;
  const sub = (text: string) => resolveVariables(text, ctx, where);
  if (server.type !== 'stdio') {
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(server.headers)) headers[key] = await sub(value);
    return { type: server.type, url: await sub(server.url), headers };
  }
  const cwd = server.cwd !== undefined ? path.resolve(ctx.workspaceFolder ?? ctx.userHome, await sub(server.cwd)) : ctx.workspaceFolder;
  const env: Record<string, string> = {};
  if (server.envFile !== undefined) {
    const file = path.resolve(ctx.workspaceFolder ?? ctx.userHome, await sub(server.envFile));
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new Error(`${where}: cannot read its envFile ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { cause: error });
    }
    const values = parseEnvFile(text);
    // Values from an env file are secrets as far as logs are concerned.
    for (const value of Object.values(values)) if (value.length >= 4) ctx.resolvedSecrets.add(value);
    Object.assign(env, values);
  }
  for (const [key, value] of Object.entries(server.env)) {
    if (value === null) delete env[key];
    else env[key] = await sub(value);
  }
  const args: string[] = [];
  for (const arg of server.args) args.push(await sub(arg));
  return { type: 'stdio', command: await sub(server.command), args, env, cwd };
}

/** Remembers the user's answer per exact launch (command line, folder and environment as written). */
export interface TrustStore {
  get(key: string): boolean | undefined;
  set(key: string, trusted: boolean): Promise<void>;
}

export interface LaunchConfirmation {
  server: string;
  source: string;
  commandLine: string;
  cwd: string | undefined;
  /** Names of the variables set for it (values are not shown: they may be secrets). */
  envNames: string[];
}

export interface LaunchGuard {
  /** Restricted Mode: servers the workspace defines never start. */
  isRestricted(): boolean;
  /** Asks the user to confirm a workspace-defined command line; undefined when nobody can be asked. */
  confirm(request: LaunchConfirmation): Promise<boolean | undefined>;
  trust: TrustStore;
}

/** The key under which a launch's confirmation is remembered: a changed argument, folder or variable asks again. */
export function launchKey(server: StdioServerConfig, cwd: string | undefined): string {
  return JSON.stringify({ commandLine: commandLineOf(server), cwd: cwd ?? '', env: Object.entries(server.env).sort(), envFile: server.envFile ?? '' });
}

/**
 * undefined when the server may start; otherwise why not. `askAgain` (an explicit Restart) asks
 * about a command line the user declined before.
 */
export async function checkLaunch(server: McpServerConfig, launch: ResolvedLaunch, settings: McpSettings, guard: LaunchGuard, askAgain: boolean): Promise<string | undefined> {
  if (settings.disabled.has(server.name)) return `turned off (tandem.mcp.disabled).`;
  if (server.origin !== 'workspace') return undefined;
  if (guard.isRestricted()) return 'this workspace is not trusted (Restricted Mode): servers it defines never start. Trust the workspace to use it.';
  if (server.type !== 'stdio' || launch.type !== 'stdio') return undefined;
  const key = launchKey(server, launch.cwd);
  const remembered = guard.trust.get(key);
  if (remembered === true) return undefined;
  if (remembered === false && !askAgain) return `you declined to run its command line (${commandLineOf(server)}); use Restart to be asked again.`;
  const answer = await guard.confirm({ server: server.name, source: server.source, commandLine: commandLineOf(server), cwd: launch.cwd, envNames: Object.keys(launch.env) });
  if (answer === undefined) return `the workspace defines it, so its command line (${commandLineOf(server)}) must be confirmed first, and nobody could be asked.`;
  await guard.trust.set(key, answer);
  return answer ? undefined : `you declined to run its command line (${commandLineOf(server)}); use Restart to be asked again.`;
}
