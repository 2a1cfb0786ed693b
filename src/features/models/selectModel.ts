import * as vscode from 'vscode';
import { settingsSection } from '../../core/config';
import type { ModelRole } from '../../core/llm';
import { showLlmError } from '../errors/showLlmError';
import { targetFor } from '../settings/settingsService';
import type { ModelService } from './modelService';

interface ModelItem extends vscode.QuickPickItem {
  model?: string;
  switchProvider?: true;
}

const roleNames: Record<ModelRole, string> = { chat: 'chat', edit: 'edit', completion: 'completion' };

/**
 * "Tandem: Select Chat Model" lists what the active server offers (GET /models) and writes the choice
 * to tandem.providers.<id>.models in the scope that already holds the provider's settings.
 */
export class ModelPicker {
  private visible: vscode.QuickPick<ModelItem> | undefined;
  private activeLabel: string | undefined;

  constructor(private readonly models: ModelService) {}

  /** Labels of the items the open picker shows (for tests and the e2e suite). */
  visibleItems(): string[] | undefined {
    return this.visible?.items.map((i) => i.label);
  }

  /** The highlighted item as the workbench last reported it (not set by Tandem itself). */
  activeItem(): string | undefined {
    return this.visible ? this.activeLabel : undefined;
  }

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('tandem.selectModel', (model?: unknown, role?: unknown) =>
        this.run(isRole(role) ? role : 'chat', typeof model === 'string' ? model : undefined)),
      vscode.commands.registerCommand('tandem.selectCompletionModel', (model?: unknown) =>
        this.run('completion', typeof model === 'string' ? model : undefined)),
    ];
  }

  private async run(role: ModelRole, preset: string | undefined): Promise<void> {
    if (preset) return writeModel(this.models.config.provider.id, role, preset);
    const { provider } = this.models.config;
    const current = provider.models[role];
    const picker = vscode.window.createQuickPick<ModelItem>();
    picker.title = `Tandem: ${roleNames[role]} model on ${provider.label} (${provider.baseUrl})`;
    picker.placeholder = 'Loading the models this server offers…';
    picker.busy = true;
    picker.matchOnDescription = true;
    this.visible = picker;
    this.activeLabel = undefined;
    picker.onDidChangeActive((active) => { this.activeLabel = active[0]?.label; });
    picker.show();
    const cancel = new AbortController();
    picker.onDidHide(() => {
      cancel.abort();
      if (this.visible === picker) this.visible = undefined;
      picker.dispose();
    });

    let available: string[];
    try {
      available = await (await this.models.getClient()).listModels({ signal: cancel.signal, timeoutMs: 10_000 });
    } catch (error) {
      picker.hide();
      void showLlmError(error, () => this.run(role, undefined));
      return;
    }
    const items: ModelItem[] = available.map((id) => ({ label: id, model: id, description: id === current ? 'current' : undefined }));
    if (!available.includes(current)) items.unshift({ label: current, model: current, description: 'current — not offered by the server' });
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(server) Switch provider…', switchProvider: true });
    picker.items = items;
    picker.activeItems = items.filter((i) => i.model === current);
    picker.placeholder = `Pick the ${roleNames[role]} model (${available.length} available)`;
    picker.busy = false;

    const accepted = await new Promise<ModelItem | undefined>((resolve) => {
      picker.onDidAccept(() => resolve(picker.selectedItems[0]));
      picker.onDidHide(() => resolve(undefined));
    });
    picker.hide();
    if (accepted?.switchProvider) await vscode.commands.executeCommand('tandem.selectProvider');
    else if (accepted?.model) await writeModel(provider.id, role, accepted.model);
  }
}

/** Writes one role's model for a provider, keeping every other provider setting as it was. */
export async function writeModel(providerId: string, role: ModelRole, model: string): Promise<void> {
  const section = vscode.workspace.getConfiguration(settingsSection);
  const target = targetFor('providers');
  const inspected = section.inspect<Record<string, Record<string, unknown>>>('providers');
  const scoped = target === vscode.ConfigurationTarget.Global ? inspected?.globalValue
    : target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.workspaceFolderValue;
  const providers = { ...(scoped ?? {}) };
  const entry = { ...(providers[providerId] ?? {}) };
  entry.models = { ...((entry.models as Record<string, string> | undefined) ?? {}), [role]: model };
  providers[providerId] = entry;
  await section.update('providers', providers, target);
}

function isRole(value: unknown): value is ModelRole {
  return value === 'chat' || value === 'edit' || value === 'completion';
}
