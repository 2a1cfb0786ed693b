import type { OutboundGate } from '../../core/context';
import { IndexStore, openIndex, type IndexProgress, type KnowledgeIndex } from '../../core/knowledge';

export interface IndexIo {
  env?: NodeJS.ProcessEnv;
  stderr: (text: string) => void;
}

/**
 * The workspace's index for a CLI command, ready: loaded from the user's cache folder and brought
 * up to date, or built (progress on standard error, as `tandem context` shows it).
 */
export async function openWorkspaceIndex(root: string, gate: OutboundGate, io: IndexIo, onProgress?: (message: string) => void): Promise<KnowledgeIndex> {
  const print = progressPrinter(io.stderr);
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

/** "tandem: indexing 3,214 files… 1,000" every thousand files; returns the message when one was printed. */
export function progressPrinter(stderr: (text: string) => void): (progress: IndexProgress) => string | undefined {
  let last = '';
  return ({ phase, done, total }) => {
    const message = phase === 'parsing' ? `indexing ${total.toLocaleString('en')} files… ${done.toLocaleString('en')}` : phase === 'ready' ? `index ready: ${total.toLocaleString('en')} files` : `${phase} the index…`;
    if (phase === 'parsing' && done % 1000 !== 0 && done !== total) return undefined;
    if (message === last) return undefined;
    last = message;
    stderr(`tandem: ${message}\n`);
    return message;
  };
}
