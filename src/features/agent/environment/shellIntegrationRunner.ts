import path from 'node:path';
import * as vscode from 'vscode';
import { OutputCapture } from '../../../core/agent/exec/outputCapture';
import type { ShellCommandRequest, ShellCommandResult } from '../../../core/agent/exec/runShellCommand';
import { shellQuote, type ShellKind } from '../../../core/testing/shellQuote';
import { shellIntegrationOf, type ShellExecution, type ShellExecutionEndEvent, type ShellIntegration, type ShellIntegrationEvents } from './shellIntegrationApi';
import { displayText, plainText } from './terminalText';

/** Keeps tools from waiting for a person (a pager, a credential prompt); colours stay for the watcher. */
const terminalEnv: Record<string, string> = {
  CI: 'true', GIT_TERMINAL_PROMPT: '0', PAGER: 'cat', GIT_PAGER: 'cat', npm_config_yes: 'true', DEBIAN_FRONTEND: 'noninteractive',
};

export interface ShellIntegrationTiming {
  /** How long a new terminal may take to report its shell integration. */
  waitMs: number;
  /** With neither a start event nor any output for this long, the terminal is not reporting: give up. */
  silentMs: number;
}

export interface TerminalRun {
  result: ShellCommandResult;
  /** False when the terminal lost track of the command (no start, no exit code): use the fallback from now on. */
  reliable: boolean;
}

/**
 * The agent's commands in a real shell the user can watch: a "Tandem Agent" terminal, driven
 * through VS Code's shell integration (executeCommand, read(), the end event's exit code). The
 * anchors' most reported failure is a command whose output or end never arrives; so every wait
 * here is bounded, the end is matched to this execution only, Stop sends Ctrl+C and then closes
 * the terminal, and a run the terminal lost track of says so (and the runner is not used again).
 */
export class ShellIntegrationRunner implements vscode.Disposable {
  private terminal: vscode.Terminal | undefined;
  private unavailable = false;

  constructor(private readonly name: string, private readonly root: string, private readonly events: ShellIntegrationEvents, private readonly timing: ShellIntegrationTiming) {}

  /** The terminal's shell integration, creating the terminal and waiting for it; undefined when it does not come. */
  async integration(): Promise<ShellIntegration | undefined> {
    if (this.unavailable) return undefined;
    if (this.terminal && this.terminal.exitStatus !== undefined) this.terminal = undefined;
    const terminal = (this.terminal ??= vscode.window.createTerminal({ name: this.name, cwd: this.root, env: terminalEnv, iconPath: new vscode.ThemeIcon('hubot') }));
    const ready = shellIntegrationOf(terminal) ?? (await this.waitForIntegration(terminal));
    if (!ready) {
      // No shell integration here (an unsupported shell, or it is turned off): the fallback takes over for good.
      this.unavailable = true;
      terminal.dispose();
      this.terminal = undefined;
    }
    return ready;
  }

  async run(integration: ShellIntegration, request: ShellCommandRequest): Promise<TerminalRun> {
    const terminal = this.terminal;
    if (!terminal) throw new Error('the agent terminal is gone');
    terminal.show(true);
    const begin = performance.now();
    const capture = new OutputCapture(request.keepHeadBytes, request.keepTailBytes);
    const started = new Set<ShellExecution>();
    const ended = new Map<ShellExecution, ShellExecutionEndEvent>();
    let execution: ShellExecution | undefined;
    let settle: (how: 'ended' | 'closed' | 'stop' | 'timeout' | 'silent') => void = () => {};
    const outcome = new Promise<'ended' | 'closed' | 'stop' | 'timeout' | 'silent'>((resolve) => (settle = resolve));
    let sawOutput = false;
    // Subscribed before the command is sent: the start event can fire before executeCommand returns.
    const subscriptions = [
      this.events.started((e) => {
        if (e.terminal === terminal) started.add(e.execution);
      }),
      this.events.ended((e) => {
        if (e.terminal !== terminal) return;
        ended.set(e.execution, e);
        if (e.execution === execution) settle('ended');
      }),
      vscode.window.onDidCloseTerminal((closed) => {
        if (closed === terminal) settle('closed');
      }),
    ];
    const onAbort = () => settle('stop');
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const timeout = setTimeout(() => settle('timeout'), Math.max(1, request.timeoutMs));
    const silence = setTimeout(() => {
      if (execution && !started.has(execution) && !sawOutput) settle('silent');
    }, this.timing.silentMs);
    try {
      execution = integration.executeCommand(this.commandLine(integration, request));
      const stream = execution.read(); // at once: data before the first read is lost
      if (ended.has(execution)) settle('ended');
      const reading = (async () => {
        for await (const chunk of stream) {
          sawOutput = true;
          capture.push(Buffer.from(chunk, 'utf8'));
          request.onOutput?.(displayText(chunk));
        }
      })().catch(() => undefined);
      if (request.signal?.aborted) settle('stop');
      const how = await outcome;
      if (how === 'stop' || how === 'timeout' || how === 'silent') await this.interrupt(terminal, () => ended.has(execution as ShellExecution), request.killGraceMs ?? 2_000);
      // The stream ends with the execution; a little more output may still be on its way.
      await Promise.race([reading, delay(how === 'ended' ? 1_000 : 200)]);
      const end = execution ? ended.get(execution) : undefined;
      const exitCode = how === 'ended' ? end?.exitCode : undefined;
      const result: ShellCommandResult = {
        exitCode: exitCode ?? null,
        signal: null,
        output: plainText(capture.text()),
        durationMs: Math.round(performance.now() - begin),
        timedOut: how === 'timeout',
        cancelled: how === 'stop' || how === 'closed', // closing the terminal stops the command, as Stop does
        ...(how === 'ended' && exitCode === undefined ? { exitCodeUnknown: true } : {}),
        ...(how === 'silent' ? { error: 'the terminal did not report that the command started (VS Code shell integration stopped responding); it may or may not have run, so check its effects before running it again' } : {}),
      };
      return { result, reliable: how !== 'silent' && !(how === 'ended' && exitCode === undefined && !sawOutput) };
    } finally {
      clearTimeout(timeout);
      clearTimeout(silence);
      request.signal?.removeEventListener('abort', onAbort);
      for (const s of subscriptions) s.dispose();
    }
  }

  dispose(): void {
    this.terminal?.dispose();
    this.terminal = undefined;
  }

  private waitForIntegration(terminal: vscode.Terminal): Promise<ShellIntegration | undefined> {
    return new Promise((resolve) => {
      const finish = (integration: ShellIntegration | undefined) => {
        clearTimeout(timer);
        subscription.dispose();
        closed.dispose();
        resolve(integration);
      };
      const subscription = this.events.changed((e) => {
        if (e.terminal === terminal) finish(e.shellIntegration);
      });
      const closed = vscode.window.onDidCloseTerminal((t) => {
        if (t === terminal) finish(undefined);
      });
      const timer = setTimeout(() => finish(shellIntegrationOf(terminal)), this.timing.waitMs);
    });
  }

  /** The command, with a change of folder first when the terminal is elsewhere. */
  private commandLine(integration: ShellIntegration, request: ShellCommandRequest): string {
    const here = integration.cwd?.fsPath;
    if (here !== undefined && path.resolve(here) === path.resolve(request.cwd)) return request.command;
    const shell = shellKind();
    const folder = shellQuote(request.cwd, shell);
    return shell === 'powershell' ? `cd ${folder}; if ($?) { ${request.command} }` : `cd ${folder} && ${request.command}`;
  }

  /** Ctrl+C, then (if the command does not end) the terminal is closed, which ends its processes. */
  private async interrupt(terminal: vscode.Terminal, hasEnded: () => boolean, graceMs: number): Promise<void> {
    terminal.sendText('\x03', false);
    const deadline = Date.now() + graceMs;
    while (!hasEnded() && Date.now() < deadline && terminal.exitStatus === undefined) await delay(50);
    if (!hasEnded() && terminal.exitStatus === undefined) {
      terminal.dispose();
      if (this.terminal === terminal) this.terminal = undefined;
    }
  }
}

function shellKind(): ShellKind {
  const name = path.basename(vscode.env.shell || '').toLowerCase();
  return name.startsWith('pwsh') || name.startsWith('powershell') ? 'powershell' : 'posix';
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
