import * as vscode from 'vscode';
import { settingsSection } from '../../core/config';
import { targetFor, type SettingsService } from '../settings/settingsService';

/** "Tandem: Select Provider": built-in presets and the user's own entries of tandem.providers. */
export function registerSelectProvider(settings: SettingsService): vscode.Disposable {
  return vscode.commands.registerCommand('tandem.selectProvider', async (providerIdArg?: unknown) => {
    const { provider: active, providers } = settings.current;
    let id = typeof providerIdArg === 'string' ? providerIdArg : undefined;
    if (!id) {
      const picked = await vscode.window.showQuickPick(
        Object.values(providers).map((p) => ({ label: p.label, description: p.id === active.id ? `${p.id} · active` : p.id, detail: `${p.baseUrl} · chat model ${p.models.chat}`, id: p.id })),
        { title: 'Tandem: which model server?', placeHolder: 'Add others under tandem.providers in settings.json', matchOnDescription: true, matchOnDetail: true },
      );
      id = picked?.id;
    }
    if (!id) return;
    if (!providers[id]) {
      void vscode.window.showErrorMessage(`Tandem: no provider named '${id}'. Known: ${Object.keys(providers).join(', ')}.`);
      return;
    }
    await vscode.workspace.getConfiguration(settingsSection).update('provider', id, targetFor('provider'));
  });
}
