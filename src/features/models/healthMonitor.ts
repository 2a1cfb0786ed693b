import * as vscode from 'vscode';
import { isLlmError } from '../../core/llm/errors';
import { healthAfterRequest, type Health } from './healthAfterRequest';
import type { ModelService } from './modelService';

export type { Health } from './healthAfterRequest';

/**
 * Whether the active backend answers and has the configured chat model. Checked lazily — a short
 * while after start-up, after a settings change, or on demand — never during activation.
 */
export class HealthMonitor implements vscode.Disposable {
  private health: Health = { state: 'unknown' };
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<Health>();
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChange = this.changed.event;

  constructor(private readonly models: ModelService, private readonly delayMs: number) {
    this.subscriptions = [
      models.onDidChange(() => this.schedule()),
      // Between checks, the requests themselves tell when the server stops (or starts again) answering.
      models.onDidRequest((metrics) => {
        const next = healthAfterRequest(this.health, metrics, `${models.config.provider.label} (${models.config.provider.baseUrl})`);
        if (next === 'recheck') this.schedule();
        else if (next) {
          this.generation++; // a check under way must not overwrite what a request just showed
          this.set(next);
        }
      }),
    ];
  }

  get current(): Health {
    return this.health;
  }

  /** Checks after `delayMs` (coalescing bursts of settings changes). */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), this.delayMs);
    this.timer.unref?.();
  }

  async check(): Promise<Health> {
    const generation = ++this.generation;
    this.set({ state: 'checking' });
    let next: Health;
    try {
      const client = await this.models.getClient();
      const models = await client.listModels({ timeoutMs: 5_000 });
      const wanted = client.modelFor('chat');
      next = models.length === 0 || models.includes(wanted)
        ? { state: 'ok', models }
        : { state: 'modelMissing', models, message: `Model '${wanted}' is not on ${client.provider.label}; it has ${models.slice(0, 8).join(', ')}${models.length > 8 ? ', ...' : ''}.` };
    } catch (error) {
      next = { state: 'error', message: isLlmError(error) ? error.message : String(error) };
    }
    // A newer check (settings changed meanwhile) wins.
    if (generation === this.generation) this.set(next);
    return next;
  }

  private set(health: Health): void {
    this.health = health;
    this.changed.fire(health);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}
