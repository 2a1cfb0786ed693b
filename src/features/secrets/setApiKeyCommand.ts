import * as vscode from 'vscode';
import type { ProviderConfig } from '../../core/config';
import type { SettingsService } from '../settings/settingsService';
import type { ApiKeyStore } from './apiKeyStore';

/**
 * "Tandem: Set API Key": pick a provider (the active one first), type the key into a password
 * box. An empty entry removes a stored key. Arguments (providerId, key) let keybindings and tests
 * skip the prompts; the key still goes only to SecretStorage.
 */
export function registerSetApiKey(settings: SettingsService, keys: ApiKeyStore): vscode.Disposable {
  return vscode.commands.registerCommand('tandem.setApiKey', async (providerIdArg?: unknown, keyArg?: unknown) => {
    const provider = typeof providerIdArg === 'string' ? settings.current.providers[providerIdArg] : await pickProvider(settings, keys);
    if (!provider) return;
    const key = typeof keyArg === 'string' ? keyArg : await vscode.window.showInputBox({
      title: `API key for ${provider.label} (${provider.id})`,
      prompt: 'Stored in VS Code\'s secret storage, never in settings or logs. Leave empty to remove a stored key.',
      password: true,
      ignoreFocusOut: true,
      placeHolder: provider.requiresApiKey ? 'sk-...' : 'optional for this server',
    });
    if (key === undefined) return;
    const trimmed = key.trim();
    if (trimmed) {
      await keys.set(provider.id, trimmed);
      void vscode.window.showInformationMessage(`Tandem: API key for ${provider.label} saved.`);
    } else {
      await keys.delete(provider.id);
      void vscode.window.showInformationMessage(`Tandem: API key for ${provider.label} removed.`);
    }
  });
}

async function pickProvider(settings: SettingsService, keys: ApiKeyStore): Promise<ProviderConfig | undefined> {
  const { provider: active, providers } = settings.current;
  const ordered = [active, ...Object.values(providers).filter((p) => p.id !== active.id)];
  const items = await Promise.all(ordered.map(async (p) => ({
    label: p.label,
    description: p.id === active.id ? `${p.id} · active` : p.id,
    detail: `${p.baseUrl} — ${(await keys.get(p.id)) ? 'key stored' : p.requiresApiKey ? 'needs a key' : 'no key needed'}`,
    provider: p,
  })));
  const picked = await vscode.window.showQuickPick(items, { title: 'Tandem: Set API Key for which provider?', matchOnDescription: true });
  return picked?.provider;
}
