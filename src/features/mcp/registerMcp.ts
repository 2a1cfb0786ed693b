import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { McpManager, ServerConnection } from '../../core/mcp';
import { McpService } from './mcpService';
import { McpServersView } from './mcpView';

/** For the integration suite and the agent panel: the window's MCP servers. */
export interface McpHooks {
  readonly manager: McpManager;
  reload(): Promise<void>;
  /** The MCP Servers view's rows: servers and, under a ready one, its tools ("  " before a tool). */
  viewRows(): string[];
}

export function registerMcp(context: vscode.ExtensionContext, logger: Logger, version: string): McpHooks {
  const service = new McpService(context, logger, version);
  const view = new McpServersView(service);
  const tree = vscode.window.createTreeView('tandem.mcpServers', { treeDataProvider: view, showCollapseAll: true });
  const serverOf = (arg: unknown): string | undefined => (arg as { server?: ServerConnection } | undefined)?.server?.name;
  const pickServer = async (arg: unknown): Promise<string | undefined> =>
    serverOf(arg) ?? (await vscode.window.showQuickPick(service.manager.servers().map((s) => s.name), { title: 'MCP server' }));
  context.subscriptions.push(
    service, tree,
    tree.onDidChangeCheckboxState((event) => void view.onCheckboxes(event)),
    vscode.commands.registerCommand('tandem.mcp.restart', async (arg: unknown) => {
      const name = await pickServer(arg);
      if (name) await service.manager.restart(name);
    }),
    vscode.commands.registerCommand('tandem.mcp.showLog', async (arg: unknown) => {
      const name = await pickServer(arg);
      if (name) service.showLog(name);
    }),
    vscode.commands.registerCommand('tandem.mcp.startAll', () => service.manager.startAll()),
  );
  // Reading the configuration waits until activation is over (its budget is 50 ms).
  const initial = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => service.reload());
  return {
    manager: service.manager,
    reload: async () => {
      await initial;
      await service.reload();
    },
    viewRows: () => view.getChildren().flatMap((node) => [node, ...view.getChildren(node)]).map((node) => {
      const item = view.getTreeItem(node);
      return `${node.kind === 'tool' ? '  ' : ''}${String(item.label)}: ${String(item.description ?? '')}`;
    }),
  };
}
