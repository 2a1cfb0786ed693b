import type { SlashCommandInfo } from '../../src/core/protocol';
import { Picker, type PickerItem } from './picker';
import { loadDraft, post, saveDraft } from './vscodeApi';

export interface ComposerElements {
  input: HTMLTextAreaElement;
  send: HTMLButtonElement;
  stop: HTMLButtonElement;
  attach: HTMLButtonElement;
  editBanner: HTMLElement;
  picker: HTMLElement;
}

/** Pasting at least this much text makes it a context chip instead of message text. */
const pasteChipChars = 1_000;
const pasteChipLines = 15;

/**
 * The input: Enter sends, Shift+Enter is a new line, Up/Down walk through earlier messages,
 * Escape stops an answer (or cancels an edit), `#` attaches context and `/` picks a command.
 * The draft survives the panel being hidden or reloaded; after a failed send the text comes back
 * if the input is still empty.
 */
export class Composer {
  private busy = false;
  private editing: boolean;
  private recall: number | undefined;
  private commands: SlashCommandInfo[] = [];
  /** The MCP servers' prompts (`mcp.<server>.<prompt>`), asked for when the `/` list opens. */
  private mcpCommands: SlashCommandInfo[] = [];
  /** What the `/` list shows now (undefined: closed or showing something else). */
  private commandPrefix: string | undefined;
  private fileQuery: { requestId: number; query: string; files: PickerItem[]; resources: PickerItem[] } | undefined;
  private nextRequestId = 1;
  private readonly picker: Picker;
  /** Agent mode takes the text instead of the chat (true when it did). */
  redirect: ((text: string) => boolean) | undefined;

  constructor(private readonly ui: ComposerElements, private readonly userTexts: () => string[]) {
    this.picker = new Picker(ui.picker, ui.input);
    const draft = loadDraft();
    ui.input.value = draft.draft;
    this.editing = draft.editing;
    this.showEditing();
    ui.input.addEventListener('keydown', (event) => this.onKey(event));
    ui.input.addEventListener('input', () => this.onInput());
    ui.input.addEventListener('paste', (event) => this.onPaste(event));
    ui.input.addEventListener('blur', () => this.picker.close());
    ui.send.addEventListener('click', () => this.send());
    ui.stop.addEventListener('click', () => post({ type: 'stop' }));
    ui.attach.addEventListener('click', () => this.openContextPicker());
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.ui.send.hidden = busy;
    this.ui.stop.hidden = !busy;
  }

  setCommands(commands: SlashCommandInfo[]): void {
    this.commands = commands;
  }

  /** A send failed: give the question back unless the user already typed something new. */
  restoreIfEmpty(text: string | undefined): void {
    if (this.ui.input.value.trim() || !text) return;
    this.ui.input.value = text;
    this.persist();
  }

  startEditing(text: string): void {
    this.editing = true;
    this.ui.input.value = text;
    this.showEditing();
    this.persist();
    this.focus();
  }

  focus(): void {
    this.ui.input.focus();
  }

  value(): string {
    return this.ui.input.value;
  }

  fileResults(requestId: number, items: Array<{ path: string; description: string }>): void {
    if (this.fileQuery?.requestId !== requestId) return;
    this.fileQuery.files = items.map((item) => this.fileItem(item.path, item.description));
    this.showContextItems();
  }

  /** The MCP resources matching the `#` query; they may come after the files (a server may be starting). */
  mcpResourceResults(requestId: number, items: Array<{ server: string; uri: string; name: string; description: string }>): void {
    if (this.fileQuery?.requestId !== requestId) return;
    // No servers, or none matching: leave the list (and the highlighted row) as it is.
    if (items.length === 0 && this.fileQuery.resources.length === 0) return;
    this.fileQuery.resources = items.map((item) => ({
      label: item.name, description: item.description, choose: () => this.attach({ type: 'addMcpResource', server: item.server, uri: item.uri }),
    }));
    this.showContextItems();
  }

  setMcpCommands(commands: SlashCommandInfo[]): void {
    this.mcpCommands = commands;
    // The list may have closed for want of matches (`/mcp` before the prompts arrived): show it again.
    if (this.commandPrefix !== undefined && /^\/[\w.-]*$/.test(this.ui.input.value.slice(0, this.ui.input.selectionStart ?? 0))) this.showCommands(this.commandPrefix);
  }

  private send(): void {
    const text = this.ui.input.value.trim();
    if (!text || this.busy) return;
    if (!this.redirect?.(text)) post({ type: 'send', text, editing: this.editing });
    this.recall = undefined;
    this.ui.input.value = '';
    this.editing = false;
    this.showEditing();
    this.persist();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.isComposing) return;
    if (this.picker.handleKey(event)) {
      event.preventDefault();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      this.send();
    } else if (event.key === 'Escape') {
      if (this.editing) this.cancelEditing();
      else if (this.busy) post({ type: 'stop' });
    } else if (event.key === 'ArrowUp' && this.caretOnFirstLine() && (this.ui.input.value === '' || this.recall !== undefined)) {
      event.preventDefault();
      this.walkHistory(-1);
    } else if (event.key === 'ArrowDown' && this.recall !== undefined && this.caretOnLastLine()) {
      event.preventDefault();
      this.walkHistory(1);
    }
  }

  private walkHistory(step: number): void {
    const texts = this.userTexts();
    if (texts.length === 0) return;
    const next = (this.recall ?? texts.length) + step;
    if (next >= texts.length) {
      this.recall = undefined;
      this.ui.input.value = '';
    } else {
      this.recall = Math.max(0, next);
      this.ui.input.value = texts[this.recall] ?? '';
    }
    this.persist();
  }

  private onInput(): void {
    this.recall = undefined;
    this.persist();
    const beforeCaret = this.ui.input.value.slice(0, this.ui.input.selectionStart ?? 0);
    const command = /^\/([\w.-]*)$/.exec(beforeCaret);
    if (command) {
      if (this.commandPrefix === undefined || !command[1]) post({ type: 'listMcpPrompts' });
      return this.showCommands(command[1] ?? '');
    }
    this.commandPrefix = undefined;
    const mention = /(?:^|\s)#([^\s#]*)$/.exec(beforeCaret);
    if (mention) return this.searchFiles(mention[1] ?? '');
    this.fileQuery = undefined;
    this.picker.close();
  }

  private onPaste(event: ClipboardEvent): void {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (text.length < pasteChipChars && text.split('\n').length < pasteChipLines) return;
    event.preventDefault();
    post({ type: 'addPasted', text });
  }

  private openContextPicker(): void {
    const input = this.ui.input;
    const at = input.selectionStart ?? input.value.length;
    const before = input.value.slice(0, at);
    const insert = before && !/\s$/.test(before) ? ' #' : '#';
    input.value = `${before}${insert}${input.value.slice(at)}`;
    input.selectionStart = input.selectionEnd = at + insert.length;
    this.focus();
    this.onInput();
  }

  private showCommands(prefix: string): void {
    this.commandPrefix = prefix;
    const items = [...this.commands, ...this.mcpCommands].filter((c) => c.name.startsWith(prefix.toLowerCase())).map((c): PickerItem => ({
      label: `/${c.name}`, description: c.description,
      choose: () => { this.ui.input.value = `/${c.name} `; this.persist(); },
    }));
    this.picker.show(items, 'Commands');
  }

  private searchFiles(query: string): void {
    this.fileQuery = { requestId: this.nextRequestId++, query, files: [], resources: [] };
    post({ type: 'searchFiles', requestId: this.fileQuery.requestId, query });
    post({ type: 'searchMcpResources', requestId: this.fileQuery.requestId, query });
    // Until the file list arrives, the shortcuts are already useful.
    this.picker.show(this.contextShortcuts(query), 'Attach context');
  }

  private showContextItems(): void {
    if (!this.fileQuery) return;
    const { query, files, resources } = this.fileQuery;
    this.picker.show([...this.contextShortcuts(query), ...resources, ...files], 'Attach context');
  }

  private contextShortcuts(query: string): PickerItem[] {
    const shortcuts: PickerItem[] = [
      { label: '#problems', description: 'Problems (diagnostics) of the current file', choose: () => this.attach({ type: 'addProblems' }) },
      { label: '#editors', description: 'Text of the open editors', choose: () => this.attach({ type: 'addOpenEditors' }) },
      { label: '#codebase', description: 'The code in the workspace that best matches your question (ranked when you send it)', choose: () => this.attach({ type: 'addCodebase' }) },
    ];
    return shortcuts.filter((item) => item.label.slice(1).startsWith(query.toLowerCase()));
  }

  private fileItem(path: string, description: string): PickerItem {
    return { label: path.split('/').pop() ?? path, description: description || path, choose: () => this.attach({ type: 'addFile', path }) };
  }

  /** Replaces the `#query` being typed with nothing and attaches the chosen context. */
  private attach(message: { type: 'addProblems' } | { type: 'addOpenEditors' } | { type: 'addCodebase' } | { type: 'addFile'; path: string } | { type: 'addMcpResource'; server: string; uri: string }): void {
    const input = this.ui.input;
    const at = input.selectionStart ?? input.value.length;
    const before = input.value.slice(0, at).replace(/(^|\s)#[^\s#]*$/, '$1');
    input.value = before + input.value.slice(at);
    input.selectionStart = input.selectionEnd = before.length;
    this.fileQuery = undefined;
    this.persist();
    post(message);
  }

  private cancelEditing(): void {
    this.editing = false;
    this.ui.input.value = '';
    this.showEditing();
    this.persist();
  }

  private showEditing(): void {
    this.ui.editBanner.hidden = !this.editing;
    this.ui.send.textContent = this.editing ? 'Resend' : 'Send';
    this.ui.send.setAttribute('aria-label', this.editing ? 'Resend the edited message' : 'Send message');
  }

  private caretOnFirstLine(): boolean {
    return !this.ui.input.value.slice(0, this.ui.input.selectionStart ?? 0).includes('\n');
  }

  private caretOnLastLine(): boolean {
    return !this.ui.input.value.slice(this.ui.input.selectionEnd ?? 0).includes('\n');
  }

  private persist(): void {
    saveDraft({ draft: this.ui.input.value, editing: this.editing });
  }
}
