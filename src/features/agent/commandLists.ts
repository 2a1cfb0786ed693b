import type { ToolEnvironment } from '../../core/agent';
import { compileAllowPattern } from '../../core/agent/safety/commandPolicy';

/**
 * The denied pattern a command matches: the whole command or any part of a list or pipeline
 * (`cd app && git push` matches `git push*`). Globs as in tandem.agent.allowedCommands.
 */
export function deniedPatternFor(command: string, patterns: readonly string[]): string | undefined {
  const parts = [command, ...command.split(/&&|\|\||[;|\n]/)].map((p) => p.trim()).filter(Boolean);
  return patterns.find((pattern) => {
    const matcher = compileAllowPattern(pattern);
    return matcher !== undefined && parts.some((part) => matcher.test(part.replace(/[ \t]+/g, ' ')));
  });
}

export interface CommandLists {
  deniedCommands: readonly string[];
  commandApproval: 'ask' | 'allowedOnly';
}

/** The environment with the user's denied patterns and command approval policy on top of the safety rules. */
export function withCommandLists(env: ToolEnvironment, lists: CommandLists): ToolEnvironment {
  return {
    ...env,
    judgeCommand: (command) => {
      const denied = deniedPatternFor(command, lists.deniedCommands);
      if (denied) return { decision: 'deny', destructive: false, reason: `\`${command.trim().slice(0, 200)}\` matches "${denied}" in tandem.agent.deniedCommands, so it is never run.` };
      const verdict = env.judgeCommand(command);
      if (verdict.decision === 'ask' && lists.commandApproval === 'allowedOnly') {
        return { ...verdict, decision: 'deny', reason: `${verdict.reason} With tandem.agent.approval.commands set to "allowedOnly" it was not run; add a pattern to tandem.agent.allowedCommands to let the agent run it.` };
      }
      return verdict;
    },
  };
}
