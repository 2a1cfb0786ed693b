import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { ReviewService } from '../edit/review/reviewApi';
import type { ModelService } from '../models/modelService';
import type { ReviewChanges } from './reviewChanges';

/**
 * "Tandem: Review Changes" (Source Control title bar, palette) and the commands of its comment
 * threads. Only the commands exist after activation; the engine loads on first use.
 */
export function registerReviewChanges(context: vscode.ExtensionContext, models: ModelService, edits: ReviewService, logger: Logger): void {
  let loading: Promise<ReviewChanges> | undefined;
  const reviewer = (): Promise<ReviewChanges> => {
    loading ??= import('./reviewChanges').then(({ ReviewChanges: Reviewer }) => {
      const created = new Reviewer(models, edits, logger);
      context.subscriptions.push(created);
      return created;
    });
    return loading;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('tandem.reviewChanges', async (target?: unknown) => (await reviewer()).run(target)),
    vscode.commands.registerCommand('tandem.reviewChanges.applyFix', async (thread?: unknown) => (await reviewer()).applyFix(thread)),
    vscode.commands.registerCommand('tandem.reviewChanges.dismiss', async (thread?: unknown) => (await reviewer()).dismiss(thread)),
    vscode.commands.registerCommand('tandem.reviewChanges.resolve', async (thread?: unknown) => (await reviewer()).resolve(thread)),
    vscode.commands.registerCommand('tandem.reviewChanges.threads', async () => (await reviewer()).snapshot()),
  );
}
