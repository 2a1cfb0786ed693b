import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import { silentLogger, type Logger } from '../logger';
import { writeFileAtomic } from '../fs/atomicWrite';
import { conversationSchema, summarize, type Conversation, type ConversationSummary } from './conversation';

const indexSchema = z.object({
  version: z.literal(1),
  current: z.string().optional(),
  conversations: z.array(z.object({ id: z.string(), title: z.string(), updatedAt: z.number(), turnCount: z.number() })),
});
type Index = z.infer<typeof indexSchema>;

const conversationFile = /^[\w-]{1,100}\.json$/;

export interface HistoryStoreOptions {
  logger?: Logger;
  /** A file could not be read and was set aside: the message says which, why and where it went. */
  onProblem?: (message: string) => void;
}

/**
 * The chat history of one workspace: `index.json` (titles, order, the open conversation) and one
 * file per conversation under `conversations/`. Every write is atomic and all operations run one
 * at a time. A file that cannot be read is renamed aside (never deleted) and reported; the index
 * is rebuilt from the conversation files if it is the one that broke. Nothing here throws on bad
 * data: the panel always opens.
 */
export class HistoryStore {
  private queue: Promise<unknown> = Promise.resolve();
  private index: Index | undefined;
  private readonly logger: Logger;

  constructor(readonly dir: string, private readonly options: HistoryStoreOptions = {}) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Conversations, most recently updated first. */
  list(): Promise<ConversationSummary[]> {
    return this.serial(async () => [...(await this.loadIndex()).conversations].sort((a, b) => b.updatedAt - a.updatedAt));
  }

  /** The conversation that was open last, if it still exists. */
  currentId(): Promise<string | undefined> {
    return this.serial(async () => (await this.loadIndex()).current);
  }

  load(id: string): Promise<Conversation | undefined> {
    return this.serial(async () => {
      const index = await this.loadIndex();
      const conversation = await this.readConversation(this.fileOf(id));
      if (!conversation && index.conversations.some((c) => c.id === id)) {
        index.conversations = index.conversations.filter((c) => c.id !== id);
        if (index.current === id) index.current = undefined;
        await this.writeIndex(index);
      }
      return conversation;
    });
  }

  /** Writes the conversation and makes it the current one. Empty conversations are not kept. */
  save(conversation: Conversation): Promise<void> {
    return this.serial(async () => {
      const index = await this.loadIndex();
      index.current = conversation.id;
      if (conversation.turns.length > 0) {
        await mkdir(this.conversationsDir, { recursive: true });
        await writeFileAtomic(this.fileOf(conversation.id), JSON.stringify(conversation));
        index.conversations = [...index.conversations.filter((c) => c.id !== conversation.id), summarize(conversation)];
      }
      await this.writeIndex(index);
    });
  }

  delete(id: string): Promise<void> {
    return this.serial(async () => {
      const index = await this.loadIndex();
      await rm(this.fileOf(id), { force: true });
      index.conversations = index.conversations.filter((c) => c.id !== id);
      if (index.current === id) index.current = undefined;
      await this.writeIndex(index);
    });
  }

  private get conversationsDir(): string {
    return path.join(this.dir, 'conversations');
  }

  private get indexFile(): string {
    return path.join(this.dir, 'index.json');
  }

  private fileOf(id: string): string {
    if (!/^[\w-]{1,100}$/.test(id)) throw new Error(`not a conversation id: ${id.slice(0, 40)}`);
    return path.join(this.conversationsDir, `${id}.json`);
  }

  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async loadIndex(): Promise<Index> {
    if (this.index) return this.index;
    const text = await readIfExists(this.indexFile);
    if (text === undefined) {
      this.index = await this.rebuildIndex();
      return this.index;
    }
    const parsed = parseJson(text, indexSchema);
    if (parsed.ok) {
      this.index = parsed.value;
      return this.index;
    }
    const aside = await this.setAside(this.indexFile);
    this.index = await this.rebuildIndex();
    await this.writeIndex(this.index);
    this.report(`The chat history index could not be read (${parsed.reason}). It was set aside as ${aside} and rebuilt from ${this.index.conversations.length} saved conversation(s).`);
    return this.index;
  }

  /** Reads every conversation file; a missing index is normal on first use, so this stays quiet. */
  private async rebuildIndex(): Promise<Index> {
    const names = await readdir(this.conversationsDir).catch(() => [] as string[]);
    const conversations: ConversationSummary[] = [];
    for (const name of names.filter((n) => conversationFile.test(n))) {
      const conversation = await this.readConversation(path.join(this.conversationsDir, name));
      if (conversation) conversations.push(summarize(conversation));
    }
    return { version: 1, conversations };
  }

  private async readConversation(file: string): Promise<Conversation | undefined> {
    const text = await readIfExists(file);
    if (text === undefined) return undefined;
    const parsed = parseJson(text, conversationSchema);
    if (parsed.ok) return parsed.value;
    const aside = await this.setAside(file);
    this.report(`A saved conversation could not be read (${parsed.reason}). It was set aside as ${aside}; the other conversations are unaffected.`);
    return undefined;
  }

  private async writeIndex(index: Index): Promise<void> {
    this.index = index;
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(this.indexFile, JSON.stringify(index));
  }

  /** Renames a broken file out of the way (kept for the user to inspect) and returns its new name. */
  private async setAside(file: string): Promise<string> {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
    const aside = `${file}.corrupt-${stamp}`;
    try {
      await rename(file, aside);
    } catch (error) {
      this.logger.error(`could not set aside ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return path.basename(aside);
  }

  private report(message: string): void {
    this.logger.warn(`Chat history: ${message}`);
    this.options.onProblem?.(message);
  }
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseJson<T>(text: string, schema: z.ZodType<T>): { ok: true; value: T } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  return { ok: false, reason: `unexpected content${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}` };
}
