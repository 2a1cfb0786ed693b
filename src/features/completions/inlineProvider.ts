import * as vscode from 'vscode';
import type { CompletionItem } from '../../core/completion';
import type { Logger } from '../../core/logger';
import type { CompletionGate, GateVerdict } from './completionGate';
import { toCompletionRequest } from './documentAdapter';
import type { CompletionEngineHost } from './engineHost';

/** The internal command each item runs when accepted: counts the acceptance. */
export const acceptedCommand = 'tandem.completions.accepted';

/** One provider call as the integration suite sees it. */
export interface ProviderCall {
  /** Increasing from 1: untitled documents reuse their URIs, so tests tell calls apart by id. */
  id: number;
  uri: string;
  languageId: string;
  verdict: GateVerdict;
  /** What VS Code was given (undefined: nothing, or the call was cancelled). */
  items: Array<{ insertText: string; source: CompletionItem['source'] }> | undefined;
}

const maxRecordedCalls = 50;

/** VS Code's InlineCompletionItemProvider over the completion engine: settings gate, adapters, cancellation. */
export class TandemInlineCompletionProvider implements vscode.InlineCompletionItemProvider {
  private readonly calls: ProviderCall[] = [];
  private nextCallId = 1;

  constructor(private readonly gate: CompletionGate, private readonly host: CompletionEngineHost, private readonly logger: Logger) {}

  /** The latest calls, oldest first (bounded). */
  get recentCalls(): readonly ProviderCall[] {
    return this.calls;
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument, position: vscode.Position, context: vscode.InlineCompletionContext, token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    const verdict = this.gate.verdict(document.languageId);
    const call: ProviderCall = { id: this.nextCallId++, uri: document.uri.toString(), languageId: document.languageId, verdict, items: undefined };
    this.record(call);
    // The suggest widget is open: its selection decides what comes next, ghost text would fight it.
    if (verdict !== 'on' || context.selectedCompletionInfo) return undefined;

    let engine;
    try {
      engine = await this.host.get();
    } catch (error) {
      this.logger.error(`completions: could not start the engine: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
    if (token.isCancellationRequested) return undefined;

    const abort = new AbortController();
    const cancellation = token.onCancellationRequested(() => abort.abort());
    let items: CompletionItem[] | undefined;
    try {
      items = await engine.complete(toCompletionRequest(document, position, context.triggerKind), abort.signal);
    } finally {
      cancellation.dispose();
    }
    if (!items?.length || token.isCancellationRequested) return undefined;

    // handleDidShowCompletionItem is proposed API on our engine version: items handed to a live
    // request are what VS Code shows, and the stats count each suggestion id once.
    for (const item of items) engine.shown(item);
    call.items = items.map(({ insertText, source }) => ({ insertText, source }));
    return items.map((item) => {
      const { start, end } = item.range;
      // The range may end past the cursor (an auto-closed bracket the suggestion replaces): as is.
      const range = new vscode.Range(start.line, start.character, end.line, end.character);
      return new vscode.InlineCompletionItem(item.insertText, range, { title: 'Accepted', command: acceptedCommand, arguments: [item] });
    });
  }

  private record(call: ProviderCall): void {
    this.calls.push(call);
    if (this.calls.length > maxRecordedCalls) this.calls.shift();
  }
}
