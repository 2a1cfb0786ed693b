import type { ToolSpec } from './tools/definitions';
import type { ExtraTool } from './tools/extraTools';
import { textProtocolInstructions } from './protocols/textProtocol';
import type { RulesFile } from './rulesFiles';

export interface SystemPromptInput {
  protocol: 'native' | 'text';
  tools: readonly ToolSpec[];
  /** Tools from outside the engine (MCP), listed after the built-in ones in the text protocol. */
  extraTools?: readonly ExtraTool[];
  rules: readonly RulesFile[];
  /** The workspace folder's name and the platform, so commands fit the machine. */
  workspaceName: string;
  platform: string;
  readOnly: boolean;
  /** Edits are proposed to the user (not applied at once). */
  editsNeedApproval: boolean;
}

/**
 * The agent's system prompt: how to work, the tools (in the text protocol only; native tools travel
 * in the `tools` parameter), and the project's rules files. Short on purpose: with the tool
 * definitions it stays under 3,000 tokens (bench/agent measures it).
 */
export function buildSystemPrompt(input: SystemPromptInput): string {
  const parts = [
    `You are Tandem, a coding agent working in the workspace "${input.workspaceName}" (${input.platform}).`,
    'Work in steps: read what you need, make the change, run the tests or the build, read the failures, fix them. Use workspace-relative paths.',
    'Rules:',
    '- Read a file before you edit it; prefer apply_edits with small SEARCH/REPLACE blocks over rewriting whole files.',
    '- Do not repeat a call that gave the same result; if a tool fails, read its message and change the approach.',
    '- Files outside the workspace, ignored files and secrets are not available. Some commands need the user\'s approval; a refusal is final for that call.',
    '- Never touch git history (no commit, reset, checkout, push).',
    '- When done, answer without a tool call: say what you changed and how you verified it, in a few lines.',
  ];
  if (input.readOnly) parts.push('This folder is not trusted: only the read-only tools are available. Explain the changes instead of making them.');
  if (input.editsNeedApproval && !input.readOnly) parts.push('Each edit is shown to the user, who may reject it; a rejected edit is reported back to you.');
  if (input.protocol === 'text') parts.push('', textProtocolInstructions(input.tools, input.extraTools));
  for (const rule of input.rules) parts.push('', `Project instructions from ${rule.path}:`, rule.text.trim());
  return parts.join('\n');
}
