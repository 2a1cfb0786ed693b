// Runs inside the VS Code extension host (as extensionTestsPath): reads how long Tandem's bundle
// took to evaluate and activate() took, as measured by the extension itself, and prints them.
import * as vscode from 'vscode';
import type { TandemApi } from '../../src/extension';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<TandemApi>('tandem-dev.tandem');
  if (!extension) throw new Error('tandem-dev.tandem is not loaded');
  const api = await extension.activate();
  const { bundleEvaluationMs, activateMs } = api.activation;
  console.log(`TANDEM_BENCH ${JSON.stringify({ bundleEvaluationMs, activateMs })}`);
}
