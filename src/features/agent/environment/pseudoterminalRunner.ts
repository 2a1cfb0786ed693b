import * as vscode from 'vscode';
import { runShellCommand, type ShellCommandRequest, type ShellCommandResult } from '../../../core/agent/exec/runShellCommand';
import { forTerminal } from './terminalText';

/** What a terminal that has not opened yet keeps for when it does (the newest output). */
const maxBacklogChars = 256 * 1024;

/**
 * The fallback runner: a "Tandem Agent" terminal of Tandem's own (a Pseudoterminal) that shows
 * each command and its output while the command runs as a child process of the extension host.
 * Output and exit code come from the process itself, so nothing depends on shell integration:
 * they cannot be lost, and a command never hangs waiting for an event that does not come. Ctrl+C
 * in the terminal stops the running command (its whole process group); closing the terminal too.
 */
export class PseudoterminalRunner implements vscode.Disposable {
  private terminal: vscode.Terminal | undefined;
  private readonly writer = new vscode.EventEmitter<string>();
  private opened = false;
  private backlog: string[] = [];
  private backlogSize = 0;
  private running: AbortController | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly name: string, private readonly cwd: string) {
    this.subscriptions.push(this.writer, vscode.window.onDidCloseTerminal((closed) => {
      if (closed !== this.terminal) return;
      this.terminal = undefined;
      this.opened = false;
      this.running?.abort();
    }));
  }

  async run(request: ShellCommandRequest): Promise<ShellCommandResult> {
    const terminal = this.ensureTerminal();
    terminal.show(true);
    const stop = new AbortController();
    this.running = stop;
    const onAbort = () => stop.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    if (request.signal?.aborted) stop.abort();
    this.write(`\x1b[1m$ ${request.command}\x1b[0m${request.cwd !== this.cwd ? `  \x1b[2m(in ${request.cwd})\x1b[0m` : ''}\n`);
    try {
      const result = await runShellCommand({
        ...request, env: undefined, signal: stop.signal,
        onOutput: (text) => {
          this.write(text);
          request.onOutput?.(text);
        },
      });
      // The user's Ctrl+C (or closing the terminal) counts as a Stop, like the panel's.
      const cancelled = result.cancelled || (stop.signal.aborted && !result.timedOut);
      this.write(`${result.output.endsWith('\n') || result.output === '' ? '' : '\n'}\x1b[2m${describe(result, cancelled)}\x1b[0m\n\n`);
      return { ...result, cancelled };
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
      if (this.running === stop) this.running = undefined;
    }
  }

  dispose(): void {
    this.running?.abort();
    this.terminal?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }

  private ensureTerminal(): vscode.Terminal {
    if (this.terminal && this.terminal.exitStatus === undefined) return this.terminal;
    this.opened = false;
    this.backlog = [];
    this.backlogSize = 0;
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.writer.event,
      open: () => {
        this.opened = true;
        this.writer.fire(forTerminal('Tandem runs the agent\'s commands here. Ctrl+C stops the running command.\n\n'));
        for (const text of this.backlog.splice(0)) this.writer.fire(text);
      },
      close: () => this.running?.abort(),
      handleInput: (data) => {
        if (data.includes('\x03')) this.running?.abort();
      },
    };
    this.terminal = vscode.window.createTerminal({ name: this.name, pty, iconPath: new vscode.ThemeIcon('hubot') });
    return this.terminal;
  }

  /** Text written before the terminal has opened is kept and shown when it opens. */
  private write(text: string): void {
    const converted = forTerminal(text);
    if (this.opened) {
      this.writer.fire(converted);
      return;
    }
    this.backlog.push(converted);
    this.backlogSize += converted.length;
    while (this.backlogSize > maxBacklogChars && this.backlog.length > 1) this.backlogSize -= this.backlog.shift()?.length ?? 0;
  }
}

function describe(result: ShellCommandResult, cancelled: boolean): string {
  const time = `${(result.durationMs / 1000).toFixed(1)} s`;
  if (result.error) return `could not start: ${result.error}`;
  if (cancelled) return `stopped after ${time}`;
  if (result.timedOut) return `timed out after ${time} and was stopped`;
  if (result.exitCode === null) return `killed by ${result.signal ?? 'a signal'} after ${time}`;
  return `exit code ${result.exitCode} · ${time}`;
}
