import type { OutboundGate } from '../context';
import { findUsedSymbols } from '../testing/usedSymbols';
import type { WorkspaceFiles } from '../testing/workspaceFiles';
import type { FileDiff } from './diffParse';

/** At most this many definitions per file, each cut to this many lines: context, not the review's subject. */
const maxDefinitions = 6;
const maxDefinitionLines = 30;

/**
 * The declarations, from other files of the project, of the names the added lines use (what a
 * reviewer opens to check a call is right). Files the gate refuses are never read into the prompt;
 * what is read is redacted. Empty for languages whose imports Tandem does not follow.
 */
export async function definitionsUsed(files: WorkspaceFiles, gate: OutboundGate, file: FileDiff, newText: string): Promise<string> {
  const added = file.hunks.flatMap((h) => h.lines).filter((l) => l.kind === 'added').map((l) => l.text).join('\n');
  if (!added.trim()) return '';
  const guarded: WorkspaceFiles = { ...files, read: async (path) => (gate.refusalFor(path) ? undefined : files.read(path)) };
  const symbols = await findUsedSymbols(guarded, file.path, newText, added, { maxSymbols: maxDefinitions, maxLines: maxDefinitionLines }).catch(() => []);
  return symbols.map((s) => `${s.path}:${s.startLine} (${s.name})\n${gate.redact(s.text, { path: s.path }).text}`).join('\n\n');
}
