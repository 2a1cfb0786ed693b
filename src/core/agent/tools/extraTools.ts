import type { ChatTool } from '../../llm';
import type { ToolOutcome } from '../types';
import type { ExtraTool, ExtraToolProvider, ToolCallContext, ToolEnvironment } from './environment';

export type { ExtraTool, ExtraToolProvider } from './environment';
import { failed } from './toolResult';

/** The extra tools a task may use: read-only ones only in Restricted Mode, never one shadowing a built-in. */
export async function loadExtraTools(env: ToolEnvironment, builtIn: ReadonlySet<string>, signal: AbortSignal): Promise<readonly ExtraTool[]> {
  if (!env.extraTools) return [];
  const tools = await env.extraTools(signal);
  return tools.filter((tool) => !builtIn.has(tool.name) && (!env.readOnly || tool.readOnly));
}

export function extraToolDefinitions(tools: readonly ExtraTool[]): ChatTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: { type: 'object', ...tool.inputSchema } },
  }));
}

/** One line per tool for the text protocol, parameters from the schema's top-level properties. */
export function extraToolList(tools: readonly ExtraTool[]): string {
  return tools.map((tool) => {
    const properties = isRecord(tool.inputSchema.properties) ? Object.entries(tool.inputSchema.properties) : [];
    const required = requiredKeys(tool);
    const params = properties.map(([name, schema]) => `${name}${required.includes(name) ? '' : '?'}: ${isRecord(schema) && typeof schema.type === 'string' ? schema.type : 'any'}`);
    return `- ${tool.name}(${params.join(', ')}) — ${tool.description}`;
  }).join('\n');
}

/** The arguments must be a JSON object with the schema's required keys; the tool checks the rest. */
export function validateExtraArguments(tool: ExtraTool, argumentsText: string): { ok: true; args: Record<string, unknown> } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(argumentsText.trim() === '' ? '{}' : argumentsText);
  } catch (error) {
    return { ok: false, error: `The arguments of ${tool.name} are not valid JSON (${(error as Error).message}).` };
  }
  if (!isRecord(value)) return { ok: false, error: `The arguments of ${tool.name} must be a JSON object.` };
  const missing = requiredKeys(tool).filter((key) => value[key] === undefined || value[key] === null);
  if (missing.length > 0) return { ok: false, error: `${tool.name} needs ${missing.map((key) => `"${key}"`).join(', ')}.` };
  return { ok: true, args: value };
}

/** Runs a validated call; `started` is awaited first for a tool that may change things (a resume never runs it twice). */
export async function runExtraTool(tool: ExtraTool, args: Record<string, unknown>, ctx: ToolCallContext, env: ToolEnvironment, started: () => Promise<void>): Promise<ToolOutcome> {
  try {
    if (!tool.readOnly) await started();
    return await tool.run(args, ctx, env);
  } catch (error) {
    if (ctx.signal.aborted) return failed('cancelled');
    return failed(`${tool.name} failed: ${(error as Error).message}`);
  }
}

function requiredKeys(tool: ExtraTool): string[] {
  const required = tool.inputSchema.required;
  return Array.isArray(required) ? required.filter((key): key is string => typeof key === 'string') : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Several sources of extra tools (MCP servers, the workspace index) as one, asked together. */
export function joinToolProviders(...providers: ExtraToolProvider[]): ExtraToolProvider {
  return async (signal) => (await Promise.all(providers.map((provider) => provider(signal)))).flat();
}
