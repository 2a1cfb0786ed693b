import type * as vscode from 'vscode';
import type { UsedDeclaration } from '../../core/knowledge';
import type { Logger } from '../../core/logger';
import type { KnowledgeService } from './knowledgeService';

type DeclarationsModule = Pick<typeof import('../../core/knowledge'), 'declarationsUsedBy'>;

export interface DeclarationsQuery {
  /** For the log: 'inline edit', 'tests'. */
  purpose: string;
  /** The file under edit. */
  uri: vscode.Uri;
  /** The code under edit (a range, a function, or the whole file). */
  text: string;
  /** Names already covered (the import walk's): left out. */
  exclude?: ReadonlySet<string>;
  /** The workspace folder the caller's paths are relative to: nothing when the index is of another one. */
  folder?: vscode.Uri;
  /** The caller's own ignore rules, on top of the index's gate. */
  mayRead?: (path: string) => boolean;
}

/** What editDeclarations needs of one folder's index. */
export type DeclarationsService = Pick<KnowledgeService, 'readyIndex' | 'outboundGate' | 'relativePath' | 'folder'>;

/** The declarations of what the code under edit uses, for Inline Edit (refactors, Quick Fix) and Generate Tests. */
export type DeclarationsSource = (query: DeclarationsQuery) => Promise<UsedDeclaration[]>;

/**
 * The index's declarations of what code under edit uses (core's `declarationsUsedBy`, as `tandem
 * edit` and `tandem tests` use it): signatures and doc comments, which the index keeps redacted,
 * of definitions in files the gate lets through. Only a ready index is asked: an edit never waits
 * for a build, and before one is done (or with the index off) the answer is none, as before. A
 * failure is logged and gives none: the edit goes on without them.
 */
export function editDeclarations(
  serviceFor: (uri: vscode.Uri) => DeclarationsService | undefined,
  logger: Logger,
  load: () => Promise<DeclarationsModule> = () => import('../../core/knowledge'),
): DeclarationsSource {
  return async ({ purpose, uri, text, exclude, folder, mayRead }) => {
    // The index of the workspace folder holding the file under edit (one per folder).
    const service = serviceFor(uri);
    const index = service?.readyIndex();
    const gate = service?.outboundGate();
    const path = service?.relativePath(uri);
    if (!service || !index || !gate || path === undefined) return [];
    if (folder && folder.toString() !== service.folder?.uri.toString()) return [];
    try {
      const { declarationsUsedBy } = await load();
      const found = await declarationsUsedBy(index, {
        path, text, ...(exclude ? { exclude } : {}),
        mayRead: (file) => gate.refusalFor(file) === undefined && (mayRead?.(file) ?? true),
      });
      if (found.length > 0) logger.info(`${purpose}: declarations from the codebase index: ${found.map((d) => `${d.name} (${d.path}:${d.startLine})`).join(', ')}`);
      return found;
    } catch (error) {
      logger.warn(`${purpose}: the codebase index could not be asked for declarations (${error instanceof Error ? error.message : String(error)}); going on without them`);
      return [];
    }
  };
}
