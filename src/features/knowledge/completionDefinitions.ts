import * as vscode from 'vscode';
import type { DefinitionSnippet, DefinitionsQuery, RelatedContextSource } from '../../core/context';
import { charsPerToken } from '../../core/context/promptBudget';
import type { ContextItem } from '../../core/knowledge';
import type { KnowledgeModule, KnowledgeService } from './knowledgeService';
import type { WorkspaceKnowledge } from './workspaceKnowledge';
import { completionFocus } from './editorFocus';
import { languageServerDefinitions } from './languageServerDefinitions';
import { cursorSymbols, preferServerDefinitions } from './preferredDefinitions';

/**
 * The completion engine's definitions source: the index's `completionContext` for the cursor
 * (synchronous, on the loaded index alone), with the language server's definitions of the
 * symbols at the cursor preferred. Nothing until the index is ready: a completion never waits
 * for it. The answer is synchronous (an explicit request gives context gathering only a few ms):
 * the language server is asked in the background and its answer used from the next keystroke
 * on the same symbols.
 */
export class CompletionDefinitions implements Required<Pick<RelatedContextSource, 'definitions'>> {
  private knowledge: KnowledgeModule | undefined;
  private server: { key: string; items: ContextItem[] | undefined } | undefined;
  /** The last lookup's time (ms), for the log and the tests. */
  lastLookupMs: number | undefined;

  constructor(private readonly workspace: Pick<WorkspaceKnowledge, 'serviceFor'>) {}

  definitions(query: DefinitionsQuery): readonly DefinitionSnippet[] | Promise<readonly DefinitionSnippet[]> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === query.uri);
    // The index of the document's own workspace folder (a multi-root workspace has one per folder).
    const service = document && this.workspace.serviceFor(document.uri);
    const index = service?.readyIndex();
    if (!document || !service || !index) return [];
    this.knowledge ??= service.loadedModule();
    if (!this.knowledge) return import('../../core/knowledge').then((k) => { this.knowledge = k; return this.definitions(query); });
    const path = service.relativePath(document.uri);
    if (path === undefined) return [];
    const started = performance.now();
    const budget = Math.floor(query.maxChars / charsPerToken);
    const focus = completionFocus(service, path);
    const result = this.knowledge.completionContext(index, { path, text: document.getText(), line: query.line + 1, col: query.character + 1, budget, focus });
    this.lastLookupMs = performance.now() - started;
    const items = preferServerDefinitions(this.serverAnswer(service, document, query), result.items, budget);
    const top = items[0]?.score ?? 1;
    return items.map((item) => ({ path: item.path, text: item.text, score: Math.min(1, item.score / top) }));
  }

  /** The language server's definitions for the symbols at the cursor, once it has answered (asked at most once per symbols). */
  private serverAnswer(service: KnowledgeService, document: vscode.TextDocument, query: DefinitionsQuery): ContextItem[] {
    const index = service.readyIndex();
    const line = document.lineAt(Math.min(query.line, document.lineCount - 1)).text.slice(0, query.character);
    const key = `${document.uri.toString()}|${cursorSymbols(line).map((s) => s.name).join(',')}`;
    if (this.server?.key === key) return this.server.items ?? [];
    const entry: { key: string; items: ContextItem[] | undefined } = { key, items: undefined };
    this.server = entry;
    if (index) {
      void languageServerDefinitions(index, document, new vscode.Position(query.line, query.character), (uri) => service.relativePath(uri), undefined, 1_000)
        .then((items) => { entry.items = items.filter((i) => i.path !== service.relativePath(document.uri)); }, () => undefined);
    }
    return [];
  }
}
