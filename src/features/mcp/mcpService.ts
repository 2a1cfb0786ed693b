// The window's MCP servers: the configuration from settings (user and workspace apart) and the
// workspace's .vscode/mcp.json, secrets in SecretStorage, a log channel per server, and the trust
// rules (nothing the workspace defines starts in Restricted Mode; its stdio command lines are
// confirmed once). The SDK loads only when a server starts.
import os from 'node:os';
import * as vscode from 'vscode';
// The modules themselves, not the '../../core/mcp' index: that one also loads the chat and agent
// side of MCP (results, catalog, the engine's budget), which activation does not need.
import { parseMcpJson, readMcpConfig, type McpConfigSource } from '../../core/mcp/config';
import type { LaunchConfirmation, LaunchGuard } from '../../core/mcp/launch';
import { McpManager } from '../../core/mcp/manager';
import { readMcpSettings } from '../../core/mcp/settings';
import type { McpSecrets } from '../../core/mcp/variables';
import type { Logger } from '../../core/logger';

const trustKey = 'tandem.mcp.trustedLaunches';

export class McpService implements vscode.Disposable {
  readonly manager: McpManager;
  private readonly channels = new Map<string, vscode.LogOutputChannel>();
  private readonly disposables: vscode.Disposable[] = [];
  private problems: string[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly logger: Logger, version: string) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    this.manager = new McpManager({
      workspaceFolder: folder?.scheme === 'file' ? folder.fsPath : undefined, userHome: os.homedir(), env: process.env,
      secrets: this.secrets(), guard: this.guard(), log: (server, line) => this.channel(server).info(line), clientVersion: version,
    });
    const watcher = vscode.workspace.createFileSystemWatcher('**/.vscode/mcp.json');
    this.disposables.push(
      watcher, watcher.onDidChange(() => void this.reload()), watcher.onDidCreate(() => void this.reload()), watcher.onDidDelete(() => void this.reload()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tandem.mcp')) void this.reload();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reload()),
    );
  }

  /** Reads the configuration again; changed servers restart on their next use. */
  async reload(): Promise<void> {
    const section = vscode.workspace.getConfiguration('tandem');
    const inspected = section.inspect<unknown>('mcp.servers');
    const sources: McpConfigSource[] = [];
    if (inspected?.globalValue !== undefined) sources.push({ origin: 'user', source: 'tandem.mcp.servers (user settings)', servers: inspected.globalValue });
    if (inspected?.workspaceValue !== undefined) sources.push({ origin: 'workspace', source: 'tandem.mcp.servers (workspace settings)', servers: inspected.workspaceValue });
    if (inspected?.workspaceFolderValue !== undefined) sources.push({ origin: 'workspace', source: 'tandem.mcp.servers (folder settings)', servers: inspected.workspaceFolderValue });
    const problems: string[] = [];
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    if (folder) {
      const file = vscode.Uri.joinPath(folder, '.vscode', 'mcp.json');
      try {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
        const parsed = parseMcpJson(text, vscode.workspace.asRelativePath(file), 'workspace');
        if (parsed.source) sources.push(parsed.source);
        if (parsed.problem) problems.push(parsed.problem);
      } catch (error) {
        if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) problems.push(`.vscode/mcp.json cannot be read: ${(error as Error).message}`);
      }
    }
    const config = readMcpConfig(sources);
    const settings = readMcpSettings((key) => section.get(key));
    problems.push(...config.problems, ...settings.problems);
    for (const problem of problems.filter((p) => !this.problems.includes(p))) {
      this.logger.warn(`MCP: ${problem}`);
      void vscode.window.showWarningMessage(`Tandem MCP: ${problem}`);
    }
    this.problems = problems;
    await this.manager.configure(config, settings.settings);
    if (settings.settings.startAtActivation) void this.manager.startAll();
  }

  showLog(server: string): void {
    this.channel(server).show(true);
  }

  /** Turns a server ("server") or a tool ("server/tool") on or off in the user's tandem.mcp.disabled. */
  async setEnabled(key: string, enabled: boolean): Promise<void> {
    const section = vscode.workspace.getConfiguration('tandem');
    const current = new Set(section.get<string[]>('mcp.disabled') ?? []);
    if (enabled) current.delete(key);
    else current.add(key);
    await section.update('mcp.disabled', [...current].sort(), vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    void this.manager.dispose();
    for (const channel of this.channels.values()) channel.dispose();
  }

  private channel(server: string): vscode.LogOutputChannel {
    let channel = this.channels.get(server);
    if (!channel) {
      channel = vscode.window.createOutputChannel(`Tandem MCP: ${server}`, { log: true });
      this.channels.set(server, channel);
    }
    return channel;
  }

  private secrets(): McpSecrets {
    const storage = this.context.secrets;
    return {
      get: async (key) => await storage.get(key),
      store: async (key, value) => await storage.store(key, value),
      ask: async (request) => {
        if (request.options?.length) return await vscode.window.showQuickPick(request.options, { title: request.prompt, ignoreFocusOut: true });
        return await vscode.window.showInputBox({ title: 'Tandem MCP', prompt: request.prompt, password: request.password, ignoreFocusOut: true, ...(request.default ? { value: request.default } : {}) });
      },
    };
  }

  private guard(): LaunchGuard {
    const state = this.context.globalState;
    return {
      isRestricted: () => !vscode.workspace.isTrusted,
      trust: {
        get: (key) => state.get<Record<string, boolean>>(trustKey, {})[key],
        set: async (key, value) => await state.update(trustKey, { ...state.get<Record<string, boolean>>(trustKey, {}), [key]: value }),
      },
      confirm: async (request: LaunchConfirmation) => {
        const env = request.envNames.length ? `\nEnvironment: ${request.envNames.join(', ')}` : '';
        const answer = await vscode.window.showWarningMessage(
          `The workspace defines the MCP server "${request.server}" (${request.source}). Run this command?`,
          { modal: true, detail: `${request.commandLine}\n\nIn: ${request.cwd ?? '(no folder)'}${env}\n\nTandem remembers your answer for this exact command line.` },
          'Run', "Don't Run",
        );
        return answer === 'Run' ? true : answer === "Don't Run" ? false : undefined;
      },
    };
  }
}
