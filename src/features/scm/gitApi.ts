import * as vscode from 'vscode';

// The part of the built-in Git extension's API (vscode.git, getAPI(1)) that Tandem uses. Declared
// here rather than copied whole: these members have been stable since API version 1.

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly inputBox: { value: string };
  readonly state: { readonly HEAD?: { readonly name?: string } };
  /** `cached`: the staged changes (git diff --cached); otherwise the working tree's. */
  diff(cached?: boolean): Promise<string>;
  log(options?: { maxEntries?: number }): Promise<ReadonlyArray<{ readonly message: string }>>;
}

export interface GitApi {
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
}

interface GitExtensionExports {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** The Git API, activating the extension if needed; undefined when Git is missing or disabled. */
export async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtensionExports>('vscode.git');
  if (!extension) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  return exports.enabled ? exports.getAPI(1) : undefined;
}
