import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import type { RefactorPresetId } from '../../core/prompts/refactorPresets';
import type { InlineEditApi, InlineEditResult } from '../edit/inline/registerInlineEdit';
import { FixWithTandemProvider, fixWithTandemCommand, type FixArguments } from './fixWithTandem';

/** The refactor commands (palette and the editor's "Tandem" submenu), each with its preset. */
export const refactorCommands: Record<RefactorPresetId, string> = {
  document: 'tandem.addDocumentation',
  simplify: 'tandem.simplify',
  addTypes: 'tandem.addTypes',
  improveNames: 'tandem.improveNames',
};
export const refactorCommand = 'tandem.refactor';
export const explainCommand = 'tandem.explain';

/**
 * Refactor…, Explain, the presets and "Fix with Tandem". Every change goes through the inline
 * edit (and so through the review); Explain hands the code to the chat. Registration only: the
 * presets' texts load with the first command.
 */
export function registerRefactor(context: vscode.ExtensionContext, inlineEdit: InlineEditApi, logger: Logger): void {
  const preset = (id: RefactorPresetId) => async (): Promise<InlineEditResult> => {
    const { refactorPreset } = await import('../../core/prompts/refactorPresets');
    const { title, instruction } = refactorPreset(id);
    return inlineEdit.run({ instruction, title, origin: 'refactor' });
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(refactorCommand, () => inlineEdit.run({ origin: 'refactor', inputTitle: 'Tandem: Refactor' })),
    ...Object.entries(refactorCommands).map(([id, command]) => vscode.commands.registerCommand(command, preset(id as RefactorPresetId))),
    vscode.commands.registerCommand(explainCommand, () => explain(logger)),
    vscode.commands.registerCommand(fixWithTandemCommand, async (args?: FixArguments) => {
      if (!args?.uri || !args.range) return { status: 'failed', message: 'Fix with Tandem runs from the light bulb on a problem.' } satisfies InlineEditResult;
      const { quickFixInstruction, quickFixTitle } = await import('../../core/prompts/refactorPresets');
      return inlineEdit.run({ uri: args.uri, range: args.range, problems: args.problems, instruction: quickFixInstruction(args.problems), title: quickFixTitle(args.problems), origin: 'quick-fix' });
    }),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new FixWithTandemProvider(), FixWithTandemProvider.metadata),
  );
}

/** Explain opens the chat with the code attached; with nothing selected, the block around the cursor is selected first. */
async function explain(logger: Logger): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.selection.isEmpty) {
    const { editRange } = await import('../edit/inline/editRange');
    const lines = await editRange(editor.document, editor.selection);
    const end = lines.end >= editor.document.lineCount ? editor.document.lineAt(editor.document.lineCount - 1).range.end : new vscode.Position(lines.end, 0);
    editor.selection = new vscode.Selection(new vscode.Position(lines.start, 0), end);
  }
  try {
    await vscode.commands.executeCommand('tandem.askInChat', { text: '/explain', includeSelection: true });
  } catch (error) {
    logger.error(`explain: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage(`Tandem: could not open the chat: ${error instanceof Error ? error.message : String(error)}`);
  }
}
