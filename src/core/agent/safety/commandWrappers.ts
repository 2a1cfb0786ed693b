import type { ShellWord } from './shellTokens';

/** What a wrapper (`env`, `nohup`, `timeout 5`, `xargs`…) runs and what it does besides. */
export interface Unwrapped {
  /** Index in the wrapper's arguments of the command it runs; undefined when it runs none. */
  commandAt: number | undefined;
  /** A shell string it runs (`env -S '…'`, `watch '…'`, `npx -c '…'`, `flock f -c '…'`). */
  shellString?: ShellWord[];
  /** Files it writes itself (`time -o file`). */
  writes?: ShellWord[];
  /** Variables it sets for the command (`env NAME=value`). */
  assignments?: ShellWord[];
  /** A folder the command runs in (`env -C dir`). */
  chdir?: ShellWord;
  /** The command receives more arguments at run time (`xargs`). */
  addsArguments?: boolean;
}

interface WrapperSpec {
  /** Options that take the next argument. */
  withValue: readonly string[];
  /** Positional arguments before the command (`timeout DURATION cmd`, `flock FILE cmd`). */
  leading?: number;
  /** Options that mean "no command follows" (`command -v`, `ionice -p`). */
  query?: RegExp;
  /** Options whose value is a shell string to run. */
  shellOption?: readonly string[];
  /** The rest is joined into a shell string (`watch`). */
  restIsShellString?: boolean;
}

/** Programs that run another program given on their command line. */
const wrappers: Record<string, WrapperSpec> = {
  nohup: { withValue: [] },
  time: { withValue: ['-f', '--format', '-o', '--output'] },
  nice: { withValue: ['-n', '--adjustment'] },
  ionice: { withValue: ['-c', '--class', '-n', '--classdata'], query: /^(-p|--pid|-P|--pgid|-u|--uid)$/ },
  timeout: { withValue: ['-s', '--signal', '-k', '--kill-after'], leading: 1 },
  env: { withValue: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'], shellOption: ['-S', '--split-string'] },
  command: { withValue: [], query: /^-[a-zA-Z]*[vV]/ },
  builtin: { withValue: [] },
  exec: { withValue: ['-a'] },
  stdbuf: { withValue: ['-i', '-o', '-e', '--input', '--output', '--error'] },
  setsid: { withValue: [] },
  unbuffer: { withValue: [] },
  chronic: { withValue: [] },
  caffeinate: { withValue: ['-t', '-w'] },
  flock: { withValue: ['-w', '--timeout', '-E', '--conflict-exit-code'], leading: 1, shellOption: ['-c', '--command'] },
  npx: { withValue: ['-p', '--package', '--call'], shellOption: ['-c', '--call'] },
  pnpx: { withValue: ['-p', '--package'] },
  bunx: { withValue: ['-p', '--package'] },
  busybox: { withValue: [] },
  toybox: { withValue: [] },
  watch: { withValue: ['-n', '--interval', '-d', '--differences', '-q', '--equexit'], restIsShellString: true },
  xargs: { withValue: ['-I', '-L', '-l', '-n', '-P', '-s', '-d', '-E', '-e', '-a', '--arg-file', '--delimiter', '--max-args', '--max-procs', '--max-lines', '--replace', '--eof', '--max-chars', '--process-slot-var'] },
  strace: { withValue: ['-e', '-o', '-p', '-s', '-u', '-E'] },
  'dotenv': { withValue: ['-e', '-v', '-c'] },
};

export function isWrapper(name: string): boolean {
  return name in wrappers;
}

/** Finds the command a wrapper runs. Only call it when `isWrapper(name)`. */
export function unwrap(name: string, args: ShellWord[]): Unwrapped {
  const spec = wrappers[name];
  if (!spec) return { commandAt: 0 };
  const result: Unwrapped = { commandAt: undefined, addsArguments: name === 'xargs' };
  let leading = spec.leading ?? 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const text = arg.text;
    if (text === '--' && !arg.dynamic) { if (leading === 0) { result.commandAt = i + 1 < args.length ? i + 1 : undefined; break; } continue; }
    if (text.startsWith('-') && text.length > 1 && !arg.dynamic) {
      if (spec.query?.test(text)) return { commandAt: undefined };
      const eq = text.indexOf('=');
      const option = text.startsWith('--') && eq > 0 ? text.slice(0, eq) : text;
      const glued = !text.startsWith('--') && text.length > 2 && spec.withValue.includes(text.slice(0, 2)) ? text.slice(0, 2) : undefined;
      let value: ShellWord | undefined;
      if (eq > 0 && text.startsWith('--')) value = { ...arg, text: text.slice(eq + 1) };
      else if (glued) value = { ...arg, text: text.slice(2) };
      else if (spec.withValue.includes(option)) value = args[++i];
      const key = glued ?? option;
      if (value && spec.shellOption?.includes(key)) { result.shellString = [value]; return result; }
      if (value && name === 'time' && (key === '-o' || key === '--output')) result.writes = [value];
      if (value && name === 'env' && (key === '-C' || key === '--chdir')) result.chdir = value;
      continue;
    }
    if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(text)) { (result.assignments ??= []).push(arg); continue; }
    if (leading > 0) { leading--; continue; }
    if (spec.restIsShellString && !args.slice(0, i).some((a) => a.text === '-x' || a.text === '--exec')) { result.shellString = args.slice(i); return result; }
    result.commandAt = i;
    break;
  }
  return result;
}
