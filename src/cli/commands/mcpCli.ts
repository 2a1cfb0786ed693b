import path from 'node:path';
import type { GlobalOptions } from '../cliSetup';
import { readSettingsFile } from '../settingsFile';
import { mcpUsage, runMcpCommand } from './mcp';

export interface McpCliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  ask: ((question: string) => Promise<string | undefined>) | undefined;
}

/** `tandem mcp` from the entry point: the project folder and settings file from the global options. */
export async function runMcpFromCli(args: string[], globals: GlobalOptions, io: McpCliIo): Promise<number> {
  const root = path.resolve(io.cwd, globals.cwd ?? '.');
  const settings = readSettingsFile(globals.settings, io.cwd, root);
  if (settings.error && globals.settings !== undefined) {
    io.stderr(`tandem: ${settings.error}\n\n${mcpUsage}\n`);
    return 2;
  }
  if (settings.error) io.stderr(`tandem: ${settings.error}\n`);
  return await runMcpCommand(args, { ...io, root, settings, settingsFromFlag: globals.settings !== undefined, verbose: globals.verbose });
}
