// MCP: the user's Model Context Protocol servers as agent tools, on @modelcontextprotocol/sdk (loaded
// only when a server starts). Plain Node, no 'vscode': the CLI and the extension share it.
export * from './config';
export { readWorkspaceMcpJson } from './workspaceConfig';
export { readMcpSettings, defaultMcpSettings, isToolEnabled, isAlwaysAllowed, type McpSettings } from './settings';
export { secretKey, UnresolvedVariable, type McpSecrets } from './variables';
export { launchKey, type LaunchGuard, type LaunchConfirmation, type TrustStore } from './launch';
export { McpManager, type McpManagerDeps, type NamedMcpTool } from './manager';
export { describeState, type McpToolInfo, type ServerState, type ServerConnection } from './serverConnection';
export { formatToolResult } from './results';
export { assignToolNames, maxToolNameLength } from './toolNames';
export { mcpToolProvider, mcpAgentTool } from './agentTools';
export { McpCatalog, withCommands, type McpResourceInfo, type McpPromptInfo, type McpPromptArgument, type Listed } from './catalog';
export { resourceContextItem, promptTurn, collectPromptArguments, maxResourceChars, type ArgumentAsker, type PromptTurn, type ResourceContextItem } from './chatContent';
