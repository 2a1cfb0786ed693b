import * as vscode from 'vscode';
import type { CompletionEvent } from '../../core/completion';
import type { Logger } from '../../core/logger';

export type ServerState = { state: 'ok' } | { state: 'failing'; message: string };

/**
 * Whether completion requests are reaching the model, from the engine's events. A failure turns
 * it to `failing` once (the engine's backoff keeps retries rare); the next answer turns it back.
 * It feeds the status bar only: failures while typing never raise a notification.
 */
export class CompletionServerState implements vscode.Disposable {
  private value: ServerState = { state: 'ok' };
  private readonly changed = new vscode.EventEmitter<ServerState>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly logger: Logger) {}

  get current(): ServerState {
    return this.value;
  }

  observe(event: CompletionEvent): void {
    if (event.type === 'requestFailed') {
      const message = event.error.message;
      if (this.value.state === 'failing' && this.value.message === message) return;
      this.logger.warn(`completions: requests fail, ghost text is paused: ${message}`);
      this.set({ state: 'failing', message });
    } else if (event.type === 'requestFinished' && (event.status === 'completed' || event.status === 'empty')) {
      if (this.value.state === 'ok') return;
      this.logger.info('completions: the model answers again');
      this.set({ state: 'ok' });
    }
  }

  /** A new provider or model: its health is unknown until it answers or fails. */
  reset(): void {
    if (this.value.state !== 'ok') this.set({ state: 'ok' });
  }

  private set(value: ServerState): void {
    this.value = value;
    this.changed.fire(value);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
