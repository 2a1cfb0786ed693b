import type * as vscode from 'vscode';

const storageKey = 'tandem.inlineEdit.instructions';
const maxKept = 50;

/** The instructions the user typed, most recent first, without duplicates (kept across workspaces). */
export class InstructionHistory {
  constructor(private readonly state: vscode.Memento) {}

  list(): string[] {
    const stored = this.state.get<unknown>(storageKey);
    return Array.isArray(stored) ? stored.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
  }

  async add(instruction: string): Promise<void> {
    const text = instruction.trim();
    if (!text) return;
    const rest = this.list().filter((item) => item.trim() !== text);
    await this.state.update(storageKey, [text, ...rest].slice(0, maxKept));
  }
}
