import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeOutboundGate } from '../../../src/core/context';
import { openIndex, TreeSitterLoader, type KnowledgeIndex } from '../../../src/core/knowledge';

/** A small shop codebase where names collide across files, as they do in real ones. */
export const shopFiles: Record<string, string> = {
  'src/users/userRepository.ts': `import { Database } from '../db/database';
import type { User } from './user';

/** Stores users in the database. */
export class UserRepository {
  constructor(private readonly db: Database) {}

  /** The user with this id, or undefined. */
  findById(id: string): User | undefined {
    return this.db.get<User>('users', id);
  }

  save(user: User): void {
    this.db.put('users', user.id, user);
  }
}
`,
  'src/orders/orderRepository.ts': `import { Database } from '../db/database';

export interface Order { id: string; total: number }

/** Stores orders. */
export class OrderRepository {
  constructor(private readonly db: Database) {}

  /** The order with this id. */
  findById(id: string): Order | undefined {
    return this.db.get<Order>('orders', id);
  }
}
`,
  'src/users/user.ts': `/** A registered user. */
export interface User {
  id: string;
  name: string;
  email: string;
}
`,
  'src/db/database.ts': `/** A key-value store per table. */
export class Database {
  private readonly tables = new Map<string, Map<string, unknown>>();

  get<T>(table: string, id: string): T | undefined {
    return this.tables.get(table)?.get(id) as T | undefined;
  }

  put(table: string, id: string, value: unknown): void {
    if (!this.tables.has(table)) this.tables.set(table, new Map());
    this.tables.get(table)!.set(id, value);
  }
}
`,
  'src/net/retry.ts': `/**
 * Calls \`operation\` until it succeeds, waiting longer after each failure
 * (exponential backoff with jitter).
 */
export async function retryWithBackoff<T>(operation: () => Promise<T>, attempts = 5, baseDelayMs = 100): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt + 1 >= attempts) throw error;
      await sleep(baseDelayMs * 2 ** attempt * (0.5 + Math.random()));
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
`,
  'src/users/userService.ts': `import { retryWithBackoff } from '../net/retry';
import { UserRepository } from './userRepository';

export class UserService {
  constructor(private readonly users: UserRepository) {}

  async rename(id: string, name: string): Promise<void> {
    const user = this.users.findById(id);
    if (!user) throw new Error('no such user');
    await retryWithBackoff(async () => this.users.save({ ...user, name }));
  }
}
`,
  'src/config.ts': `/** The token for the payments API. */
export const PAYMENTS_TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ0123456789';
`,
  'generated/api.ts': 'export class UserRepository {}\n',
  '.gitignore': 'generated/\n',
  'config/.env.local.ts': 'export function leakedFromEnv() {}\n',
  'tools/helper.py': 'def format_user(user):\n    """One line about a user."""\n    return user.name\n',
};

export function makeWorkspace(files: Record<string, string> = shopFiles): { root: string; write: (file: string, text: string) => void; dispose: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-knowledge-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  for (const [file, text] of Object.entries(files)) write(file, text);
  return { root, write, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/** 1-based line and column of the first `marker` in `text` (the column in UTF-16 units, at the marker's start). */
export function positionOf(text: string, marker: string): { line: number; col: number } {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not found`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, col: before.at(-1)!.length + 1 };
}

/** The index of a test workspace, built from scratch with the workspace's own gate (no saved copy). */
export async function indexOf(root: string): Promise<KnowledgeIndex> {
  return (await openIndex({ root, gate: await nodeOutboundGate(root), loader: new TreeSitterLoader() })).index;
}
