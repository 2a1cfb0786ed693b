import * as vscode from 'vscode';
import type { CompletionsConfig } from '../../core/config';

/** Why a language gets ghost text or not. */
export type GateVerdict = 'on' | 'disabled' | 'languageOff' | 'snoozed';

/**
 * Whether completions run for a language right now: the `tandem.completions.*` settings plus an
 * in-memory snooze (a snooze is a moment's choice, so it does not outlive the window).
 */
export class CompletionGate implements vscode.Disposable {
  private snoozeEnd = 0;
  private snoozeTimer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly config: () => CompletionsConfig) {}

  verdict(languageId: string): GateVerdict {
    const { enabled, languages } = this.config();
    if (!enabled) return 'disabled';
    if (languages[languageId] === false) return 'languageOff';
    if (this.snoozedUntil() !== undefined) return 'snoozed';
    return 'on';
  }

  /** When the snooze ends (epoch ms), or undefined when not snoozed. */
  snoozedUntil(): number | undefined {
    return Date.now() < this.snoozeEnd ? this.snoozeEnd : undefined;
  }

  snooze(ms: number): void {
    this.snoozeEnd = Date.now() + ms;
    if (this.snoozeTimer) clearTimeout(this.snoozeTimer);
    this.snoozeTimer = setTimeout(() => this.changed.fire(), ms + 50);
    this.changed.fire();
  }

  endSnooze(): void {
    this.snoozeEnd = 0;
    if (this.snoozeTimer) clearTimeout(this.snoozeTimer);
    this.changed.fire();
  }

  /** The settings changed (fired by the owner, which already listens to them). */
  settingsChanged(): void {
    this.changed.fire();
  }

  dispose(): void {
    if (this.snoozeTimer) clearTimeout(this.snoozeTimer);
    this.changed.dispose();
  }
}
