import { silentLogger, type Logger } from '../logger';
import type { PromptContextItem } from '../prompts/chat';
import type { ExtensionMessage, Turn } from '../protocol';
import { runChat, type ChatBackend } from './chatRunner';
import type { ContextSet } from './contextSet';
import { lastUserIndex, modelHistory, newConversation, newTurn, titleFrom, untitled, type Conversation } from './conversation';
import { DeltaBatcher } from './deltaBatcher';
import type { HistoryStore } from './historyStore';
import { commandNamed, commandPrompt, commandWants, helpText, parseSlashCommand, slashCommandList, unknownCommandText, type SlashCommandName } from './slashCommands';
import { failedTurn, settleInterrupted, turnMetrics } from './turnOutcome';

export interface ChatTarget {
  client: ChatBackend;
  model: string;
  contextWindow: number;
  providerId: string;
}

export interface ChatSessionDeps {
  store: HistoryStore;
  context: ContextSet;
  /** The active provider's client and limits, fetched per request (settings may change). */
  target(): Promise<ChatTarget>;
  /** The chat model's name for the panel, without a request. */
  modelName(): string;
  /** Attaches diagnostics or open editors (for `/fix`, `#problems`, `#editors`). */
  attach(kind: 'problems' | 'openEditors'): Promise<void>;
  post(message: ExtensionMessage): void;
  logger?: Logger;
  /** Delta batching interval; tests shorten it. */
  batchMs?: number;
  /**
   * Hands a command to the feature that does it better than a chat answer (`/tests` -> Generate
   * Tests, which writes, reviews and runs the test file). Returns the note shown in the chat, or
   * undefined when the command stays a chat answer (e.g. no file is open).
   */
  delegate?(command: SlashCommandName, text: string): Promise<string | undefined>;
}

interface Question {
  text: string;
  command?: SlashCommandName;
  items: PromptContextItem[];
}

/**
 * One chat panel's conversation: sending (with slash commands and context), streaming the answer
 * in batches, stop, regenerate, edit-and-resend, New Chat, reopening and deleting past
 * conversations, and saving after every change. Runs in plain Node; the VS Code side only
 * supplies the dependencies.
 */
export class ChatSession {
  private conversation: Conversation = newConversation();
  private running: AbortController | undefined;
  /** Context each question was sent with (kept in memory for regenerate and edit). */
  private readonly sentContext = new Map<string, PromptContextItem[]>();
  private readonly logger: Logger;

  constructor(private readonly deps: ChatSessionDeps) {
    this.logger = deps.logger ?? silentLogger;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  get current(): Conversation {
    return this.conversation;
  }

  /** Reopens the conversation that was open last (after a reload or restart). */
  async restore(): Promise<void> {
    const id = await this.deps.store.currentId();
    const saved = id ? await this.deps.store.load(id) : undefined;
    if (saved) this.conversation = { ...saved, turns: settleInterrupted(saved.turns) };
  }

  stateMessage(): ExtensionMessage {
    const { id, title, turns } = this.conversation;
    return {
      type: 'state', conversation: { id, title, turns }, chips: this.deps.context.chips(),
      busy: this.busy, model: this.deps.modelName(), commands: slashCommandList(),
    };
  }

  async send(input: string, editing: boolean): Promise<void> {
    if (this.busy) return;
    const parsed = parseSlashCommand(input);
    if (parsed.kind === 'command' && parsed.command === 'clear') return this.newChat();
    let carried: PromptContextItem[] = [];
    if (editing) carried = this.removeLastQuestion();
    if (parsed.kind === 'unknownCommand' || (parsed.kind === 'command' && parsed.command === 'help')) {
      this.addTurn(newTurn('user', input.trim()));
      this.addTurn(newTurn('notice', parsed.kind === 'unknownCommand' ? unknownCommandText(parsed.name) : helpText()));
      return this.save();
    }
    const command = parsed.kind === 'command' ? parsed.command : undefined;
    const text = parsed.kind === 'command' ? parsed.rest : parsed.text;
    const delegated = command && !editing ? await this.deps.delegate?.(command, text) : undefined;
    if (delegated !== undefined) {
      if (this.conversation.title === untitled) this.conversation.title = titleFrom(`/${command!} ${text}`);
      this.addTurn(newTurn('user', text, { command: command! }));
      this.addTurn(newTurn('notice', delegated));
      return this.save();
    }
    if (command && commandWants(command) === 'problems') await this.deps.attach('problems');
    if (/(^|\s)#problems\b/.test(text)) await this.deps.attach('problems');
    if (/(^|\s)#editors\b/.test(text)) await this.deps.attach('openEditors');
    await this.ask(text, command, command, carried);
  }

  /**
   * Sends a question another source already expanded (an MCP prompt's messages): the turn shows
   * `shownCommand` and the model receives `text` as it is, with the attached context.
   */
  async sendExpanded(shownCommand: string, text: string, editing: boolean): Promise<void> {
    if (this.busy) return;
    const carried = editing ? this.removeLastQuestion() : [];
    await this.ask(text, undefined, shownCommand, carried);
  }

  private async ask(text: string, command: SlashCommandName | undefined, shownCommand: string | undefined, carried: PromptContextItem[]): Promise<void> {
    const items = mergeItems(carried, this.deps.context.promptItems());
    const labels = this.deps.context.enabled().map((item) => item.label);
    const user = newTurn('user', text, { ...(shownCommand ? { command: shownCommand } : {}), ...(labels.length ? { context: labels } : {}) });
    if (this.conversation.title === untitled) this.conversation.title = titleFrom(shownCommand ? `/${shownCommand} ${text}` : text);
    this.sentContext.set(user.id, items);
    this.addTurn(user);
    this.deps.context.clearAttachments();
    this.deps.post({ type: 'chips', chips: this.deps.context.chips() });
    await this.answer({ text, command, items });
  }

  /** Asks again for the last question (also the Retry action of a failed answer). */
  async regenerate(): Promise<void> {
    if (this.busy) return;
    const index = lastUserIndex(this.conversation.turns);
    const user = this.conversation.turns[index];
    if (!user) return;
    this.removeTurns(this.conversation.turns.slice(index + 1).map((t) => t.id));
    const items = this.sentContext.get(user.id) ?? this.deps.context.promptItems();
    await this.answer({ text: user.text, command: commandNamed(user.command), items });
  }

  stop(): void {
    this.running?.abort();
  }

  async newChat(): Promise<void> {
    this.stop();
    this.conversation = newConversation();
    this.sentContext.clear();
    this.deps.post(this.stateMessage());
    await this.save();
  }

  /** Reopens a saved conversation; false when it could not be read (the store reported why). */
  async open(id: string): Promise<boolean> {
    const saved = await this.deps.store.load(id);
    if (!saved) return false;
    this.stop();
    this.conversation = { ...saved, turns: settleInterrupted(saved.turns) };
    this.sentContext.clear();
    this.deps.post(this.stateMessage());
    await this.save();
    return true;
  }

  async delete(id: string): Promise<void> {
    await this.deps.store.delete(id);
    if (id === this.conversation.id) await this.newChat();
  }

  /** Adds a line from Tandem itself (e.g. a history problem) to the conversation. */
  notice(text: string): void {
    this.addTurn(newTurn('notice', text));
  }

  private async answer(question: Question): Promise<void> {
    const history = modelHistory(this.conversation.turns.slice(0, lastUserIndex(this.conversation.turns)));
    let turn = newTurn('assistant', '', { status: 'streaming' });
    this.addTurn(turn);
    const controller = new AbortController();
    this.running = controller;
    this.deps.post({ type: 'busy', busy: true });
    await this.save();
    const batcher = new DeltaBatcher((text) => this.deps.post({ type: 'delta', turnId: turn.id, text }), this.deps.batchMs);
    try {
      const target = await this.deps.target();
      const result = await runChat(target.client, {
        question: question.command ? commandPrompt(question.command, question.text) : question.text,
        history, context: question.items, rules: this.deps.context.promptRules(),
        contextWindow: target.contextWindow, model: target.model,
      }, { providerId: target.providerId }, {
        signal: controller.signal,
        onText: (text) => {
          turn = this.replaceTurn({ ...turn, text: turn.text + text });
          batcher.push(text);
        },
      });
      batcher.flush();
      // What was redacted is shown on the turn and written to the log (the note names the file, never the value).
      for (const note of result.notes) if (/redacted/.test(note)) this.logger.info(`chat: ${note}`);
      turn = { ...turn, text: result.text, status: 'done', metrics: turnMetrics(result.metrics), ...(result.notes.length ? { notes: result.notes } : {}) };
    } catch (error) {
      batcher.flush();
      turn = failedTurn(turn, error);
      if (turn.status === 'error') this.logger.warn(`chat answer failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      batcher.dispose();
      this.running = undefined;
    }
    this.replaceTurn(turn);
    this.deps.post({ type: 'turnUpdated', turn });
    this.deps.post({ type: 'busy', busy: false });
    await this.save();
  }

  /** Removes the last question and everything after it; returns the context it was sent with. */
  private removeLastQuestion(): PromptContextItem[] {
    const index = lastUserIndex(this.conversation.turns);
    const user = this.conversation.turns[index];
    if (index < 0 || !user) return [];
    const items = this.sentContext.get(user.id) ?? [];
    this.removeTurns(this.conversation.turns.slice(index).map((t) => t.id));
    return items;
  }

  private addTurn(turn: Turn): void {
    this.conversation.turns.push(turn);
    this.conversation.updatedAt = Date.now();
    this.deps.post({ type: 'turnAdded', turn });
  }

  private replaceTurn(turn: Turn): Turn {
    const at = this.conversation.turns.findIndex((t) => t.id === turn.id);
    if (at >= 0) this.conversation.turns[at] = turn;
    return turn;
  }

  private removeTurns(ids: string[]): void {
    if (ids.length === 0) return;
    const gone = new Set(ids);
    this.conversation.turns = this.conversation.turns.filter((t) => !gone.has(t.id));
    for (const id of ids) this.sentContext.delete(id);
    this.deps.post({ type: 'turnsRemoved', ids });
  }

  /** Saving must never break the panel: a failure is logged and the conversation stays in memory. */
  private async save(): Promise<void> {
    try {
      await this.deps.store.save(this.conversation);
    } catch (error) {
      this.logger.error(`could not save the chat history: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function mergeItems(first: PromptContextItem[], second: PromptContextItem[]): PromptContextItem[] {
  const seen = new Set(first.map((item) => item.label));
  return [...first, ...second.filter((item) => !seen.has(item.label))];
}
