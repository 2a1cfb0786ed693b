// What the e2e workbench starts with: Tandem pointed at an in-process fake model server, plus one
// deliberately invalid setting so the settings warning is on screen from the start. The runner
// (scripts/vscode-host/run-e2e.mjs) writes `userSettings` before code-server starts; the tests
// import the same constants for what they expect to see.
import path from 'node:path';
import { FakeLlmServer } from '../support/fakeLlm';

export const PROVIDER_LABEL = 'Fake server';
export const CHAT_MODEL = 'fake-chat';
export const COMPLETION_MODEL = 'fake-coder';
/** Offered by the server but configured for no role: what "Select Model" switches to. */
export const THIRD_MODEL = 'llama3.1:8b';
export const SERVED_MODELS = [CHAT_MODEL, COMPLETION_MODEL, THIRD_MODEL] as const;

/** A timeout given as text: Tandem must name it, keep working on the default and offer to fix it. */
export const BAD_SETTING = { key: 'tandem.timeouts.idleMs', value: 'abc', defaultValue: 30_000 } as const;

/** The user's one MCP server (tools, resources, prompts): the chat's `#` and `/` lists offer it. */
export const MCP_SERVER = 'demo';
const mcpServerEntry = path.resolve(__dirname, '../support/mcp/misbehavingServer.mjs');

export interface E2eFixture {
  readonly server: FakeLlmServer;
  /** VS Code user settings (settings.json keys) for the run's profile. */
  readonly userSettings: Record<string, unknown>;
  close(): Promise<void>;
}

export async function startFixture(): Promise<E2eFixture> {
  const server = await FakeLlmServer.start({ models: [...SERVED_MODELS] });
  return {
    server,
    userSettings: {
      'tandem.provider': 'fake',
      'tandem.providers': {
        fake: { kind: 'openai-compatible', label: PROVIDER_LABEL, baseUrl: server.baseUrl, models: { chat: CHAT_MODEL, completion: COMPLETION_MODEL } },
      },
      [BAD_SETTING.key]: BAD_SETTING.value,
      // Starts on first use only (the chat's pickers, an agent task), from the user's settings: no trust prompt.
      'tandem.mcp.servers': { [MCP_SERVER]: { command: process.execPath, args: [mcpServerEntry, 'tools'] } },
      // The chat panel's theme screenshots start dark and switch to light.
      'workbench.colorTheme': 'Default Dark Modern',
      // The host's Chat view closed, as in the `npm start` session (and out of the README's
      // screenshots). Its AI features stay on: the inline edit tests need the host's inline chat.
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    },
    close: () => server.close(),
  };
}
