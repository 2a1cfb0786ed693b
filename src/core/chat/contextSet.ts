import { estimateTokens } from '../llm';
import type { PromptContextItem } from '../prompts/chat';
import type { ContextChip, ContextKind } from '../protocol';

export interface ContextItem {
  /** Stable per source: 'selection', 'problems', 'file:src/a.ts', 'rules:AGENTS.md', ... */
  id: string;
  kind: ContextKind;
  label: string;
  detail?: string;
  text: string;
  language?: string;
  /** The file's path, when the item is (part of) a workspace file: chooses the secret rules. */
  path?: string;
  /** The whole document a selection is part of, read when the prompt is built: secrets are found in the whole. */
  wholeText?: () => string;
  enabled: boolean;
}

/** Kinds that follow the editor or the workspace and stay after a message is sent. */
const standing: ReadonlySet<ContextKind> = new Set(['selection', 'rules']);

/**
 * The context chips above the input. Files, problems, open editors and pasted text go with the
 * next message and are then cleared; the selection and the rules files stay (they track the
 * editor and the workspace). Whether the user switched one off is remembered by id.
 */
export class ContextSet {
  private items: ContextItem[] = [];
  private readonly switchedOff = new Set<string>();

  all(): readonly ContextItem[] {
    return this.items;
  }

  enabled(): ContextItem[] {
    return this.items.filter((item) => item.enabled);
  }

  /** Adds or replaces the item with the same id, keeping the user's on/off choice for it. */
  put(item: Omit<ContextItem, 'enabled'>): void {
    const next = { ...item, enabled: !this.switchedOff.has(item.id) };
    const at = this.items.findIndex((existing) => existing.id === item.id);
    if (at >= 0) this.items[at] = next;
    else this.items.push(next);
    this.items.sort((a, b) => order(a.kind) - order(b.kind));
  }

  remove(id: string): boolean {
    const before = this.items.length;
    this.items = this.items.filter((item) => item.id !== id);
    return this.items.length !== before;
  }

  /** Removes every item of a kind except those in `keep` (e.g. rules files that no longer exist). */
  retainKind(kind: ContextKind, keep: ReadonlySet<string>): void {
    this.items = this.items.filter((item) => item.kind !== kind || keep.has(item.id));
  }

  toggle(id: string): boolean {
    const item = this.items.find((candidate) => candidate.id === id);
    if (!item) return false;
    item.enabled = !item.enabled;
    if (item.enabled) this.switchedOff.delete(id);
    else this.switchedOff.add(id);
    return true;
  }

  /** After a send: one-shot attachments go; the selection and rules stay. */
  clearAttachments(): void {
    this.items = this.items.filter((item) => standing.has(item.kind));
  }

  chips(): ContextChip[] {
    return this.items.map((item) => ({
      id: item.id, kind: item.kind, label: item.label, tokens: estimateTokens(item.text), enabled: item.enabled,
      ...(item.detail ? { detail: item.detail } : {}),
    }));
  }

  /** Enabled items except rules (those go into the system prompt). */
  promptItems(): PromptContextItem[] {
    return this.enabled().filter((item) => item.kind !== 'rules').map((item) => ({
      label: item.label, text: item.text, ...(item.language ? { language: item.language } : {}),
      ...(item.path ? { path: item.path } : {}), ...(item.wholeText ? { wholeText: item.wholeText } : {}),
    }));
  }

  promptRules(): Array<{ path: string; text: string }> {
    return this.enabled().filter((item) => item.kind === 'rules').map((item) => ({ path: item.label, text: item.text }));
  }
}

function order(kind: ContextKind): number {
  return ['rules', 'selection', 'file', 'mcpResource', 'openEditors', 'problems', 'pasted', 'codebase'].indexOf(kind);
}
