import * as vscode from 'vscode';
import { isLlmError, type LlmAction } from '../../core/llm/errors';
import { openSetting } from '../settings/settingsService';

const buttonLabels: Record<LlmAction, string> = {
  retry: 'Retry',
  openSettings: 'Open Settings',
  setApiKey: 'Set API Key',
  selectModel: 'Select Chat Model',
  showLog: 'Show Log',
};

/**
 * Shows an engine error as a notification whose buttons are the actions that fix it.
 * `retry` is offered only when the caller can retry.
 */
export async function showLlmError(error: unknown, retry?: () => unknown): Promise<void> {
  if (isLlmError(error, 'cancelled')) return;
  const message = isLlmError(error) ? error.message : `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  const actions = (isLlmError(error) ? error.actions : ['showLog' as const]).filter((a) => a !== 'retry' || retry);
  const choice = await vscode.window.showErrorMessage(`Tandem: ${message}`, ...actions.map((a) => buttonLabels[a]));
  const action = actions.find((a) => buttonLabels[a] === choice);
  switch (action) {
    case 'retry': await retry?.(); break;
    case 'openSettings': await openSetting('tandem.providers'); break;
    case 'setApiKey': await vscode.commands.executeCommand('tandem.setApiKey'); break;
    case 'selectModel': await vscode.commands.executeCommand('tandem.selectModel'); break;
    case 'showLog': await vscode.commands.executeCommand('tandem.showLog'); break;
    default: break;
  }
}
