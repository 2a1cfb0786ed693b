import * as vscode from 'vscode';
import type { DefinitionSnippet, DefinitionsQuery, RelatedContextSource } from '../../core/context';
import { charsPerToken } from '../../core/context/promptBudget';
import type { KnowledgeService } from './knowledgeService';
import { languageServerDefinitions } from './languageServerDefinitions';
import { preferServerDefinitions } from './preferredDefinitions';

type KnowledgeModule = typeof import('../../core/knowledge');

/**
 * The completion engine's definitions source: the index's `completionContext` for the cursor
 * (synchronous, on the loaded index alone), with the language server's definitions of the
 * symbols at the cursor preferred. Nothing until the index is ready: a completion never waits
 * for it.
 */
export class CompletionDefinitions implements Required<Pick<RelatedContextSource, 'definitions'>> {
  private knowledge: KnowledgeModule | undefined;
  /** The last lookup's time (ms), for the log and the tests. */
  lastLookupMs: number | undefined;

  constructor(private readonly service: KnowledgeService) {}

  async definitions(query: DefinitionsQuery, signal: AbortSignal): Promise<readonly DefinitionSnippet[]> {
    const index = this.service.readyIndex();
    if (!index) return [];
    this.knowledge ??= await import('../../core/knowledge'); // already loaded by the build
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === query.uri);
    const path = document && this.service.relativePath(document.uri);
    if (!document || path === undefined) return [];
    const position = new vscode.Position(query.line, query.character);
    const fromServer = languageServerDefinitions(index, document, position, (uri) => this.service.relativePath(uri), signal);
    const started = performance.now();
    const budget = Math.floor(query.maxChars / charsPerToken);
    const focus = vscode.window.visibleTextEditors.map((e) => this.service.relativePath(e.document.uri)).filter((p): p is string => p !== undefined && p !== path);
    const result = this.knowledge.completionContext(index, { path, text: document.getText(), line: query.line + 1, col: query.character + 1, budget, focus });
    this.lastLookupMs = performance.now() - started;
    const items = preferServerDefinitions(await fromServer, result.items, budget);
    const top = items[0]?.score ?? 1;
    return items.map((item) => ({ path: item.path, text: item.text, score: Math.min(1, item.score / top) }));
  }
}
