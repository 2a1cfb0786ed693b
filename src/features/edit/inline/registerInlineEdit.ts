import * as vscode from 'vscode';
import type { Logger } from '../../../core/logger';
import type { DeclarationsSource } from '../../knowledge/editDeclarations';
import type { ModelService } from '../../models/modelService';
import type { ReviewService } from '../review/reviewApi';
import type { InlineEditController } from './inlineEditController';
import type { InlineEditApi, InlineEditRequest, InlineEditResult } from './inlineEditTypes';

export type { InlineEditApi, InlineEditRequest, InlineEditResult } from './inlineEditTypes';

export const inlineEditCommand = 'tandem.inlineEdit';
export const cancelInlineEditCommand = 'tandem.inlineEdit.cancel';

/**
 * Inline edit (Ctrl/Cmd+I): only the commands exist after activation; the controller (prompt,
 * model call, progress, review) loads on first use. The command resolves with what happened, so
 * other features and the integration suite can follow an edit to its end.
 */
export function registerInlineEdit(context: vscode.ExtensionContext, models: ModelService, review: ReviewService, logger: Logger, declarations?: DeclarationsSource): InlineEditApi {
  let controller: Promise<InlineEditController> | undefined;
  const load = (): Promise<InlineEditController> => {
    controller ??= import('./inlineEditController').then(({ InlineEditController: Controller }) => {
      const created = new Controller({ models, review, logger, state: context.globalState, ...(declarations ? { declarations } : {}) });
      context.subscriptions.push(created);
      return created;
    }, (error: unknown) => {
      controller = undefined; // the next use tries again
      throw error;
    });
    return controller;
  };
  const run = async (request: InlineEditRequest = {}): Promise<InlineEditResult> => {
    try {
      return await (await load()).run(request);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error(`inline edit: ${error instanceof Error ? error.stack ?? message : message}`);
      void vscode.window.showErrorMessage(`Tandem: the edit failed unexpectedly: ${message} — details in "Tandem: Show Log".`);
      return { status: 'failed', message };
    }
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(inlineEditCommand, (request?: unknown) => run(asRequest(request))),
    vscode.commands.registerCommand(cancelInlineEditCommand, async () => controller && (await controller).cancel()),
  );
  return { run };
}

/** A keybinding or another extension may pass anything: keep what has the right shape. */
function asRequest(value: unknown): InlineEditRequest {
  if (typeof value !== 'object' || value === null) return {};
  const { instruction, title, uri, range } = value as Record<string, unknown>;
  return {
    ...(typeof instruction === 'string' && instruction.trim() ? { instruction } : {}),
    ...(typeof title === 'string' ? { title } : {}),
    ...(uri instanceof vscode.Uri ? { uri } : {}),
    ...(range instanceof vscode.Range ? { range } : {}),
  };
}
