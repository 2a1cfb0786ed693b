import path from 'node:path';
import type { ExtraToolProvider } from '../../core/agent';
import { describeState, mcpToolProvider } from '../../core/mcp';
import type { CliSetup } from '../cliSetup';
import { createCliMcp } from './mcpSetup';

/**
 * The project's MCP servers as tools for `tandem agent`; undefined when none is configured (the
 * SDK is then never loaded). A server that cannot start is reported once on standard error.
 */
export async function agentMcpTools(root: string, setup: CliSetup, io: { env: NodeJS.ProcessEnv; stderr: (text: string) => void; ask?: (question: string) => Promise<string | undefined> }, json: boolean): Promise<{ provider: ExtraToolProvider; dispose(): Promise<void> } | undefined> {
  const ask = !json ? io.ask : undefined;
  const mcp = await createCliMcp({
    root, settings: setup.settings, settingsFromFlag: setup.settings.source !== undefined && setup.settings.source !== path.join(root, '.vscode', 'settings.json'),
    env: io.env, ask, log: (server, line) => {
      if (setup.verbose) io.stderr(`tandem: [mcp ${server}] ${line}\n`);
    },
  });
  for (const problem of mcp.problems) io.stderr(`tandem: ${problem}\n`);
  if (!mcp.configured) return undefined;
  const tools = mcpToolProvider(mcp.manager);
  const reported = new Set<string>();
  return {
    provider: async (signal) => {
      const offered = await tools(signal);
      for (const server of mcp.manager.servers()) {
        const { state } = server;
        const key = `${server.name}:${state.kind === 'failed' || state.kind === 'blocked' ? state.reason : ''}`;
        if ((state.kind === 'failed' || state.kind === 'blocked') && !reported.has(key)) {
          reported.add(key);
          io.stderr(`tandem: MCP server "${server.name}" ${describeState(state)}\n`);
        }
      }
      return offered;
    },
    dispose: () => mcp.manager.dispose(),
  };
}
