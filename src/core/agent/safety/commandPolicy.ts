import path from 'node:path';
import { judgeShellSource, shorten, type CommandPart } from './commandJudge';

/**
 * - `allow`: every part of the command matches the allowlist and none is destructive.
 * - `ask`: needs the user's approval. `destructive` parts always ask, whatever the allowlist, and
 *   must never be remembered as "always allow".
 * - `deny`: never runs, even if approved (the user's git state, other users, outside the workspace,
 *   code piped from a download, devices, fork bombs…).
 */
export interface CommandVerdict {
  decision: 'allow' | 'ask' | 'deny';
  destructive: boolean;
  /** A sentence for the user and the model, naming the part of the command it is about. */
  reason: string;
}

export interface CommandPolicy {
  /** `--allow` patterns / `tandem.agent.allowedCommands`: globs over the whole command text, `*` = any characters. */
  allowed: readonly string[];
  /**
   * The folder commands run in. With it, absolute paths inside it count as inside the workspace,
   * and `mv`/`cp` onto an existing file are recognised as destructive; without it, absolute write
   * targets are refused and every `mv`/`cp` that could overwrite asks.
   */
  workspaceRoot?: string;
}

/** Longer command lines are not analysed; they are put to the user as they are. */
const maxCommandLength = 100_000;

/**
 * Decides whether the agent may run a shell command: every command the line can run (lists,
 * pipelines, subshells, substitutions, `bash -c`/`eval`/`xargs`/`find -exec` payloads, wrappers
 * like `env`/`nohup`/`timeout`) is judged; a compound command is allowed only if every part is.
 */
export function judgeCommand(command: string, policy: CommandPolicy): CommandVerdict {
  const text = command.trim();
  if (text === '') return { decision: 'deny', destructive: false, reason: 'There is no command to run.' };
  if (text.length > maxCommandLength) return { decision: 'ask', destructive: true, reason: `The command is ${text.length} characters long, too long for Tandem to check; it asks first.` };
  const root = policy.workspaceRoot ? path.resolve(policy.workspaceRoot) : undefined;
  const parts = judgeShellSource(text, { root, cwd: { kind: 'inside', relative: '' }, depth: 0 });
  const destructive = parts.some((p) => p.kind === 'destructive');
  const denied = parts.find((p) => p.kind === 'deny');
  if (denied) return { decision: 'deny', destructive, reason: denied.reason ?? `\`${denied.label}\` is never run by the agent.` };
  const risky = parts.find((p) => p.kind === 'destructive');
  if (risky) return { decision: 'ask', destructive: true, reason: risky.reason ?? `\`${risky.label}\` may lose work; Tandem always asks first.` };
  if (parts.length === 0) return { decision: 'allow', destructive: false, reason: 'The command runs nothing (only comments or blank lines).' };
  const matchers = policy.allowed.map(compileAllowPattern).filter((m): m is RegExp => m !== undefined);
  if (parts.every((p) => p.neutral)) return { decision: 'allow', destructive: false, reason: 'The command only changes the shell\'s own state (folder, options, variables).' };
  const unmatched = parts.find((p) => !p.neutral && !partAllowed(p, matchers));
  if (!unmatched) return { decision: 'allow', destructive: false, reason: parts.length === 1 && parts[0] ? `\`${parts[0].label}\` is in your allowed commands.` : 'Every part of the command is in your allowed commands.' };
  const named = shorten(unmatched.texts[unmatched.texts.length - 1] ?? unmatched.label);
  if (matchers.length === 0) return { decision: 'ask', destructive: false, reason: `Running \`${named}\` needs your approval (no allowed commands are set).` };
  const whole = parts.length > 1 ? ' (each part of a compound command must match)' : '';
  return { decision: 'ask', destructive: false, reason: `\`${named}\` is not in your allowed commands${whole}, so it needs your approval.` };
}

function partAllowed(part: CommandPart, matchers: RegExp[]): boolean {
  return part.texts.some((text) => {
    const flat = normalizeSpaces(text);
    return matchers.some((m) => m.test(flat));
  });
}

/** A glob over the whole (trimmed) command text: `*` matches any characters, everything else itself. */
export function compileAllowPattern(pattern: string): RegExp | undefined {
  const flat = normalizeSpaces(pattern);
  if (flat === '') return undefined;
  const body = flat.split('*').map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*');
  return new RegExp(`^${body}$`);
}

function normalizeSpaces(text: string): string {
  return text.trim().replace(/[ \t]+/g, ' ');
}
