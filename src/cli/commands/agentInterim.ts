// INTERIM stand-ins until src/core/agent/{safety/workspacePath,exec,checkpoints} land; replaced then.
import { spawn } from 'node:child_process';
import type { ShellRunOptions, ShellRunResult } from '../../core/agent';

export function interimRunShell(options: ShellRunOptions): Promise<ShellRunResult> {
  const started = Date.now();
  const child = spawn(options.command, { cwd: options.cwd, shell: true, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  let timedOut = false;
  const collect = (data: Buffer) => {
    const text = data.toString('utf8');
    output += text;
    options.onOutput?.(text);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const kill = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    } catch { /* gone */ }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, options.timeoutMs);
  options.signal?.addEventListener('abort', kill, { once: true });
  return new Promise((resolve) => {
    child.on('error', (error) => (output += `${error.message}\n`));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', kill);
      resolve({ exitCode: code, signal, output, durationMs: Date.now() - started, timedOut, cancelled: options.signal?.aborted === true });
    });
  });
}
