import type { IgnoreMatcher } from '../context/ignoreRules';
import { importSpecifiers } from '../context/importSpecifiers';
import type { RelatedContextSource, RelatedFile } from '../context/relatedFiles';
import { SnippetSelector, type SelectedSnippet } from '../context/snippetSelection';
import { wait, type Clock } from './clock';
import type { CursorContext } from './cursorContext';
import { documentHead } from './documentText';
import type { CompletionDocument, Position } from './types';

export interface GatherTuning {
  /** Related files of a document are asked for again after this long. */
  filesTtlMs: number;
  /** A source that has not answered by then is abandoned (its signal aborted). */
  sourceTimeoutMs: number;
}

const headLines = 80; // imports live at the top
const cursorLines = 15; // the lines whose identifiers the snippets should share
/** Definitions from other files may take this share of the related budget; the file snippets the rest. */
const definitionsShare = 0.5;

interface FilesMemo {
  at: number;
  files: readonly RelatedFile[] | undefined;
  pending: Promise<readonly RelatedFile[]> | undefined;
}

/**
 * Related-file snippets for a completion, within a hard time cap. It starts with the keystroke
 * and runs during the debounce; whatever is not ready at the deadline is left out of this
 * request (a slow source keeps filling its memo in the background, for the next one).
 */
export class ContextGatherer {
  private readonly selector = new SnippetSelector();
  private readonly memo = new Map<string, FilesMemo>();

  constructor(
    private readonly source: RelatedContextSource | undefined,
    private readonly ignore: IgnoreMatcher,
    private readonly clock: Clock,
    private readonly tuning: GatherTuning = { filesTtlMs: 5_000, sourceTimeoutMs: 2_000 },
  ) {}

  async gather(document: CompletionDocument, cursor: CursorContext, maxChars: number, deadline: number, signal?: AbortSignal, position?: Position): Promise<SelectedSnippet[]> {
    if (!this.source || maxChars <= 0) return [];
    const definitions = position ? this.definitionsAt(document, position, Math.floor(maxChars * definitionsShare), deadline, signal) : Promise.resolve([]);
    const { files, pending } = this.filesFor(document);
    const ready = files ?? (pending && (await this.until(pending, deadline, signal)));
    const chosen = await definitions;
    if (signal?.aborted) return [];
    if (!ready || ready.length === 0) return chosen;
    const cursorText = [...cursor.linesAbove.slice(-cursorLines), cursor.linePrefix].join('\n');
    const used = chosen.reduce((sum, s) => sum + snippetCost(s), 0);
    // Definitions first: they change less from one keystroke to the next than the file windows.
    return [...chosen, ...this.selector.select(ready, cursorText, maxChars - used)];
  }

  /** The source's definitions for the cursor, within the deadline; a failing or late source gives none. */
  private async definitionsAt(document: CompletionDocument, position: Position, maxChars: number, deadline: number, signal?: AbortSignal): Promise<SelectedSnippet[]> {
    if (!this.source?.definitions || maxChars <= 0) return [];
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const query = { uri: document.uri, languageId: document.languageId, ...(document.relativePath !== undefined ? { path: document.relativePath } : {}), line: position.line, character: position.character, maxChars };
      const asked = this.source.definitions(query, controller.signal);
      // A synchronous answer (the index, loaded) is used whatever the deadline; only a pending one is raced against it.
      const answer = Array.isArray(asked) ? asked : await this.until(Promise.resolve(asked), deadline, signal);
      const chosen: SelectedSnippet[] = [];
      let used = 0;
      for (const d of answer ?? []) {
        if (d.path === document.relativePath || this.ignore.isIgnored(d.path)) continue;
        const snippet: SelectedSnippet = { path: d.path, text: d.text, relation: 'definition', score: d.score };
        if (used + snippetCost(snippet) > maxChars) continue;
        chosen.push(snippet);
        used += snippetCost(snippet);
      }
      return chosen;
    } catch {
      return []; // a failing source costs this request its definitions, nothing more
    } finally {
      controller.abort();
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** The memoised files (stale ones while they are being refreshed), or the pending question to the source. */
  private filesFor(document: CompletionDocument): { files?: readonly RelatedFile[]; pending?: Promise<readonly RelatedFile[]> } {
    const now = this.clock.now();
    const memo = this.memo.get(document.uri);
    if (memo?.files && (now - memo.at < this.tuning.filesTtlMs || memo.pending)) return { files: memo.files };
    if (memo?.pending) return { pending: memo.pending };
    const pending = this.ask(document);
    this.memo.set(document.uri, { at: memo?.at ?? now, files: memo?.files, pending });
    return memo?.files ? { files: memo.files } : { pending };
  }

  private async ask(document: CompletionDocument): Promise<readonly RelatedFile[]> {
    const controller = new AbortController();
    const timer = this.clock.setTimeout(() => controller.abort(), this.tuning.sourceTimeoutMs);
    let files: readonly RelatedFile[];
    try {
      const query = { uri: document.uri, languageId: document.languageId, path: document.relativePath, imports: importSpecifiers(documentHead(document, headLines), document.languageId) };
      const answer = await this.source?.relatedFiles(query, controller.signal);
      files = (answer ?? []).filter((f) => f.path !== document.relativePath && !this.ignore.isIgnored(f.path));
    } catch {
      files = []; // a failing source costs this request its snippets, nothing more
    } finally {
      this.clock.clearTimeout(timer);
    }
    this.memo.set(document.uri, { at: this.clock.now(), files, pending: undefined });
    this.selector.retainOnly([...this.memo.values()].flatMap((m) => (m.files ?? []).map((f) => f.path)));
    return files;
  }

  private async until<T>(promise: Promise<T>, deadline: number, signal?: AbortSignal): Promise<T | undefined> {
    const remaining = deadline - this.clock.now();
    if (remaining <= 0) return undefined;
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await Promise.race([promise, wait(this.clock, remaining, controller.signal).then(() => undefined)]);
    } finally {
      controller.abort(); // releases the deadline timer
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** What a snippet costs in the prompt (as SnippetSelector counts it). */
function snippetCost(snippet: SelectedSnippet): number {
  return snippet.text.length + snippet.path.length + 16;
}
