import * as vscode from 'vscode';
import type { CompletionDocument, CompletionRequest } from '../../core/completion';

/** The engine's read-only view of a VS Code document (lines are read on demand, never copied whole). */
export function toCompletionDocument(document: vscode.TextDocument): CompletionDocument {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  return {
    uri: document.uri.toString(),
    languageId: document.languageId,
    lineCount: document.lineCount,
    lineText: (line) => document.lineAt(line).text,
    relativePath: folder ? vscode.workspace.asRelativePath(document.uri, false) : undefined,
    workspaceName: folder?.name,
  };
}

export function toCompletionRequest(
  document: vscode.TextDocument, position: vscode.Position, triggerKind: vscode.InlineCompletionTriggerKind,
): CompletionRequest {
  return {
    document: toCompletionDocument(document),
    position: { line: position.line, character: position.character },
    indentation: indentationOf(document),
    triggerKind: triggerKind === vscode.InlineCompletionTriggerKind.Invoke ? 'explicit' : 'automatic',
  };
}

/** The editor's own indentation for the document (what the user sees), else the settings. */
function indentationOf(document: vscode.TextDocument): CompletionRequest['indentation'] {
  const options = vscode.window.visibleTextEditors.find((e) => e.document === document)?.options;
  if (typeof options?.tabSize === 'number' && typeof options.insertSpaces === 'boolean') {
    return { tabSize: options.tabSize, insertSpaces: options.insertSpaces };
  }
  const editor = vscode.workspace.getConfiguration('editor', document);
  return { tabSize: editor.get<number>('tabSize', 4), insertSpaces: editor.get<boolean>('insertSpaces', true) };
}
