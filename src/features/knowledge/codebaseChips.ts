import type { ContextItem as ChatContextItem } from '../../core/chat/contextSet';
import type { ContextItem, KnowledgeIndex } from '../../core/knowledge';
import { identifierOccurrences } from '../../core/knowledge/identifiers';
import { languageForPath } from '../../core/knowledge/languages';
import { preferServerDefinitions } from './preferredDefinitions';

/** Plain TypeScript (no `vscode`): the chat's `#codebase` chips and when they are added unasked. */

export type NewChatItem = Omit<ChatContextItem, 'enabled'>;

export const codebaseChipId = 'codebase';

/** `#codebase` before the message is sent: what it will be is only known with the question. */
export const codebasePlaceholder: NewChatItem = {
  id: codebaseChipId, kind: 'codebase', label: '#codebase', text: '',
  detail: 'The code in the workspace that best matches your message, chosen by the codebase index when you send it',
};

/** Tokens the chat gives the index's snippets: an eighth of the model's window, within sane bounds. */
export function codebaseBudget(contextWindow: number): number {
  return Math.max(500, Math.min(4_000, Math.floor(contextWindow / 8)));
}

/**
 * Names in the question that the workspace defines and that no attached context shows: the
 * reason to add the index's snippets without being asked ("why does `UserRepository` ...?").
 */
export function missingSymbols(index: KnowledgeIndex, question: string, attached: readonly string[]): string[] {
  const missing: string[] = [];
  for (const { name, index: at } of identifierOccurrences(question)) {
    if (missing.includes(name) || name.length < 3 || !looksLikeSymbol(question, name, at) || index.definitionsOf(name).length === 0) continue;
    if (attached.some((text) => wholeWord(name).test(text))) continue;
    missing.push(name);
  }
  return missing;
}

/** Plain words ("user", "Why") are prose: a symbol is camelCase, snake_case, `quoted`, called(), or capitalised mid-sentence. */
function looksLikeSymbol(question: string, name: string, at: number): boolean {
  if (/[A-Z]/.test(name.slice(1)) || name.includes('_')) return true;
  if (question[at - 1] === '`' || question[at + name.length] === '(') return true;
  return /^[A-Z]/.test(name) && !/(^|[.!?:]\s+)$/.test(question.slice(0, at));
}

function wholeWord(name: string): RegExp {
  return new RegExp(`(^|[^A-Za-z0-9_$])${name.replace(/\$/g, '\\$')}($|[^A-Za-z0-9_$])`);
}

/** One snippet the index chose, as a chip: where it is, its score and why, its tokens. */
export function codebaseChip(item: ContextItem): NewChatItem {
  const lines = item.startLine === item.endLine ? `${item.startLine}` : `${item.startLine}-${item.endLine}`;
  return {
    id: `codebase:${item.path}:${lines}`, kind: 'codebase', label: `${item.path}:${lines}`, path: item.path,
    detail: `${item.score.toFixed(2)} · ${item.why}`, text: item.text,
    ...(languageForPath(item.path) ? { language: languageForPath(item.path)!.id } : {}),
  };
}

/** The snippets one workspace folder's index chose; `prefix` names the folder in a multi-root workspace (`shelf-keeper/`), else ''. */
export interface FolderSnippets {
  prefix: string;
  /** The language server's definitions of the symbols at the cursor: before any of the index's. */
  lead?: readonly ContextItem[];
  items: readonly ContextItem[];
}

/**
 * One list from every folder's snippets within `budget` tokens: the language server's answers
 * first, then the indexes' by score across folders. Paths take their folder's prefix, the
 * workspace-relative form the chat resolves (`folder/src/a.ts`), so a snippet never names the
 * same-named file of another folder.
 */
export function mergeFolderSnippets(folders: readonly FolderSnippets[], budget: number): ContextItem[] {
  const named = (f: FolderSnippets, items: readonly ContextItem[] = []) => items.map((item) => (f.prefix ? { ...item, path: f.prefix + item.path } : item));
  const lead = folders.flatMap((f) => named(f, f.lead));
  const ranked = folders.flatMap((f) => named(f, f.items)).sort((a, b) => b.score - a.score);
  return preferServerDefinitions(lead, ranked, budget);
}
