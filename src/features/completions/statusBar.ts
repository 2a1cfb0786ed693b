import * as vscode from 'vscode';
import type { CompletionGate, GateVerdict } from './completionGate';
import type { CompletionServerState } from './serverState';

export const toggleCommand = 'tandem.toggleCompletions';

/** What the item shows, for the integration suite. */
export interface CompletionsStatusView {
  text: string;
  tooltip: string;
  warning: boolean;
}

/**
 * The "Completions" status bar item: on, off, off for the active language, snoozed, or a quiet
 * warning while the model server fails (the only sign of it: no popups). Click for the menu.
 */
export class CompletionsStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly gate: CompletionGate, private readonly server: CompletionServerState) {
    this.item = vscode.window.createStatusBarItem('tandem.completions', vscode.StatusBarAlignment.Right, 99);
    this.item.name = 'Tandem Completions';
    this.item.command = toggleCommand;
    this.subscriptions = [
      gate.onDidChange(() => this.render()),
      server.onDidChange(() => this.render()),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
    ];
    this.render();
    this.item.show();
  }

  get view(): CompletionsStatusView {
    const tooltip = this.item.tooltip;
    return { text: this.item.text, tooltip: typeof tooltip === 'string' ? tooltip : tooltip?.value ?? '', warning: this.item.backgroundColor !== undefined };
  }

  private render(): void {
    const language = vscode.window.activeTextEditor?.document.languageId;
    const verdict: GateVerdict = language ? this.gate.verdict(language) : this.gate.verdict('');
    const server = this.server.current;
    // The warning matters only where ghost text would otherwise show.
    const failure = verdict === 'on' && server.state === 'failing' ? server.message : undefined;
    this.item.text = `${failure !== undefined ? '$(warning)' : iconFor(verdict)} Completions`;
    const state = failure !== undefined ? `Paused: the model server fails (${failure}). Tandem retries in the background.` : describe(verdict, language, this.gate.snoozedUntil());
    this.item.tooltip = `Tandem inline completions — ${state}\nClick for options.`;
    this.item.accessibilityInformation = { label: `Tandem completions: ${state}`, role: 'button' };
    this.item.backgroundColor = failure !== undefined ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}

function iconFor(verdict: GateVerdict): string {
  switch (verdict) {
    case 'on': return '$(sparkle)';
    case 'snoozed': return '$(clock)';
    case 'disabled':
    case 'languageOff': return '$(circle-slash)';
  }
}

function describe(verdict: GateVerdict, language: string | undefined, snoozedUntil: number | undefined): string {
  switch (verdict) {
    case 'on': return language ? `on for ${language}.` : 'on.';
    case 'disabled': return 'off (tandem.completions.enabled).';
    case 'languageOff': return `off for ${language ?? 'this language'} (tandem.completions.languages).`;
    case 'snoozed': return `snoozed until ${new Date(snoozedUntil ?? Date.now()).toLocaleTimeString()}.`;
  }
}
