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
  private fileQuery: { requestId: number; query: string } | undefined;
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
    this.picker.show([...this.contextShortcuts(this.fileQuery.query), ...items.map((item) => this.fileItem(item.path, item.description))], 'Attach context');
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
    const command = /^\/([\w-]*)$/.exec(beforeCaret);
    if (command) return this.showCommands(command[1] ?? '');
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
    const items = this.commands.filter((c) => c.name.startsWith(prefix.toLowerCase())).map((c): PickerItem => ({
      label: `/${c.name}`, description: c.description,
      choose: () => { this.ui.input.value = `/${c.name} `; this.persist(); },
    }));
    this.picker.show(items, 'Commands');
  }

  private searchFiles(query: string): void {
    this.fileQuery = { requestId: this.nextRequestId++, query };
    post({ type: 'searchFiles', requestId: this.fileQuery.requestId, query });
    // Until the file list arrives, the shortcuts are already useful.
    this.picker.show(this.contextShortcuts(query), 'Attach context');
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
  private attach(message: { type: 'addProblems' } | { type: 'addOpenEditors' } | { type: 'addCodebase' } | { type: 'addFile'; path: string }): void {
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
