import * as vscode from 'vscode';
import type { Proposals } from './proposals';
import type { WorkspaceFiles } from './workspaceFiles';

/**
 * The buttons on a chat code block. Copy uses the system clipboard; Insert replaces the
 * selections of the last active editor; Apply shows a reviewable diff (see Proposals) of either
 * the file the fence names or, without a name, the active editor with the code in place of its
 * selection (or of its whole text when nothing is selected).
 */
export class CodeActions {
  constructor(private readonly files: WorkspaceFiles, private readonly proposals: Proposals) {}

  async copy(code: string): Promise<void> {
    await vscode.env.clipboard.writeText(code);
  }

  async insert(code: string): Promise<void> {
    const editor = targetEditor();
    if (!editor) {
      void vscode.window.showWarningMessage('Tandem: open a file and place the cursor where the code should go, then press Insert again.');
      return;
    }
    // Showing the editor again puts focus back where the code lands; its selections are kept.
    const shown = await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    await shown.edit((builder) => {
      for (const selection of shown.selections) builder.replace(selection, fitToSelection(code, shown.document, selection));
    });
  }

  async apply(code: string, path: string | undefined): Promise<vscode.Uri | undefined> {
    if (path) {
      const target = await this.files.locate(path);
      if (!target) {
        void vscode.window.showWarningMessage(`Tandem: "${path}" is outside the workspace or excluded by .gitignore / tandem.ignore, so Apply will not write it.`);
        return undefined;
      }
      return this.proposals.show(target.uri, code, target.exists);
    }
    const editor = targetEditor();
    if (!editor) {
      void vscode.window.showWarningMessage('Tandem: open the file the code is for (or select the part it replaces), then press Apply again.');
      return undefined;
    }
    const { document, selection } = editor;
    const text = document.getText();
    const proposed = selection.isEmpty
      ? code
      : text.slice(0, document.offsetAt(selection.start)) + fitToSelection(code, document, selection) + text.slice(document.offsetAt(selection.end));
    return this.proposals.show(document.uri, proposed, true);
  }
}

/** The editor the user was in before clicking in the chat (a webview never becomes the active editor). */
function targetEditor(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme !== 'output');
}

/**
 * A fenced block ends with a newline. Keep it where the code makes whole lines (a cursor at the
 * start of a line, a selection of whole lines); drop it inside a line, where it would split it.
 */
function fitToSelection(code: string, document: vscode.TextDocument, selection: vscode.Selection): string {
  const wholeLines = selection.isEmpty ? selection.start.character === 0 : document.getText(selection).endsWith('\n');
  return code.endsWith('\n') && !wholeLines ? code.replace(/\r?\n$/, '') : code;
}
