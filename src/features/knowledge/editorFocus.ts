import * as vscode from 'vscode';
import type { KnowledgeService } from './knowledgeService';

/** The other files in play for a completion in `path`: the visible editors of the same folder. */
export function completionFocus(service: Pick<KnowledgeService, 'relativePath'>, path: string): string[] {
  return vscode.window.visibleTextEditors.map((e) => service.relativePath(e.document.uri)).filter((p): p is string => p !== undefined && p !== path);
}
