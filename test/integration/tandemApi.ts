import * as vscode from 'vscode';
import type { TandemApi } from '../../src/extension';

export const extensionId = 'tandem-dev.tandem';

/** The running extension's API (what activate() returned). */
export async function tandemApi(): Promise<TandemApi> {
  const extension = vscode.extensions.getExtension<TandemApi>(extensionId);
  if (!extension) throw new Error(`${extensionId} is not loaded`);
  return extension.activate();
}

/** Sets a tandem.* user setting (undefined removes it). */
export function setSetting(key: string, value: unknown): Thenable<void> {
  return vscode.workspace.getConfiguration('tandem').update(key, value, vscode.ConfigurationTarget.Global);
}
