import * as vscode from 'vscode';
import { refactorPresets } from '../../../core/prompts/refactorPresets';

interface InstructionItem extends vscode.QuickPickItem {
  instruction?: string;
  /** The row that echoes what is typed. */
  typed?: boolean;
}

export interface InstructionPickerOptions {
  title: string;
  placeholder: string;
  history: readonly string[];
  /** Offer the refactor presets below the history (not for a refinement). */
  presets: boolean;
}

/**
 * The instruction input: type a new instruction, or pick one used before (most recent first) or
 * a preset. Resolves undefined when dismissed.
 */
export function pickInstruction(options: InstructionPickerOptions): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<InstructionItem>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = false;
  const fixed: InstructionItem[] = [
    ...(options.history.length ? [{ label: 'Recent', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...options.history.map((text) => ({ label: text, instruction: text })),
    ...(options.presets ? [{ label: 'Presets', kind: vscode.QuickPickItemKind.Separator }, ...refactorPresets.map((preset) => ({ label: preset.title, description: preset.instruction, instruction: preset.instruction }))] : []),
  ];
  pick.items = fixed;
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: string | undefined) => {
      if (done) return;
      done = true;
      resolve(value);
      pick.dispose();
    };
    pick.onDidChangeValue((value) => {
      const typed = value.trim();
      const known = fixed.some((item) => item.instruction !== undefined && item.label === typed);
      pick.items = typed && !known ? [{ label: typed, description: 'new instruction', instruction: typed, typed: true, alwaysShow: true }, ...fixed] : fixed;
    });
    pick.onDidAccept(() => {
      // The typed row lags behind fast typing (its label is set on a round trip): the value itself is current.
      const active = pick.activeItems[0];
      const chosen = !active || active.typed ? pick.value.trim() : active.instruction ?? pick.value.trim();
      finish(chosen || undefined);
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}
