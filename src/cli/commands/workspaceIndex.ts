import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutboundGate } from '../../core/context';
import { declarationsUsedBy, IndexStore, openIndex, type IndexProgress, type KnowledgeIndex, type UsedDeclaration } from '../../core/knowledge';

export interface IndexIo {
  env?: NodeJS.ProcessEnv;
  stderr: (text: string) => void;
}

/** Builds parsing fewer files than this say nothing (`tandem edit` and `tandem tests` stay quiet on a small project). */
export const quietBelowFiles = 500;

/**
 * The workspace's index for a CLI command, ready: loaded from the user's cache folder and brought
 * up to date, or built (progress on standard error, as `tandem context` shows it).
 */
export async function openWorkspaceIndex(root: string, gate: OutboundGate, io: IndexIo, onProgress?: (message: string) => void, quietBelow = 0): Promise<KnowledgeIndex> {
  const print = progressPrinter(io.stderr, quietBelow);
  const { index } = await openIndex({
    root, gate, store: IndexStore.forWorkspace(root, io.env),
    onProgress: (progress) => {
      const message = print(progress);
      if (message) onProgress?.(message);
    },
  });
  return index;
}

/** Opens the index on the first call only; later calls share it (and a failure is tried again). */
export function lazyWorkspaceIndex(root: string, gate: OutboundGate, io: IndexIo): (progress: (message: string) => void) => Promise<KnowledgeIndex> {
  let pending: Promise<KnowledgeIndex> | undefined;
  return (progress) => {
    pending ??= openWorkspaceIndex(root, gate, io, progress).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/**
 * "tandem: indexing 3,214 files… 1,000" every thousand files; returns the message when one was
 * printed. With `quietBelow`, only the parsing of at least that many files is told (and its end).
 */
export function progressPrinter(stderr: (text: string) => void, quietBelow = 0): (progress: IndexProgress) => string | undefined {
  let last = '';
  let told = quietBelow === 0;
  return ({ phase, done, total }) => {
    if (!told && phase === 'parsing' && total >= quietBelow) told = true;
    if (!told) return undefined;
    const message = phase === 'parsing' ? `indexing ${total.toLocaleString('en')} files… ${done.toLocaleString('en')}` : phase === 'ready' ? `index ready: ${total.toLocaleString('en')} files` : `${phase} the index…`;
    if (phase === 'parsing' && done % 1000 !== 0 && done !== total) return undefined;
    if (message === last) return undefined;
    last = message;
    stderr(`tandem: ${message}\n`);
    return message;
  };
}

/**
 * The declarations `text` (code of `path`) uses, from the workspace index (opened, or built with
 * progress on standard error): whole declarations read from disk and redacted through the gate.
 * An index that cannot be opened gives none, said once on standard error: the command goes on.
 */
export async function declarationsFromIndex(root: string, gate: OutboundGate, io: IndexIo, request: { path: string; text: string; exclude?: ReadonlySet<string> }): Promise<UsedDeclaration[]> {
  let index: KnowledgeIndex;
  try {
    index = await openWorkspaceIndex(root, gate, io, undefined, quietBelowFiles);
  } catch (error) {
    io.stderr(`tandem: the workspace index could not be opened (${(error as Error).message}); going on without the declarations it finds.\n`);
    return [];
  }
  const files = new Map<string, string[] | undefined>();
  const readLines = async (file: string, start: number, end: number): Promise<string | undefined> => {
    if (gate.refusalFor(file) !== undefined) return undefined;
    if (!files.has(file)) {
      const text = await readFile(path.join(root, file), 'utf8').catch(() => undefined);
      files.set(file, text === undefined ? undefined : gate.redact(text, { path: file }).text.split('\n'));
    }
    return files.get(file)?.slice(start - 1, end).join('\n');
  };
  return declarationsUsedBy(index, { ...request, readLines, mayRead: (file) => gate.refusalFor(file) === undefined });
}
