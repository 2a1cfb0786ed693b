// The MCP Servers view: each server with its status (starting, ready with N tools, failed with the
// reason, not started and why) and its tools; checkboxes turn servers and tools on and off.
import * as vscode from 'vscode';
// Not the '../../core/mcp' index, which would load MCP's chat and agent side at activation.
import { describeState, type McpToolInfo, type ServerConnection } from '../../core/mcp/serverConnection';
import { isToolEnabled } from '../../core/mcp/settings';
import type { McpService } from './mcpService';

type Node = { kind: 'server'; server: ServerConnection } | { kind: 'tool'; server: ServerConnection; tool: McpToolInfo } | { kind: 'empty' };

export class McpServersView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly service: McpService) {
    service.manager.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: Node): Node[] {
    const manager = this.service.manager;
    if (!node) {
      const servers = manager.servers();
      return servers.length ? servers.map((server) => ({ kind: 'server', server })) : [{ kind: 'empty' }];
    }
    if (node.kind !== 'server' || node.server.state.kind !== 'ready') return [];
    return node.server.state.tools.map((tool) => ({ kind: 'tool', server: node.server, tool }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const manager = this.service.manager;
    if (node.kind === 'empty') {
      const item = new vscode.TreeItem('No MCP servers: add them to .vscode/mcp.json or tandem.mcp.servers');
      item.command = { command: 'workbench.action.openSettings', title: 'Open Settings', arguments: ['tandem.mcp.servers'] };
      return item;
    }
    if (node.kind === 'tool') {
      const names = manager.allToolNames();
      const enabled = isToolEnabled(manager.settings, node.server.name, node.tool.tool);
      const named = names.get(`${node.server.name}/${node.tool.tool}`);
      const item = new vscode.TreeItem(node.tool.title ?? node.tool.tool);
      item.description = `${enabled ? named?.name ?? '' : 'off'}${node.tool.readOnlyHint ? ' · read-only' : ''}`;
      item.tooltip = new vscode.MarkdownString().appendText(`${node.tool.description}\n\nThe model calls it ${named?.name ?? '(off)'}${named?.note ? ` (${named.note})` : ''}.`);
      item.checkboxState = enabled ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
      item.contextValue = 'tandem.mcpTool';
      item.id = `${node.server.name}/${node.tool.tool}`;
      return item;
    }
    const { state, config } = node.server;
    const enabled = !manager.settings.disabled.has(config.name);
    const item = new vscode.TreeItem(config.name, state.kind === 'ready' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `server:${config.name}`;
    item.description = enabled ? describeState(state) : 'turned off';
    item.tooltip = new vscode.MarkdownString().appendText(`${config.type} server from ${config.source}\n${enabled ? describeState(state) : 'turned off (tandem.mcp.disabled)'}`);
    item.iconPath = new vscode.ThemeIcon(
      state.kind === 'ready' ? 'pass' : state.kind === 'failed' ? 'error' : state.kind === 'blocked' ? 'shield' : state.kind === 'starting' ? 'loading~spin' : 'circle-outline',
    );
    item.checkboxState = enabled ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
    item.contextValue = `tandem.mcpServer.${state.kind}`;
    return item;
  }

  /** Checkbox changes become tandem.mcp.disabled entries. */
  async onCheckboxes(event: vscode.TreeCheckboxChangeEvent<Node>): Promise<void> {
    for (const [node, checked] of event.items) {
      if (node.kind === 'empty') continue;
      const key = node.kind === 'server' ? node.server.name : `${node.server.name}/${node.tool.tool}`;
      await this.service.setEnabled(key, checked === vscode.TreeItemCheckboxState.Checked);
    }
  }
}
