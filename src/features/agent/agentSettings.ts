import * as vscode from 'vscode';
import type { TandemConfig } from '../../core/config';

/** The agent settings the panel reads besides the validated core ones (allowed commands, bounds). */
export interface AgentPanelSettings {
  allowedCommands: readonly string[];
  deniedCommands: readonly string[];
  /** ask: a command outside the allowed ones asks; allowedOnly: it is refused without asking. */
  commandApproval: 'ask' | 'allowedOnly';
  autoApplyEdits: boolean;
  maxSteps: number;
  tokenBudget: number;
  testsCommand: string;
}

/** A wrong value is reported once per read and the default used: a typo never blocks a task. */
export function readAgentSettings(config: TandemConfig, warn: (message: string) => void): AgentPanelSettings {
  const section = vscode.workspace.getConfiguration('tandem.agent');
  const denied = section.get<unknown>('deniedCommands', []);
  const approval = section.get<unknown>('approval.commands', 'ask');
  const autoApply = section.get<unknown>('autoApplyEdits', false);
  const deniedCommands = Array.isArray(denied) ? denied.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
  if (!Array.isArray(denied)) warn('tandem.agent.deniedCommands must be a list of command patterns; it was ignored.');
  if (approval !== 'ask' && approval !== 'allowedOnly') warn(`tandem.agent.approval.commands: "${String(approval)}" is not "ask" or "allowedOnly"; "ask" is used.`);
  if (typeof autoApply !== 'boolean') warn('tandem.agent.autoApplyEdits must be true or false; false is used.');
  return {
    allowedCommands: config.agent.allowedCommands,
    deniedCommands,
    commandApproval: approval === 'allowedOnly' ? 'allowedOnly' : 'ask',
    autoApplyEdits: autoApply === true,
    maxSteps: config.agent.maxSteps,
    tokenBudget: config.agent.tokenBudget,
    testsCommand: config.tests.command,
  };
}

/** Adds a pattern to tandem.agent.allowedCommands in the workspace settings (where the workspace has them). */
export async function addAllowedCommand(pattern: string): Promise<void> {
  const section = vscode.workspace.getConfiguration('tandem');
  const inspected = section.inspect<string[]>('agent.allowedCommands');
  const current = inspected?.workspaceValue ?? [];
  if (current.includes(pattern)) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const base = target === vscode.ConfigurationTarget.Workspace ? current : inspected?.globalValue ?? [];
  await section.update('agent.allowedCommands', [...base, pattern], target);
}
