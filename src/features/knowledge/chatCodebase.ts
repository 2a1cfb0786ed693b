import * as vscode from 'vscode';
import type { ContextSet } from '../../core/chat/contextSet';
import type { OutboundGate } from '../../core/context';
import type { ContextItem, KnowledgeIndex } from '../../core/knowledge';
import { codebaseBudget, codebaseChip, codebaseChipId, mergeFolderSnippets, missingSymbols, type FolderSnippets } from './codebaseChips';
import type { KnowledgeService } from './knowledgeService';
import type { WorkspaceKnowledge } from './workspaceKnowledge';
import { languageServerDefinitions } from './languageServerDefinitions';

const explicitMention = /(^|\s)#codebase\b/;

interface Searchable {
  service: KnowledgeService;
  index: KnowledgeIndex;
  gate: OutboundGate;
}

/**
 * `#codebase` in the chat: when a message is sent with the `#codebase` chip (or the word), or
 * when it names symbols the workspace defines that no attached context shows, the best snippets
 * for it from every workspace folder's index (assembleContext, merged by score within the
 * budget) are attached, each as a chip with its score and reason. Snippet text is read through
 * the outbound gate: refused files are never read, secrets are redacted on the whole file before
 * lines are cut.
 */
export class ChatCodebase {
  constructor(private readonly workspace: Pick<WorkspaceKnowledge, 'serviceFor' | 'first' | 'all'>, private readonly contextWindow: () => number) {}

  /** Every folder's index, the active editor's folder first (a multi-root workspace has one per folder). */
  private services(): KnowledgeService[] {
    const editor = vscode.window.activeTextEditor;
    const active = (editor && this.workspace.serviceFor(editor.document.uri)) ?? this.workspace.first();
    return active ? [active, ...this.workspace.all().filter((s) => s !== active)] : [];
  }

  /** Before a message goes: replaces the `#codebase` placeholder with the snippets chosen for it. Returns a note when nothing could be added though asked. */
  async attachFor(question: string, context: ContextSet): Promise<string | undefined> {
    const placeholder = context.all().find((item) => item.id === codebaseChipId);
    const explicit = (placeholder?.enabled ?? false) || explicitMention.test(question);
    if (placeholder) context.remove(codebaseChipId);
    // Unasked, an index is used only when ready; asked, a build under way is waited for.
    const services = this.services();
    const indexes = await Promise.all(services.map((service) => (explicit ? service.getIndex() : service.readyIndex())));
    const folders: Searchable[] = [];
    services.forEach((service, i) => {
      const index = indexes[i];
      const gate = service.outboundGate();
      if (index && gate) folders.push({ service, index, gate });
    });
    if (folders.length === 0) return explicit ? `#codebase: the codebase index is not available (${this.whyNot(services[0])}); the message was sent without it.` : undefined;
    const attached = context.enabled().map((item) => item.text);
    if (!explicit && folders.every(({ index }) => missingSymbols(index, question, attached).length === 0)) return undefined;
    const items = await this.snippets(folders, question.replace(explicitMention, '$1'));
    for (const item of items) context.put(codebaseChip(item));
    return explicit && items.length === 0 ? '#codebase: the codebase index found nothing that matches this message.' : undefined;
  }

  private async snippets(folders: readonly Searchable[], question: string): Promise<ContextItem[]> {
    const budget = codebaseBudget(this.contextWindow());
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const found: FolderSnippets[] = [];
    for (const folder of folders) found.push({ prefix: multiRoot && folder.service.folder ? `${folder.service.folder.name}/` : '', ...(await this.folderSnippets(folder, question, budget)) });
    return mergeFolderSnippets(found, budget);
  }

  /** One folder's snippets; the cursor counts only in the folder of the active editor. */
  private async folderSnippets({ service, index, gate }: Searchable, question: string, budget: number): Promise<Omit<FolderSnippets, 'prefix'>> {
    const knowledge = await import('../../core/knowledge');
    const editor = vscode.window.activeTextEditor;
    const path = editor ? service.relativePath(editor.document.uri) : undefined;
    const usable = editor && path !== undefined && gate.refusalFor(path) === undefined;
    const at = usable ? editor.selection.active : new vscode.Position(0, 0);
    const result = await knowledge.assembleContext(index, {
      path: usable ? path : '', text: usable ? editor.document.getText() : '', line: at.line + 1, col: at.character + 1, budget, question,
      focus: vscode.window.visibleTextEditors.map((e) => service.relativePath(e.document.uri)).filter((p): p is string => p !== undefined),
      readLines: (file, start, end) => this.readLines(service, gate, file, start, end),
    });
    const items = result.items.filter((item) => item.kind !== 'window' && item.path !== (usable ? path : undefined));
    // The symbols at the cursor: the language server's definitions first, when it answers in time.
    const lead = usable ? await languageServerDefinitions(index, editor.document, at, (uri) => service.relativePath(uri), undefined, 200) : [];
    return { lead: lead.filter((item) => item.path !== path), items };
  }

  /** Lines of a workspace file as sent: the open editor's text (unsaved changes included) else the disk's, redacted whole. */
  private async readLines(service: KnowledgeService, gate: OutboundGate, file: string, start: number, end: number): Promise<string | undefined> {
    const folder = service.folder;
    if (!folder || gate.refusalFor(file) !== undefined) return undefined;
    const uri = vscode.Uri.joinPath(folder.uri, file);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text = open?.getText();
    if (text === undefined) {
      const bytes = await vscode.workspace.fs.readFile(uri).then((b) => b, () => undefined);
      if (!bytes || bytes.subarray(0, 8192).includes(0)) return undefined;
      text = new TextDecoder().decode(bytes);
    }
    return gate.redact(text, { path: file }).text.split('\n').slice(start - 1, end).join('\n');
  }

  private whyNot(service: KnowledgeService | undefined): string {
    if (!service) return 'The codebase index needs a workspace folder on disk.';
    const state = service.current;
    return state.kind === 'off' ? state.reason : state.kind === 'failed' ? state.message : 'it is not ready yet';
  }
}
