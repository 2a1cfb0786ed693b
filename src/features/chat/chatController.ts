import * as vscode from 'vscode';
import { ChatSession } from '../../core/chat/chatSession';
import type { SlashCommandName } from '../../core/chat/slashCommands';
import { ContextSet } from '../../core/chat/contextSet';
import { createIgnoreMatcher, eitherIgnores } from '../../core/context';
import { HistoryStore } from '../../core/chat/historyStore';
import type { Logger } from '../../core/logger';
import type { McpManager } from '../../core/mcp';
import { parseWebviewMessage, type ExtensionMessage, type LlmActionName, type WebviewMessage } from '../../core/protocol';
import type { AgentHandler } from '../agent/registerAgent';
import type { ReviewService } from '../edit/review/reviewApi';
import type { ModelService } from '../models/modelService';
import { openSetting } from '../settings/settingsService';
import type { ChatViewProvider } from './chatViewProvider';
import type { AskInChatRequest } from './askInChat';
import { CodeActions, type ActionNotice } from './codeActions';
import { fileItem, openEditorsItem, pastedItem, problemsItem } from './contextSources';
import { exportConversation, pickConversation } from './conversationPicker';
import { McpChat } from './mcpChat';
import { openChatLink } from './linkOpener';
import { RulesFiles } from './rulesFiles';
import { SelectionTracker } from './selectionTracker';
import type { WorkspaceIgnore } from '../completions/workspaceIgnore';
import { ChatCodebase } from '../knowledge/chatCodebase';
import { codebasePlaceholder } from '../knowledge/codebaseChips';
import type { WorkspaceKnowledge } from '../knowledge/workspaceKnowledge';
import { WorkspaceFiles } from './workspaceFiles';

export interface ChatControllerDeps {
  view: ChatViewProvider;
  models: ModelService;
  logger: Logger;
  /** Per-workspace folder for the history. */
  storageDir: string;
  /** Where Apply sends code: the diff review. */
  review: ReviewService;
  /** tandem.ignore and the .gitignore files (shared with completions). */
  ignore: WorkspaceIgnore;
  /** Agent mode: its messages, the page loading, Stop. */
  agent?: AgentHandler;
  /** The user's MCP servers: resources in the `#` picker, prompts as slash commands. */
  mcp?: McpManager;
  /** The codebase index: `#codebase`, and snippets for symbols a message names that nothing attached shows. */
  knowledge?: WorkspaceKnowledge;
}

export interface ChatSnapshot {
  transcript: string;
  input: string;
  chips: string[];
}

const snapshotTimeoutMs = 5_000;

/**
 * The chat feature once the panel (or a chat command) is first used: it answers the page's
 * messages, gathers context from the editor, runs the session and hands code to the editor.
 * Loaded on demand so activation stays fast.
 */
export class ChatController implements vscode.Disposable {
  readonly context = new ContextSet();
  readonly store: HistoryStore;
  readonly session: ChatSession;
  private readonly files: WorkspaceFiles;
  private readonly codeActions: CodeActions;
  private readonly selection: SelectionTracker;
  /** Files never read into a prompt: sensitive ones, `tandem.ignore`, `.gitignore`. */
  private readonly excluded: (uri: vscode.Uri) => boolean;
  private readonly rules: RulesFiles;
  readonly mcp: McpChat | undefined;
  private readonly codebase: ChatCodebase | undefined;
  private readonly subscriptions: vscode.Disposable[];
  private readyCount = 0;
  private focusOnReady = false;
  /** Context being gathered: a send waits for it, so "#problems then Enter" never loses the chip. */
  private contextWork: Promise<unknown> = Promise.resolve();
  private readonly snapshots = new Map<number, (snapshot: ChatSnapshot) => void>();
  private nextSnapshotId = 1;

  constructor(private readonly deps: ChatControllerDeps) {
    const { models, logger } = deps;
    this.store = new HistoryStore(deps.storageDir, { logger, onProblem: (message) => this.session.notice(`Chat history: ${message}`) });
    this.session = new ChatSession({
      store: this.store,
      context: this.context,
      target: async () => {
        const client = await models.getClient();
        return { client, model: client.modelFor('chat'), contextWindow: client.provider.contextWindow, providerId: client.provider.id };
      },
      modelName: () => models.config.provider.models.chat,
      attach: (kind) => this.attach(kind),
      post: (message) => this.post(message),
      logger,
      delegate: (command, text) => this.delegate(command, text),
    });
    this.files = new WorkspaceFiles(logger, () => models.config.ignore);
    this.codeActions = new CodeActions(this.files, deps.review, logger);
    // A selection in .env, a key file or an ignored file is not attached: ignore rules hold for it too.
    const ignored = eitherIgnores(createIgnoreMatcher(), deps.ignore);
    this.excluded = (uri) => uri.scheme !== 'untitled' && ignored.isIgnored(vscode.workspace.asRelativePath(uri, false));
    this.selection = new SelectionTracker(this.context, () => this.postChips(), this.excluded);
    // Until the .gitignore files are read every selection counts as excluded: look again once they are.
    void deps.ignore.ready().then(() => this.selection.update());
    this.rules = new RulesFiles(this.context, () => this.postChips(), logger);
    this.mcp = deps.mcp
      ? new McpChat({ manager: deps.mcp, context: this.context, session: this.session, post: (m) => this.post(m), postChips: () => this.postChips(), excluded: this.excluded, logger })
      : undefined;
    this.codebase = deps.knowledge && new ChatCodebase(deps.knowledge, () => models.config.provider.contextWindow);
    this.subscriptions = [this.files, this.selection, this.rules, models.onDidChange(() => this.post({ type: 'model', model: models.config.provider.models.chat }))];
  }

  /** Reopens the last conversation and lists the rules files; neither failing keeps the panel from opening. */
  async init(): Promise<void> {
    try {
      await this.session.restore();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.logger.error(`chat: could not read the history in ${this.deps.storageDir}: ${reason}`);
      this.session.notice(`Chat history: the saved conversations could not be read (${reason}); this chat starts fresh.`);
    }
    await this.rules.refresh().catch((error: unknown) => this.deps.logger.warn(`chat: could not list the rules files: ${error instanceof Error ? error.message : String(error)}`));
  }

  get pagesLoaded(): number {
    return this.readyCount;
  }

  /** Every message from the page: validated first; an invalid one is logged and dropped. */
  async handle(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.deps.logger.warn(`chat: dropped an ${parsed.problem}`);
      return;
    }
    try {
      await this.dispatch(parsed.message);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.deps.logger.error(`chat: '${parsed.message.type}' failed: ${error instanceof Error ? error.stack ?? text : text}`);
      void vscode.window.showErrorMessage(`Tandem chat: ${text}`);
    }
  }

  /** Ctrl/Cmd+L: attach the current selection (switched on) and put the cursor in the chat input. */
  async openWithSelection(): Promise<void> {
    this.selection.update();
    const chip = this.context.chips().find((c) => c.id === 'selection');
    if (chip && !chip.enabled) this.context.toggle('selection');
    this.postChips();
    this.focusOnReady = true;
    await this.deps.view.reveal();
    this.post({ type: 'focusInput' });
  }

  /** `tandem.askInChat`: attach what the caller gathered, reveal the panel and send the text. */
  async ask(request: AskInChatRequest): Promise<void> {
    if (request.includeSelection) {
      this.selection.update();
      const chip = this.context.chips().find((c) => c.id === 'selection');
      if (chip && !chip.enabled) this.context.toggle('selection');
    }
    for (const item of request.context ?? []) {
      this.context.put({ id: `attached:${item.label}`, kind: 'pasted', label: item.label, detail: item.label, text: item.content, language: item.language });
    }
    this.postChips();
    await this.deps.view.reveal();
    await this.contextWork;
    await this.withCodebase(request.text);
    await this.session.send(request.text, false);
  }

  /** `/tests` with a file open runs Generate Tests (review, run, fix) instead of answering in the chat. */
  private async delegate(command: SlashCommandName, text: string): Promise<string | undefined> {
    if (command === 'review') return (await import('../review/chatReview')).reviewFromChat(text);
    if (command !== 'tests') return undefined;
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'file');
    if (!editor || editor.document.uri.scheme !== 'file') return undefined;
    const { uri } = editor.document;
    void vscode.commands.executeCommand('tandem.generateTests', { uri, fromChat: true, ...(text ? { instruction: text } : {}) });
    const what = editor.selection.isEmpty ? 'the code at the cursor' : 'the selection';
    return `Generating tests for ${what} in ${vscode.workspace.asRelativePath(uri)} with Generate Tests: the test file opens for review when the model has answered (progress in the notification), and you can run it once accepted.`;
  }

  showConversations(): Promise<void> {
    return pickConversation(this.store, this.session, () => this.deps.view.reveal());
  }

  exportMarkdown(): Promise<vscode.TextDocument | undefined> {
    return exportConversation(this.session);
  }

  /** What the page shows, as text (asks the page; fails if it does not answer). */
  snapshot(): Promise<ChatSnapshot> {
    const requestId = this.nextSnapshotId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.snapshots.delete(requestId);
        reject(new Error('the chat page did not answer the snapshot request (is the view open?)'));
      }, snapshotTimeoutMs);
      this.snapshots.set(requestId, (snapshot) => {
        clearTimeout(timer);
        resolve(snapshot);
      });
      this.post({ type: 'requestSnapshot', requestId });
    });
  }

  private async dispatch(message: WebviewMessage): Promise<void> {
    if (message.type.startsWith('agent')) return this.deps.agent?.handle(message as Parameters<AgentHandler['handle']>[0]);
    switch (message.type) {
      case 'ready':
        this.readyCount++;
        this.deps.agent?.ready();
        this.selection.update();
        this.post(this.session.stateMessage());
        if (this.focusOnReady) this.post({ type: 'focusInput' });
        this.focusOnReady = false;
        return;
      case 'send':
        await this.contextWork;
        if (this.mcp?.handles(message.text)) return this.mcp.runPrompt(message.text, message.editing);
        await this.withCodebase(message.text);
        return this.session.send(message.text, message.editing);
      case 'stop':
        this.deps.agent?.stop();
        return this.session.stop();
      case 'regenerate': return this.session.regenerate();
      case 'newChat': return this.session.newChat();
      case 'toggleContext':
        if (this.context.toggle(message.id)) this.postChips();
        return;
      case 'removeContext':
        if (this.context.remove(message.id)) this.postChips();
        return;
      case 'addFile': return this.gather(this.addFile(message.path));
      case 'addProblems': return this.gather(this.attach('problems'));
      case 'addOpenEditors': return this.gather(this.attach('openEditors'));
      case 'addCodebase':
        this.context.put(codebasePlaceholder);
        return this.postChips();
      case 'addPasted':
        this.context.put(pastedItem(message.text));
        return this.postChips();
      case 'searchFiles':
        this.post({ type: 'fileResults', requestId: message.requestId, items: await this.files.search(message.query) });
        return;
      case 'searchMcpResources':
        if (this.mcp) return this.mcp.searchResources(message.requestId, message.query);
        return this.post({ type: 'mcpResourceResults', requestId: message.requestId, items: [] });
      case 'addMcpResource':
        if (this.mcp) return this.gather(this.mcp.addResource(message.server, message.uri));
        return;
      case 'listMcpPrompts': return this.mcp?.postPrompts();
      case 'codeAction': {
        const notice = this.noticeFor(message.actionId);
        if (message.action === 'copy') return this.codeActions.copy(message.code);
        if (message.action === 'insert') return this.codeActions.insert(message.code, notice);
        await this.codeActions.apply(message.code, message.path, message.language, notice);
        return;
      }
      case 'applyAnswer': {
        const turn = this.session.current.turns.find((t) => t.id === message.turnId && t.role === 'assistant');
        if (turn) await this.codeActions.applyAnswer(turn.text, this.noticeFor(message.actionId));
        return;
      }
      case 'openLink': return openChatLink(message.href, this.files, this.deps.logger);
      case 'errorAction': return this.runErrorAction(message.action);
      case 'snapshot':
        this.snapshots.get(message.requestId)?.({ transcript: message.transcript, input: message.input, chips: message.chips });
        this.snapshots.delete(message.requestId);
        return;
      case 'log':
        this.deps.logger[message.level](`chat page: ${message.message}`);
        return;
    }
  }

  private async attach(kind: 'problems' | 'openEditors'): Promise<void> {
    const active = vscode.window.activeTextEditor?.document.uri;
    this.context.put(kind === 'problems' ? problemsItem(active) : await openEditorsItem(this.excluded));
    this.postChips();
  }

  private async addFile(path: string): Promise<void> {
    const uri = await this.files.resolve(path);
    const item = uri ? await fileItem(uri) : undefined;
    if (!item) {
      void vscode.window.showWarningMessage(uri
        ? `Tandem: ${path} looks like a binary file, so it was not attached.`
        : `Tandem: ${path} is not a workspace file Tandem may read (outside the workspace, or excluded by .gitignore / tandem.ignore).`);
      return;
    }
    this.context.put(item);
    this.postChips();
  }

  /** The index's snippets for the message, as chips, before it goes (see ChatCodebase). */
  private async withCodebase(text: string): Promise<void> {
    if (!this.codebase) return;
    const note = await this.codebase.attachFor(text, this.context).catch((error: unknown) => {
      this.deps.logger.warn(`chat: #codebase failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return `#codebase: the codebase index could not be searched (${error instanceof Error ? error.message : String(error)}); the message was sent without it.`;
    });
    if (note) this.session.notice(note);
    this.postChips();
  }

  private gather(work: Promise<void>): Promise<void> {
    this.contextWork = Promise.all([this.contextWork, work.catch(() => undefined)]);
    return work;
  }

  private async runErrorAction(action: LlmActionName): Promise<void> {
    switch (action) {
      case 'retry': return this.session.regenerate();
      case 'openSettings': await openSetting('tandem.providers'); return;
      case 'setApiKey': await vscode.commands.executeCommand('tandem.setApiKey'); return;
      case 'selectModel': await vscode.commands.executeCommand('tandem.selectModel'); return;
      case 'showLog': await vscode.commands.executeCommand('tandem.showLog'); return;
    }
  }

  private postChips(): void {
    this.post({ type: 'chips', chips: this.context.chips() });
  }

  /** Shows an action's outcome under the block it came from (when the page named the block). */
  private noticeFor(actionId: string | undefined): ActionNotice | undefined {
    if (actionId === undefined) return undefined;
    return (level, text) => this.post({ type: 'actionNotice', actionId, level, text });
  }

  private post(message: ExtensionMessage): void {
    this.deps.view.post(message);
  }

  dispose(): void {
    this.session.stop();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
