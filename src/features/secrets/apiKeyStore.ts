import * as vscode from 'vscode';

const keyPrefix = 'tandem.apiKey.';

/**
 * API keys, one per provider, in VS Code's SecretStorage (the OS keychain on desktop): never in
 * settings, never logged. Known keys are cached so the log redactor can strip them synchronously.
 */
export class ApiKeyStore implements vscode.Disposable {
  private readonly known = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<string>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((event) => {
      if (!event.key.startsWith(keyPrefix)) return;
      const providerId = event.key.slice(keyPrefix.length);
      this.known.delete(providerId);
      this.changed.fire(providerId);
    });
  }

  async get(providerId: string): Promise<string | undefined> {
    const key = await this.secrets.get(keyPrefix + providerId);
    if (key) this.known.set(providerId, key);
    return key || undefined;
  }

  async set(providerId: string, key: string): Promise<void> {
    this.known.set(providerId, key);
    await this.secrets.store(keyPrefix + providerId, key);
  }

  async delete(providerId: string): Promise<void> {
    this.known.delete(providerId);
    await this.secrets.delete(keyPrefix + providerId);
  }

  /** Keys read so far in this session, for redaction. */
  knownKeys(): Iterable<string> {
    return this.known.values();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
