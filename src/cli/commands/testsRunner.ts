import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { splitCommandLine } from '../../core/testing/commandLine';
import type { TestRunner, TestRunRequest, TestRunResult } from '../../core/testing/testRun';

/**
 * Runs test commands as child processes for `tandem tests --run`: without a shell when the
 * command is plain words (on Windows, where npx and friends are .cmd files, always through one),
 * output streamed to `echo` as it comes and captured for the parsers.
 */
export class ChildProcessTestRunner implements TestRunner {
  constructor(private readonly echo: (chunk: string) => void) {}

  run(request: TestRunRequest, signal?: AbortSignal): Promise<TestRunResult> {
    const argv = process.platform === 'win32' ? undefined : splitCommandLine(request.command);
    const detached = process.platform !== 'win32';
    const child = argv
      ? spawn(argv[0]!, argv.slice(1), { cwd: request.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached })
      : spawn(request.command, { cwd: request.cwd, shell: true, stdio: ['ignore', 'pipe', 'pipe'], detached, windowsHide: true });
    const chunks: string[] = [];
    const collect = (data: Buffer) => {
      const text = data.toString('utf8');
      chunks.push(text);
      this.echo(text);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const stop = () => {
      try {
        if (detached && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
        else child.kill();
      } catch {
        // Already gone.
      }
    };
    signal?.addEventListener('abort', stop, { once: true });
    return new Promise((resolve) => {
      let failedToStart = false;
      child.on('error', (error) => {
        failedToStart = true;
        const text = `tandem: could not run ${argv?.[0] ?? 'the command'}: ${error.message}\n`;
        chunks.push(text);
        this.echo(text);
      });
      child.on('close', (code, signalName) => {
        signal?.removeEventListener('abort', stop);
        const exitCode = signal?.aborted ? undefined
          : failedToStart ? 127
            : code ?? 128 + ((signalName && constants.signals[signalName]) || 1);
        resolve({ exitCode, output: chunks.join('') });
      });
    });
  }
}
