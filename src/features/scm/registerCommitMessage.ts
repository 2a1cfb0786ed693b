import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { ModelService } from '../models/modelService';

/**
 * "Generate Commit Message" in the Source Control title bar. Only the command exists after
 * activation; the Git API and the prompt code load on first use.
 */
export function registerCommitMessage(models: ModelService, logger: Logger): vscode.Disposable {
  return vscode.commands.registerCommand('tandem.generateCommitMessage', async (target?: unknown) => {
    const { generateCommitMessage } = await import('./generateCommitMessage');
    return generateCommitMessage(models, logger, target);
  });
}
