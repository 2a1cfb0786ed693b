import * as vscode from 'vscode';
import type { ShellCommandRequest, ShellCommandResult } from '../../../core/agent/exec/runShellCommand';
import { needsOwnProcess } from '../../../core/agent/exec/ownProcess';
import { PseudoterminalRunner } from './pseudoterminalRunner';
import { shellIntegrationEvents } from './shellIntegrationApi';
import { ShellIntegrationRunner, type ShellIntegrationTiming } from './shellIntegrationRunner';

/** 'auto': the user's shell with shell integration where the host has it, else Tandem's own terminal; 'pseudoterminal': always Tandem's own. */
export type TerminalMode = 'auto' | 'pseudoterminal';

export const agentTerminalName = 'Tandem Agent';

const defaultTiming: ShellIntegrationTiming = { waitMs: 4_000, silentMs: 8_000 };

/**
 * Runs the agent's commands one at a time in a terminal the user can watch: the user's shell through
 * its shell integration where the host has it, else (and for the commands above, and for good once
 * the shell integration turned out missing or unreliable) Tandem's own terminal.
 */
export class AgentCommandRunner implements vscode.Disposable {
  private readonly shell: ShellIntegrationRunner | undefined;
  private readonly fallback: PseudoterminalRunner;
  private useFallback: boolean;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(root: string, mode: TerminalMode = 'auto', timing: Partial<ShellIntegrationTiming> = {}) {
    const events = shellIntegrationEvents(vscode.window);
    this.shell = events ? new ShellIntegrationRunner(agentTerminalName, root, events, { ...defaultTiming, ...timing }) : undefined;
    this.fallback = new PseudoterminalRunner(agentTerminalName, root);
    this.useFallback = mode === 'pseudoterminal' || !this.shell;
  }

  /** Which runner the next single-line command goes to. */
  get path(): 'shell integration' | 'pseudoterminal' {
    return this.useFallback ? 'pseudoterminal' : 'shell integration';
  }

  run(request: ShellCommandRequest): Promise<ShellCommandResult> {
    const next = this.queue.then(() => this.runNow(request));
    this.queue = next.catch(() => undefined);
    return next;
  }

  dispose(): void {
    this.shell?.dispose();
    this.fallback.dispose();
  }

  private async runNow(request: ShellCommandRequest): Promise<ShellCommandResult> {
    if (request.signal?.aborted) return { exitCode: null, signal: null, output: '', durationMs: 0, timedOut: false, cancelled: true };
    if (this.shell && !this.useFallback && !needsOwnProcess(request.command)) {
      const integration = await this.shell.integration();
      if (!integration) this.useFallback = true;
      else if (request.signal?.aborted) return { exitCode: null, signal: null, output: '', durationMs: 0, timedOut: false, cancelled: true };
      else {
        const { result, reliable } = await this.shell.run(integration, request);
        if (!reliable) this.useFallback = true;
        return result;
      }
    }
    return this.fallback.run(request);
  }
}
