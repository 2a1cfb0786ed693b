// MCP tools as the agent's extra tools: each call asks the user through the agent's approver
// unless the user allowed that tool always (or opted in to read-only hints), and its result is
// cut to the budget and redacted like every other tool result.
import type { ExtraTool, ExtraToolProvider } from '../agent';
import { failed, refused, succeeded } from '../agent/tools/toolResult';
import type { McpManager, NamedMcpTool } from './manager';
import { formatToolResult } from './results';
import { isAlwaysAllowed } from './settings';

/** Tool descriptions longer than this are cut: the agent's prompt budget is shared by every tool. */
const maxDescription = 300;

export function mcpToolProvider(manager: McpManager): ExtraToolProvider {
  return async () => (await manager.tools()).map((tool) => mcpAgentTool(manager, tool));
}

export function mcpAgentTool(manager: McpManager, named: NamedMcpTool): ExtraTool {
  const { info } = named;
  const label = `${info.server}/${info.tool}`;
  const description = `[MCP ${info.server}] ${info.title ? `${info.title}: ` : ''}${info.description}`.replace(/\s+/g, ' ').trim();
  const { $schema: _schema, ...inputSchema } = info.inputSchema;
  return {
    name: named.name,
    description: description.length > maxDescription ? `${description.slice(0, maxDescription - 1)}…` : description,
    inputSchema,
    // A server's hints are its own claims: an MCP tool is never treated as safe in Restricted Mode.
    readOnly: false,
    async run(args, ctx, env) {
      const settings = manager.settings;
      const preApproved = isAlwaysAllowed(settings, info.server, info.tool) || (settings.autoApproveReadOnly && info.readOnlyHint);
      if (!preApproved) {
        if (!env.approver) return refused(`MCP tools ask before each call and nobody can be asked here; allow this one with "tandem.mcp.alwaysAllow": ["${label}"].`);
        const shown = JSON.stringify(args, null, 2);
        const approved = await env.approver({
          kind: 'tool', subject: label, destructive: info.destructiveHint,
          detail: `MCP tool ${label}${info.readOnlyHint ? ' (the server says it only reads)' : ''} with arguments:\n${shown.length > 2_000 ? `${shown.slice(0, 2_000)}…` : shown}`,
        });
        if (!approved) return refused(`the user declined the call to ${label}.`);
      }
      ctx.progress(`calling ${label}`);
      let result: unknown;
      try {
        result = await manager.call(info.server, info.tool, args, { signal: ctx.signal, timeoutMs: settings.toolTimeoutMs, onProgress: ctx.progress });
      } catch (error) {
        return failed(manager.redact((error as Error).message));
      }
      const formatted = formatToolResult(result, ctx.resultBudget, (text) => env.gate.redact(manager.redact(text)).text);
      return formatted.isError ? failed(formatted.text, `${label}: ${formatted.summary}`) : succeeded(formatted.text, `${label}: ${formatted.summary}`);
    },
  };
}
