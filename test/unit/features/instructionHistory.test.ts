// The inline edit's instruction history: most recent first, no duplicates, bounded, robust to junk.
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { InstructionHistory } from '../../../src/features/edit/inline/instructionHistory';

/** globalState as the extension host keeps it: a key-value store. */
function memento(initial: Record<string, unknown> = {}): vscode.Memento {
  const values = new Map(Object.entries(initial));
  return {
    keys: () => [...values.keys()],
    get: <T>(key: string, fallback?: T) => (values.has(key) ? values.get(key) as T : fallback),
    update: async (key: string, value: unknown) => void values.set(key, value),
  } as vscode.Memento;
}

describe('inline edit instruction history', () => {
  it('lists the most recent first and moves a repeated instruction to the top instead of listing it twice', async () => {
    const history = new InstructionHistory(memento());
    await history.add('add types');
    await history.add('simplify');
    await history.add('  add types  ');
    assert.deepEqual(history.list(), ['add types', 'simplify']);
  });

  it('keeps the 50 most recent', async () => {
    const history = new InstructionHistory(memento());
    for (let i = 1; i <= 60; i++) await history.add(`instruction ${i}`);
    const list = history.list();
    assert.equal(list.length, 50);
    assert.equal(list[0], 'instruction 60');
    assert.equal(list.at(-1), 'instruction 11');
  });

  it('ignores empty instructions and whatever else was stored under its key', async () => {
    const history = new InstructionHistory(memento({ 'tandem.inlineEdit.instructions': ['ok', 3, null, '', 'fine'] }));
    await history.add('   ');
    assert.deepEqual(history.list(), ['ok', 'fine']);
    assert.deepEqual(new InstructionHistory(memento({ 'tandem.inlineEdit.instructions': 'not a list' })).list(), []);
  });
});
