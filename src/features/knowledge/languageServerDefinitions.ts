import * as vscode from 'vscode';
import type { ContextItem, KnowledgeIndex } from '../../core/knowledge';
import { cursorSymbols, definitionAt } from './preferredDefinitions';

/** A language server that has not answered by then is not waited for: the index answers instead. */
export const languageServerTimeoutMs = 30;

/**
 * What the language servers say the symbols at the cursor are (VS Code's Go to Definition),
 * as the index's items for those definitions: preferred over the index's own guesses, since a
 * server knows the types. Locations outside the index (libraries, ignored files) give nothing,
 * so nothing the privacy gate would refuse is ever read. Bounded by a short timeout.
 */
export async function languageServerDefinitions(
  index: KnowledgeIndex, document: vscode.TextDocument, position: vscode.Position,
  relativePath: (uri: vscode.Uri) => string | undefined, signal?: AbortSignal, timeoutMs = languageServerTimeoutMs,
): Promise<ContextItem[]> {
  const linePrefix = document.lineAt(position.line).text.slice(0, position.character);
  const symbols = cursorSymbols(linePrefix);
  if (symbols.length === 0 || signal?.aborted) return [];
  const asked = Promise.all(symbols.map(async ({ name, character }) => {
    const answer = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', document.uri, new vscode.Position(position.line, character));
    return (answer ?? []).map((location) => {
      const uri = 'targetUri' in location ? location.targetUri : location.uri;
      const range = 'targetUri' in location ? location.targetSelectionRange ?? location.targetRange : location.range;
      const path = uri.toString() === document.uri.toString() ? undefined : relativePath(uri);
      return path === undefined ? undefined : definitionAt(index, path, range.start.line + 1, name);
    }).filter((item): item is ContextItem => item !== undefined);
  })).then((lists) => lists.flat(), () => []);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<ContextItem[]>((resolve) => {
    timer = setTimeout(() => resolve([]), timeoutMs);
    signal?.addEventListener('abort', () => resolve([]), { once: true });
  });
  try {
    return await Promise.race([asked, late]);
  } finally {
    clearTimeout(timer);
  }
}
