import * as vscode from 'vscode';
import type { Health, HealthMonitor } from './healthMonitor';
import type { ModelService } from './modelService';

/** The status bar entry: active chat model and backend health; click to pick another model. */
export class ModelStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly models: ModelService, private readonly health: HealthMonitor) {
    this.item = vscode.window.createStatusBarItem('tandem.model', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Tandem Model';
    this.item.command = 'tandem.selectModel';
    this.subscriptions = [models.onDidChange(() => this.render()), health.onDidChange(() => this.render())];
    this.render();
    this.item.show();
  }

  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : this.item.tooltip?.value ?? '';
  }

  private render(): void {
    const { provider } = this.models.config;
    const model = provider.models.chat;
    const health = this.health.current;
    const icon = iconFor(health);
    this.item.text = `${icon} ${model}`;
    this.item.tooltip = `Tandem — ${model} on ${provider.label} (${provider.baseUrl})\n${describe(health)}\nClick to select a model.`;
    this.item.accessibilityInformation = { label: `Tandem model ${model} on ${provider.label}: ${describe(health)}`, role: 'button' };
    this.item.backgroundColor = health.state === 'error' || health.state === 'modelMissing'
      ? new vscode.ThemeColor('statusBarItem.warningBackground')
      : undefined;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}

function iconFor(health: Health): string {
  switch (health.state) {
    case 'checking': return '$(sync~spin)';
    case 'error':
    case 'modelMissing': return '$(warning)';
    default: return '$(sparkle)';
  }
}

function describe(health: Health): string {
  switch (health.state) {
    case 'unknown': return 'Server not checked yet.';
    case 'checking': return 'Checking the server…';
    case 'ok': return `Server reachable (${health.models.length} model${health.models.length === 1 ? '' : 's'}).`;
    case 'modelMissing': return health.message;
    case 'error': return health.message;
  }
}
