import * as vscode from 'vscode';
import type { TandemConfig } from '../../core/config';
import type { LlmClient } from '../../core/llm';
import type { RequestMetrics } from '../../core/llm/metrics';
import type { Logger } from '../../core/logger';
import type { ApiKeyStore } from '../secrets/apiKeyStore';
import type { SettingsService } from '../settings/settingsService';

/**
 * Hands out the LlmClient for the active provider, rebuilt when settings or the provider's key
 * change. Building one is cheap; the openai SDK itself loads on the first request.
 */
export class ModelService implements vscode.Disposable {
  private client: Promise<LlmClient> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly requested = new vscode.EventEmitter<RequestMetrics>();
  private readonly subscriptions: vscode.Disposable[];
  readonly onDidChange = this.changed.event;
  /** Every finished model request (chat, completions, model lists), for the health status. */
  readonly onDidRequest = this.requested.event;

  constructor(private readonly settings: SettingsService, private readonly keys: ApiKeyStore, private readonly logger: Logger, private readonly userAgent: string) {
    this.subscriptions = [
      settings.onDidChange(() => this.invalidate()),
      keys.onDidChange((providerId) => {
        if (providerId === this.settings.current.provider.id) this.invalidate();
      }),
    ];
  }

  get config(): TandemConfig {
    return this.settings.current;
  }

  getClient(): Promise<LlmClient> {
    this.client ??= this.build(this.settings.current);
    return this.client;
  }

  private async build(config: TandemConfig): Promise<LlmClient> {
    // The engine loads with the first request, not at activation.
    const { LlmClient: Client } = await import('../../core/llm/client');
    return new Client({
      provider: config.provider,
      apiKey: await this.keys.get(config.provider.id),
      timeouts: config.timeouts,
      maxRetries: config.maxRetries,
      logger: this.logger,
      userAgent: this.userAgent,
      onMetrics: (metrics) => this.requested.fire(metrics),
    });
  }

  private invalidate(): void {
    this.client = undefined;
    this.changed.fire();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
    this.requested.dispose();
  }
}
