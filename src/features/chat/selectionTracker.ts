import * as vscode from 'vscode';
import type { ContextSet } from '../../core/chat/contextSet';
import { selectionItem } from './contextSources';

/** Selections move with every keystroke; the chip follows once the cursor rests. */
const settleMs = 150;

/**
 * Keeps the "selection" chip in step with the editor: the selection of the active text editor is
 * attached by default (the user can switch it off), and the chip goes away when nothing is
 * selected. Moving focus into the chat leaves the editor's selection, and so the chip, in place.
 */
export class SelectionTracker implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[];

  /** `excluded`: files whose selection is never attached (sensitive, `tandem.ignore`, `.gitignore`). */
  constructor(private readonly context: ContextSet, private readonly changed: () => void, private readonly excluded: (uri: vscode.Uri) => boolean) {
    this.subscriptions = [
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor === vscode.window.activeTextEditor) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
    ];
    this.update();
  }

  /** Reads the selection now (Ctrl+L must attach exactly what is selected at that moment). */
  update(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const editor = vscode.window.activeTextEditor;
    const item = editor && isUserDocument(editor.document) && !this.excluded(editor.document.uri) ? selectionItem(editor) : undefined;
    const before = JSON.stringify(this.context.chips().find((c) => c.id === 'selection'));
    if (item) this.context.put(item);
    else this.context.remove('selection');
    if (JSON.stringify(this.context.chips().find((c) => c.id === 'selection')) !== before) this.changed();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(), settleMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
  }
}

/** Output panels and other virtual documents are not what the user means by "the selection". */
function isUserDocument(document: vscode.TextDocument): boolean {
  return ['file', 'untitled', 'vscode-remote', 'vscode-vfs'].includes(document.uri.scheme);
}
