import type * as vscode from 'vscode';

// The terminal shell integration API (VS Code 1.93+). Tandem compiles against older @types/vscode
// and still runs on older hosts, so the API is described here and detected at run time.

export interface ShellExecution {
  read(): AsyncIterable<string>;
}

export interface ShellIntegration {
  readonly cwd: vscode.Uri | undefined;
  executeCommand(commandLine: string): ShellExecution;
}

export interface ShellExecutionEndEvent {
  readonly terminal: vscode.Terminal;
  readonly execution: ShellExecution;
  /** Undefined when the shell did not report it. */
  readonly exitCode: number | undefined;
}

interface ShellIntegrationWindow {
  onDidChangeTerminalShellIntegration?: vscode.Event<{ terminal: vscode.Terminal; shellIntegration: ShellIntegration }>;
  onDidStartTerminalShellExecution?: vscode.Event<{ terminal: vscode.Terminal; execution: ShellExecution }>;
  onDidEndTerminalShellExecution?: vscode.Event<ShellExecutionEndEvent>;
}

export interface ShellIntegrationEvents {
  changed: NonNullable<ShellIntegrationWindow['onDidChangeTerminalShellIntegration']>;
  started: NonNullable<ShellIntegrationWindow['onDidStartTerminalShellExecution']>;
  ended: NonNullable<ShellIntegrationWindow['onDidEndTerminalShellExecution']>;
}

/** The host's shell integration events, or undefined on a host without the API. */
export function shellIntegrationEvents(window: typeof vscode.window): ShellIntegrationEvents | undefined {
  const w = window as unknown as ShellIntegrationWindow;
  if (!w.onDidChangeTerminalShellIntegration || !w.onDidStartTerminalShellExecution || !w.onDidEndTerminalShellExecution) return undefined;
  return { changed: w.onDidChangeTerminalShellIntegration, started: w.onDidStartTerminalShellExecution, ended: w.onDidEndTerminalShellExecution };
}

/** A terminal's shell integration, once the shell has reported it. */
export function shellIntegrationOf(terminal: vscode.Terminal): ShellIntegration | undefined {
  return (terminal as unknown as { shellIntegration?: ShellIntegration }).shellIntegration;
}
