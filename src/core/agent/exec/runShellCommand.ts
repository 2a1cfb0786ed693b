import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { OutputCapture } from './outputCapture';

export interface ShellCommandRequest {
  command: string;
  cwd: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Added to the environment (after the process's own, before Tandem's non-interactive settings). */
  env?: Record<string, string | undefined>;
  /** Called with output as it arrives (stdout and stderr interleaved), for progress display. */
  onOutput?: (text: string) => void;
  /** Time between SIGTERM and SIGKILL when the command must stop (default 2 s). */
  killGraceMs?: number;
  /** Bytes of output kept from the start and from the end (default 20 KB and 40 KB). */
  keepHeadBytes?: number;
  keepTailBytes?: number;
}

export interface ShellCommandResult {
  exitCode: number | null;
  /** The signal that ended the command (`SIGTERM`, `SIGKILL`…), or null. */
  signal: string | null;
  /** stdout and stderr interleaved, head and tail kept with `… N bytes cut …` between. */
  output: string;
  durationMs: number;
  timedOut: boolean;
  cancelled: boolean;
  /** Why the command could not start (missing folder, no shell), when it could not. */
  error?: string;
  /** It ended, but the runner could not learn its exit code (a terminal that did not report it). */
  exitCodeUnknown?: boolean;
}

/** Settings that keep tools from waiting for a person or painting for a terminal. */
const nonInteractive: Record<string, string> = {
  CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0', GIT_TERMINAL_PROMPT: '0', PAGER: 'cat', GIT_PAGER: 'cat',
  npm_config_yes: 'true', DEBIAN_FRONTEND: 'noninteractive',
};
/** How long output may keep arriving after the shell exits, from processes it left behind. */
const drainAfterExitMs = 300;

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/**
 * Runs a shell command for the agent: in its own process group (so a timeout or Ctrl+C stops its
 * children and grandchildren too: SIGTERM, then SIGKILL), with standard input closed, a
 * non-interactive environment, and output kept in bounded memory. Never rejects: a command that
 * cannot start is reported in `error`.
 */
export function runShellCommand(request: ShellCommandRequest): Promise<ShellCommandResult> {
  const started = performance.now();
  const capture = new OutputCapture(request.keepHeadBytes, request.keepTailBytes);
  const finishEarly = (error: string | undefined, cancelled: boolean): Promise<ShellCommandResult> =>
    Promise.resolve({ exitCode: null, signal: null, output: '', durationMs: 0, timedOut: false, cancelled, error });
  if (request.signal?.aborted) return finishEarly(undefined, true);
  if (!existsSync(request.cwd)) return finishEarly(`The folder ${request.cwd} does not exist.`, false);

  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawnShell(request);
    } catch (error) {
      resolve({ exitCode: null, signal: null, output: '', durationMs: 0, timedOut: false, cancelled: false, error: `Could not start the command: ${(error as Error).message}` });
      return;
    }
    let timedOut = false;
    let cancelled = false;
    let settled = false;
    let exit: { code: number | null; signal: string | null } | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    const pid = child.pid;
    if (pid !== undefined && process.platform !== 'win32') trackGroup(pid);

    const decoders = [new StringDecoder('utf8'), new StringDecoder('utf8')];
    const onData = (index: number) => (chunk: Buffer) => {
      capture.push(chunk);
      if (request.onOutput) {
        const text = decoders[index]!.write(chunk);
        if (text) safely(() => request.onOutput?.(text));
      }
    };
    child.stdout?.on('data', onData(0));
    child.stderr?.on('data', onData(1));

    const stop = (): void => {
      if (pid === undefined) return;
      killGroup(pid, 'SIGTERM');
      killTimer ??= setTimeout(() => killGroup(pid, 'SIGKILL'), request.killGraceMs ?? 2000);
    };
    const timer = setTimeout(() => { timedOut = true; stop(); }, Math.max(1, request.timeoutMs));
    const onAbort = (): void => { cancelled = true; stop(); };
    request.signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (error?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(drainTimer);
      request.signal?.removeEventListener('abort', onAbort);
      if (pid !== undefined) {
        killGroup(pid, 'SIGKILL'); // whatever the command left running in the background
        liveGroups.delete(pid);
      }
      clearTimeout(killTimer);
      resolve({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        output: capture.text(),
        durationMs: Math.round(performance.now() - started),
        timedOut,
        cancelled,
        error,
      });
    };
    child.on('error', (error) => finish(`Could not start the command: ${error.message}`));
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Background processes may hold the pipes open; take what they print for a moment, then stop them.
      drainTimer = setTimeout(() => finish(), drainAfterExitMs);
    });
    child.on('close', () => finish());
  });
}

function spawnShell(request: ShellCommandRequest): ChildProcess {
  const env = { ...process.env, ...request.env, ...nonInteractive };
  if (process.platform === 'win32') {
    return spawn(request.command, { cwd: request.cwd, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  }
  // bash when there is one: models write bash (`$'…'`, `<(…)`, `&>`); Debian's /bin/sh is dash
  const shell = existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
  return spawn(shell, ['-c', request.command], { cwd: request.cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  if (process.platform === 'win32') {
    safely(() => spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => undefined));
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/** Stops every command still running when Tandem itself exits, so no agent command outlives it. */
function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const group of liveGroups) killGroup(group, 'SIGKILL');
  });
}

function safely(action: () => void): void {
  try {
    action();
  } catch {
    // a listener's failure must not break the command's bookkeeping
  }
}
