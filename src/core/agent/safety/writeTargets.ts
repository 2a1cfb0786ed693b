import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RuleVerdict } from './gitPolicy';
import { classifyWriteTarget, type PathContext } from './pathTargets';
import type { ShellWord } from './shellTokens';

/**
 * Judges the paths a command writes, creates or deletes: outside the workspace, a device or a
 * `.git` folder is denied; a path only known at run time must be approved; the rest is normal.
 */
export function judgeWriteTargets(targets: ShellWord[], label: string, paths: PathContext, verb = 'write'): RuleVerdict {
  let unknown: ShellWord | undefined;
  for (const target of targets) {
    const where = classifyWriteTarget(target, paths);
    if (where === 'outside') return { kind: 'deny', reason: `\`${label}\` would ${verb} \`${target.text}\`, outside the workspace; the agent only changes files inside it.` };
    if (where === 'device') return { kind: 'deny', reason: `\`${label}\` would ${verb} the device \`${target.text}\`; the agent never does that.` };
    if (where === 'git') return { kind: 'deny', reason: `\`${label}\` would ${verb} \`${target.text}\`, part of a git repository's own data (history, index, refs); the agent never touches your git state.` };
    if (where === 'unknown') unknown ??= target;
  }
  if (unknown) return { kind: 'destructive', reason: `\`${label}\` would ${verb} \`${unknown.text}\`, a path Tandem cannot know before it runs.` };
  return { kind: 'normal' };
}

/** Splits arguments into options and operands; `withValue` lists the options that take the next argument. */
export function operandsOf(args: ShellWord[], withValue: readonly string[] = []): { options: string[]; operands: ShellWord[]; values: Map<string, ShellWord> } {
  const options: string[] = [];
  const operands: ShellWord[] = [];
  const values = new Map<string, ShellWord>();
  let afterDashes = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (afterDashes || !arg.text.startsWith('-') || arg.text === '-' || arg.dynamic) { operands.push(arg); continue; }
    if (arg.text === '--') { afterDashes = true; continue; }
    const eq = arg.text.indexOf('=');
    const name = arg.text.startsWith('--') && eq > 0 ? arg.text.slice(0, eq) : arg.text;
    options.push(name);
    if (withValue.includes(name)) {
      if (eq > 0) values.set(name, { ...arg, text: arg.text.slice(eq + 1) });
      else if (i + 1 < args.length) values.set(name, args[++i]!);
    } else if (eq > 0) values.set(name, { ...arg, text: arg.text.slice(eq + 1) });
  }
  return { options, operands, values };
}

/** Whether short option letters (`-rf`, `-R`) or a long option appear. */
export function hasFlag(options: string[], letters: string, long: readonly string[] = []): boolean {
  return options.some((o) => (o.startsWith('--') ? long.includes(o) : [...o.slice(1)].some((c) => letters.includes(c))));
}

/**
 * Whether `mv`/`cp` would replace a file that exists: the destination itself, or the same name
 * inside a destination folder. Unknown when the workspace root is not known or a name is computed.
 */
export function wouldOverwrite(sources: ShellWord[], destination: ShellWord, paths: PathContext, intoFolder: boolean): boolean {
  if (!paths.root || paths.cwd.kind !== 'inside' || destination.dynamic || destination.glob) return true;
  const base = path.resolve(paths.root, paths.cwd.relative);
  const target = path.resolve(base, destination.text);
  const isFolder = safeIsFolder(target);
  if (!isFolder && !intoFolder) return existsSync(target) && sources.length > 0;
  return sources.some((source) => source.dynamic || source.glob || existsSync(path.join(target, path.basename(source.text))));
}

function safeIsFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
