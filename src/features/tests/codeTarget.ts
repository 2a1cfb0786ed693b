import * as vscode from 'vscode';
import { enclosingDeclaration, languageOf, type GenerationTarget } from '../../core/testing';

/** How long to wait for the language's symbol provider (it may still be starting) before guessing from the text. */
const symbolTimeoutMs = 1_500;

const testableKinds = new Set([
  vscode.SymbolKind.Function, vscode.SymbolKind.Method, vscode.SymbolKind.Class, vscode.SymbolKind.Constructor,
  vscode.SymbolKind.Interface, vscode.SymbolKind.Struct, vscode.SymbolKind.Enum,
]);

/**
 * What "Generate Tests" is for, in an editor: the selection; else the function or class at the
 * cursor (from the language's symbols, else from the text's shape); else the whole file.
 */
export async function focusInEditor(editor: vscode.TextEditor, path: string): Promise<GenerationTarget['focus']> {
  const { document, selection } = editor;
  if (!selection.isEmpty && document.getText(selection).trim()) {
    const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line : selection.end.line + 1;
    return { kind: 'selection', startLine: selection.start.line + 1, endLine };
  }
  const symbol = await symbolAt(document, selection.active);
  if (symbol) return { kind: 'symbol', name: symbol.name, startLine: symbol.range.start.line + 1, endLine: symbol.range.end.line + 1 };
  const language = languageOf(path);
  const guessed = language ? enclosingDeclaration(document.getText(), selection.active.line + 1, language) : undefined;
  if (guessed) return { kind: 'symbol', name: guessed.name, startLine: guessed.startLine, endLine: guessed.endLine };
  return undefined;
}

/** The innermost function, method or class symbol around `position`, if the language reports symbols in time. */
async function symbolAt(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.DocumentSymbol | undefined> {
  let symbols: unknown;
  try {
    symbols = await Promise.race([
      vscode.commands.executeCommand<unknown>('vscode.executeDocumentSymbolProvider', document.uri),
      new Promise((resolve) => setTimeout(() => resolve(undefined), symbolTimeoutMs)),
    ]);
  } catch {
    return undefined;
  }
  if (!Array.isArray(symbols)) return undefined;
  let best: vscode.DocumentSymbol | undefined;
  const visit = (list: readonly unknown[]) => {
    for (const item of list) {
      // Providers may answer with SymbolInformation (no children, no range): only DocumentSymbols nest.
      if (!(item instanceof Object) || !('children' in item) || !('range' in item)) continue;
      const symbol = item as vscode.DocumentSymbol;
      if (!symbol.range.contains(position)) continue;
      if (testableKinds.has(symbol.kind)) best = symbol;
      visit(symbol.children);
    }
  };
  visit(symbols);
  return best;
}
