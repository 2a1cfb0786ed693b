import { judgeProgram } from './commandRules';
import { isWrapper, unwrap } from './commandWrappers';
import { judgeGit, type RuleVerdict } from './gitPolicy';
import { changeDirectory, type PathContext, type ShellCwd } from './pathTargets';
import { parseShell, type SimpleCommand } from './shellParse';
import type { ShellWord } from './shellTokens';
import { judgeWriteTargets } from './writeTargets';

/** One command of a command line, judged: what the allowlist may match and why it is (not) safe. */
export interface CommandPart {
  kind: 'deny' | 'destructive' | 'normal';
  reason?: string;
  /** Texts an allowlist pattern may match: the command as written, and without its wrappers. */
  texts: string[];
  label: string;
  /** Changes only the shell's own state (`cd` inside the workspace, `set -e`, `export X=1`): needs no allowlist entry. */
  neutral?: boolean;
}

interface Scope { root: string | undefined; cwd: ShellCwd; depth: number }

const maxDepth = 8;
const privileged = new Set(['sudo', 'su', 'doas', 'pkexec', 'runas', 'gosu', 'su-exec', 'runuser', 'sg', 'newgrp', 'chroot']);
const shells = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'csh', 'tcsh', 'rbash', 'yash']);
const interpreters = new Set(['python', 'python2', 'python3', 'node', 'nodejs', 'perl', 'ruby', 'php', 'pwsh', 'powershell', 'deno', 'bun', 'lua', 'rscript', 'osascript', 'tclsh', 'awk', 'gawk', 'jshell']);
const downloaders = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'https', 'xh', 'lwp-request', 'get', 'iwr', 'irm', 'invoke-webrequest', 'invoke-restmethod', 'nc', 'ncat', 'socat']);
/** Variables that change which program runs or what it loads; setting them makes a command uncheckable. */
const steeringVariables = /^(PATH|LD_[A-Z_]+|DYLD_[A-Z_]+|BASH_ENV|ENV|IFS|PROMPT_COMMAND|SHELLOPTS|BASHOPTS|GIT_[A-Z_]*(EXEC_PATH|SSH|SSH_COMMAND|EDITOR|PAGER|EXTERNAL_DIFF|ASKPASS|CONFIG[A-Z_]*|DIR|WORK_TREE|INDEX_FILE)|SSH_ASKPASS|EDITOR|VISUAL|PAGER|NODE_OPTIONS|PYTHONSTARTUP|PYTHONPATH|PERL5OPT|PERL5LIB|RUBYOPT|CDPATH)$/;
const harmlessSteering = /^(cat|less|more|true|)$/;
/** `npm exec`, `pnpm dlx`…: run the command that follows. */
const packageRunners: Record<string, RegExp> = { npm: /^(exec|x)$/, pnpm: /^(exec|dlx)$/, yarn: /^(exec|dlx)$/, bun: /^x$/ };
/** Builtins that only change the shell's own state. */
const shellStateBuiltins = new Set([':', 'true', 'false', 'set', 'export', 'unset', 'local', 'declare', 'typeset', 'readonly', 'shift', 'cd', 'pushd', 'popd', 'dirs', 'umask']);

/** Judges every command a shell text can run, following `cd` to know where relative paths land. */
export function judgeShellSource(source: string, scope: Scope): CommandPart[] {
  const label = shorten(source);
  if (scope.depth > maxDepth) return [{ kind: 'destructive', reason: `\`${label}\` nests commands too deeply for Tandem to check.`, texts: [], label }];
  const parsed = parseShell(source);
  const parts: CommandPart[] = [];
  if (parsed.syntaxError) parts.push({ kind: 'destructive', reason: `Tandem cannot read \`${label}\` completely (${parsed.syntaxError}), so it cannot vouch for it.`, texts: [], label });
  for (const substitution of parsed.substitutions) parts.push(...judgeShellSource(substitution, { ...scope, depth: scope.depth + 1 }));
  const bomb = parsed.functionNames.find((name) => parsed.commands.some((c) => c.stage > 0 && c.words[0]?.text === name));
  if (bomb !== undefined) parts.push({ kind: 'deny', reason: `\`${label}\` defines \`${bomb}\` to start copies of itself (a fork bomb); the agent never runs that.`, texts: [], label });
  let cwd = scope.cwd;
  for (const command of parsed.commands) {
    const download = parsed.commands.find((c) => c.pipeline === command.pipeline && c.stage < command.stage && isDownload(c.words));
    const pipedFrom = download ? shorten(source.slice(download.start, command.end)) : undefined;
    parts.push(...judgeSimpleCommand(command, source, { ...scope, cwd }, pipedFrom));
    const name = command.words[0] && !command.words[0].dynamic ? programName(command.words[0].text) : '';
    if (name === 'cd' || name === 'pushd') cwd = changeDirectory(command.words.find((w, i) => i > 0 && !/^-[LPe@]+$/.test(w.text)), { root: scope.root, cwd });
    if (name === 'popd') cwd = { kind: 'unknown' };
  }
  return parts;
}

function judgeSimpleCommand(command: SimpleCommand, source: string, scope: Scope, pipedFromDownload: string | undefined): CommandPart[] {
  const label = shorten(command.text);
  const texts = [command.text];
  const paths: PathContext = { root: scope.root, cwd: scope.cwd };
  const parts: CommandPart[] = [];
  // Assignments and redirections only matter when they are not normal; the command itself is the part an allowlist matches.
  const add = (verdict: RuleVerdict): void => { if (verdict.kind !== 'normal') parts.push({ kind: verdict.kind, reason: verdict.reason, texts, label }); };
  for (const assignment of command.assignments) add(judgeAssignment(assignment, label));
  for (const redirect of command.redirects) {
    const writes = ['>', '>>', '>|', '&>', '&>>', '<>'].includes(redirect.op) || (redirect.op === '>&' && !/^(\d+|-)$/.test(redirect.target?.text ?? ''));
    if (writes && redirect.target) add(judgeWriteTargets([redirect.target], label, paths));
  }
  if (command.words.length === 0) return parts.length > 0 ? parts : [{ kind: 'normal', texts, label, neutral: true }];
  const readsStdin = command.stage > 0 || command.redirects.some((r) => ['<', '<<', '<<-', '<<<', '<>'].includes(r.op) && (r.fd === undefined || r.fd === 0));
  const invocation: Invocation = { source, end: command.end, label, paths, unknownArgs: false, readsStdin, pipedFromDownload, depth: scope.depth, texts };
  parts.push(...judgeInvocation(command.words, invocation));
  return parts;
}

interface Invocation {
  source: string;
  end: number;
  label: string;
  paths: PathContext;
  unknownArgs: boolean;
  readsStdin: boolean;
  /** The pipeline text when an earlier stage of it downloads (`curl … | sh`). */
  pipedFromDownload: string | undefined;
  depth: number;
  texts: string[];
}

function judgeInvocation(words: ShellWord[], call: Invocation): CommandPart[] {
  const { label } = call;
  const head = words[0];
  if (!head) return [];
  const texts = [...new Set([...call.texts, call.source.slice(head.start, call.end).trim()])];
  const part = (verdict: RuleVerdict): CommandPart[] => [{ kind: verdict.kind, reason: verdict.reason, texts, label }];
  if (head.dynamic || head.glob) {
    if (substitutionsDownload(head.substitutions, call.depth)) return part(runsDownload(label));
    return part({ kind: 'destructive', reason: `\`${label}\` computes the name of the program it runs (\`${head.text}\`) only when it runs, so Tandem cannot check it.` });
  }
  const name = programName(head.text);
  const args = words.slice(1);
  const dynamicDownload = args.some((a) => a.dynamic && substitutionsDownload(a.substitutions, call.depth));
  if (privileged.has(name)) return part({ kind: 'deny', reason: `\`${label}\` runs as another user (\`${name}\`); the agent never does that.` });
  if (isWrapper(name)) {
    const inner = unwrap(name, args);
    const extra: CommandPart[] = [];
    const sideEffects = [...(inner.writes ? [judgeWriteTargets(inner.writes, label, call.paths)] : []), ...(inner.assignments ?? []).map((a) => judgeAssignment(a, label))];
    for (const verdict of sideEffects) if (verdict.kind !== 'normal') extra.push(...part(verdict));
    const paths = inner.chdir ? { ...call.paths, cwd: changeDirectory(inner.chdir, call.paths) } : call.paths;
    if (inner.shellString) return [...extra, ...judgeShellString(inner.shellString, { ...call, paths, texts: [] })];
    if (inner.commandAt === undefined) return extra.length > 0 ? extra : part({ kind: 'normal' });
    return [...extra, ...judgeInvocation(args.slice(inner.commandAt), { ...call, paths, texts, unknownArgs: call.unknownArgs || inner.addsArguments === true })];
  }
  if (name === 'eval') {
    if (dynamicDownload) return part(runsDownload(label));
    return judgeShellString(args, { ...call, texts: [] });
  }
  if (name === 'alias' || name === 'trap') {
    // the text of an alias or a trap runs later, as shell code
    const code = name === 'alias'
      ? args.filter((a) => a.text.includes('=')).map((a) => ({ ...a, text: a.text.slice(a.text.indexOf('=') + 1) }))
      : args.filter((a) => !a.text.startsWith('-')).slice(0, 1);
    return code.length > 0 ? code.flatMap((word) => judgeShellString([word], { ...call, texts: [] })) : part({ kind: 'normal' });
  }
  const runner = packageRunners[name];
  const runnerAt = args.findIndex((a) => !a.text.startsWith('-'));
  if (runner && runnerAt >= 0 && runner.test(args[runnerAt]!.text)) return judgeRunner(args.slice(runnerAt + 1), { ...call, texts });
  if (shellStateBuiltins.has(name)) return judgeShellState(name, args, call, texts);
  if (shells.has(name)) return judgeShell(args, { ...call, texts }, dynamicDownload);
  if (interpreters.has(name) || name === 'source' || name === '.') {
    if (dynamicDownload) return part(runsDownload(label));
    const script = args.find((a) => !a.text.startsWith('-'));
    if (script?.dynamic && (name === 'source' || name === '.' || script.substitutions.length > 0)) {
      return part({ kind: 'destructive', reason: `\`${label}\` runs code that is only produced when it runs, so Tandem cannot check it.` });
    }
    const fromStdin = args.length === 0 || args.some((a) => a.text === '-' || a.text === '/dev/stdin');
    if (call.readsStdin && fromStdin && name !== 'awk' && name !== 'gawk') return part(stdinVerdict(call));
    return part({ kind: 'normal' });
  }
  if (name === 'find') return judgeFind(args, { ...call, texts });
  if (name === 'git') return part(judgeGit(args, label));
  return part(judgeProgram({ name, args, label, unknownArgs: call.unknownArgs, paths: call.paths }));
}

/** `sh -c '…'` is judged by what the string runs; `sh` reading a pipe runs what nobody can see. */
function judgeShell(args: ShellWord[], call: Invocation, dynamicDownload: boolean): CommandPart[] {
  const part = (verdict: RuleVerdict): CommandPart[] => [{ kind: verdict.kind, reason: verdict.reason, texts: call.texts, label: call.label }];
  if (dynamicDownload) return part(runsDownload(call.label));
  let command = false;
  let stdin = false;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    const text = arg.text;
    if (text === '--' || text === '-') { i++; break; }
    if (!/^[-+]/.test(text) || arg.dynamic) break;
    if (/^[-+]o$|^--(rcfile|init-file)$/.test(text)) { i++; continue; }
    if (!text.startsWith('--') && text.slice(1).includes('c')) command = true;
    if (!text.startsWith('--') && text.slice(1).includes('s')) stdin = true;
  }
  const script = args[i];
  if (command) return script ? judgeShellString([script], { ...call, texts: [] }) : part({ kind: 'normal' });
  if (script?.dynamic || (call.unknownArgs && !stdin)) return part({ kind: 'destructive', reason: `\`${call.label}\` runs a script that is only known when it runs, so Tandem cannot check it.` });
  if ((stdin || i >= args.length) && call.readsStdin) return part(stdinVerdict(call));
  return part({ kind: 'normal' });
}

/** `npm exec [--package x] [-c 'code'] [--] cmd args`: judged as the command (or code) it runs. */
function judgeRunner(args: ShellWord[], call: Invocation): CommandPart[] {
  for (let i = 0; i < args.length; i++) {
    const text = args[i]!.text;
    if (text === '--') return args[i + 1] ? judgeInvocation(args.slice(i + 1), call) : [];
    if (text === '-c' || text === '--call') return judgeShellString(args.slice(i + 1, i + 2), { ...call, texts: [] });
    if (text.startsWith('--call=')) return judgeShellString([{ ...args[i]!, text: text.slice(7) }], { ...call, texts: [] });
    if (text === '-p' || text === '--package') { i++; continue; }
    if (text.startsWith('-')) continue;
    return judgeInvocation(args.slice(i), call);
  }
  return [{ kind: 'normal', texts: call.texts, label: call.label }];
}

/** `cd`, `set -e`, `export X=1`…: nothing runs, so no allowlist entry is needed; steering variables still ask. */
function judgeShellState(name: string, args: ShellWord[], call: Invocation, texts: string[]): CommandPart[] {
  const neutral: CommandPart = { kind: 'normal', texts, label: call.label, neutral: true };
  if (name === 'export' || name === 'declare' || name === 'typeset' || name === 'local' || name === 'readonly') {
    const steering = args.filter((a) => a.text.includes('=')).map((a) => judgeAssignment(a, call.label)).find((v) => v.kind !== 'normal');
    if (steering) return [{ ...neutral, kind: steering.kind, reason: steering.reason, neutral: false }];
  }
  if (name === 'cd' || name === 'pushd') {
    const where = changeDirectory(args.find((w) => !/^-[LPe@]+$/.test(w.text)), call.paths);
    if (where.kind !== 'inside') return [{ ...neutral, neutral: false }];
  }
  return [neutral];
}

/** Judges words that a program will run as shell code, or asks when that code is computed at run time. */
function judgeShellString(words: ShellWord[], call: Invocation): CommandPart[] {
  if (words.some((w) => w.dynamic)) {
    return [{ kind: 'destructive', reason: `\`${call.label}\` runs shell code that is only known when it runs, so Tandem cannot check it.`, texts: [], label: call.label }];
  }
  const parts = judgeShellSource(words.map((w) => w.text).join(' '), { root: call.paths.root, cwd: call.paths.cwd, depth: call.depth + 1 });
  return call.unknownArgs ? parts.map((p) => (p.kind === 'normal' ? { ...p, kind: 'destructive', reason: `\`${call.label}\` runs shell code with arguments only known when it runs.` } : p)) : parts;
}

/** `find` deletes with `-delete`, writes with `-fprint`, and runs the command after `-exec` per file. */
function judgeFind(args: ShellWord[], call: Invocation): CommandPart[] {
  const part = (verdict: RuleVerdict): CommandPart => ({ kind: verdict.kind, reason: verdict.reason, texts: call.texts, label: call.label });
  const parts: CommandPart[] = [];
  const firstExpression = args.findIndex((a) => /^[-(!)]/.test(a.text) && a.text !== '-');
  const roots = firstExpression < 0 ? args : args.slice(0, firstExpression);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const text = arg.text;
    const next = args[i + 1];
    if (text === '-delete') {
      const confined = judgeWriteTargets(roots.length > 0 ? roots : [{ ...arg, text: '.', glob: false, dynamic: false }], call.label, call.paths, 'delete');
      parts.push(part(confined.kind !== 'normal' ? confined : { kind: 'destructive', reason: `\`${call.label}\` deletes every file it finds; Tandem cannot restore them, so it always asks.` }));
    } else if (/^-(fprint|fprint0|fprintf|fls)$/.test(text) && next) {
      parts.push(part(judgeWriteTargets([next], call.label, call.paths)));
    } else if (/^-(exec|execdir|ok|okdir)$/.test(text)) {
      const end = args.findIndex((a, j) => j > i && (a.text === ';' || a.text === '+'));
      const inner = args.slice(i + 1, end < 0 ? args.length : end);
      if (inner.length > 0) parts.push(...judgeInvocation(inner, { ...call, unknownArgs: true, texts: call.texts }));
      i = end < 0 ? args.length : end;
    }
  }
  return parts.length > 0 ? parts : [part({ kind: 'normal' })];
}

function judgeAssignment(assignment: ShellWord, label: string): RuleVerdict {
  const eq = assignment.text.indexOf('=');
  const name = assignment.text.slice(0, eq).replace(/\[.*$|\+$/g, '');
  const value = assignment.text.slice(eq + 1);
  if (steeringVariables.test(name) && !(harmlessSteering.test(value) && !assignment.dynamic)) {
    return { kind: 'destructive', reason: `\`${label}\` sets ${name}, which changes which program runs or what it loads; Tandem always asks first.` };
  }
  return { kind: 'normal' };
}

function stdinVerdict(call: Invocation): RuleVerdict {
  if (call.pipedFromDownload) return { kind: 'deny', reason: `\`${call.pipedFromDownload}\` pipes a download into a program that runs it, unread; the agent never does that.` };
  return { kind: 'destructive', reason: `\`${call.label}\` runs code it reads from a pipe or here-document, which Tandem cannot check.` };
}

function runsDownload(label: string): RuleVerdict {
  return { kind: 'deny', reason: `\`${label}\` runs code straight from a download, unread; the agent never does that.` };
}

function isDownload(words: ShellWord[]): boolean {
  for (const word of words.slice(0, 6)) {
    if (word.dynamic) return false;
    const name = programName(word.text);
    if (downloaders.has(name.toLowerCase())) return true;
    if (!privileged.has(name) && !isWrapper(name) && !word.text.startsWith('-') && !/^[A-Za-z_]\w*=/.test(word.text) && !/^\d+$/.test(word.text)) return false;
  }
  return false;
}

function substitutionsDownload(substitutions: string[], depth: number): boolean {
  if (depth > maxDepth) return true;
  return substitutions.some((source) => {
    const parsed = parseShell(source);
    return parsed.commands.some((c) => isDownload(c.words)) || substitutionsDownload(parsed.substitutions, depth + 1);
  });
}

/** `/usr/bin/rm`, `rm.exe` and `RM.EXE` on Windows all name `rm`. */
export function programName(text: string): string {
  const base = text.replace(/\\/g, '/').split('/').pop() ?? text;
  return /\.(exe|cmd|bat|com)$/i.test(base) ? base.replace(/\.(exe|cmd|bat|com)$/i, '').toLowerCase() : base;
}

export function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}…` : flat;
}
