import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomicWrite';
import type { ChatMessage } from '../llm';
import type { BoundState } from './bounds';
import type { AgentToolCall, StopReason, ToolOutcome } from './types';

/** A tool call whose result is recorded: reused on resume, never run twice. */
export interface RecordedResult {
  outcome: ToolOutcome;
  /** The arguments as validated (or the error that stopped them). */
  args?: unknown;
}

/** A model turn whose tool calls are being run; saved after every call. */
export interface PendingTurn {
  step: number;
  calls: AgentToolCall[];
  /** How results go back: tool messages (native calls) or one user message (text protocol). */
  via: 'native' | 'text';
  results: Record<string, RecordedResult>;
  /** Calls that started a command: one without a result was interrupted and is not run again. */
  started: string[];
}

export interface TaskRecord {
  version: 1;
  id: string;
  createdAt: string;
  updatedAt: string;
  workspaceRoot: string;
  workingFolder: string;
  /** The user's first message. */
  task: string;
  /** Chosen on the first turn (auto) and kept for the task. */
  protocol?: 'native' | 'text';
  /** The conversation without the system prompt (rebuilt each run from the current rules files). */
  messages: ChatMessage[];
  pending?: PendingTurn;
  bounds: BoundState;
  /** Steps over every run of the task (numbering for events and checkpoints; never reset). */
  totalSteps: number;
  status: 'running' | StopReason;
  stopMessage?: string;
  filesChanged: string[];
  commandsRun: Array<{ command: string; exitCode: number | null }>;
  /** The latest failed results' summaries (kept when older results are condensed). */
  lastFailures?: string[];
}

/**
 * Where tasks live: a per-user folder outside every repository — `$TANDEM_HOME`, else
 * `$XDG_STATE_HOME/tandem`, else `~/.local/state/tandem` (`%LOCALAPPDATA%\tandem` on Windows).
 */
export function tandemHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env['TANDEM_HOME']) return path.resolve(env['TANDEM_HOME']);
  if (env['XDG_STATE_HOME']) return path.join(path.resolve(env['XDG_STATE_HOME']), 'tandem');
  if (process.platform === 'win32' && env['LOCALAPPDATA']) return path.join(env['LOCALAPPDATA'], 'tandem');
  return path.join(os.homedir(), '.local', 'state', 'tandem');
}

const idPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,80}$/;

/** Saves and loads tasks, one folder per task (`tasks/<id>/task.json`, checkpoints beside it). */
export class TaskStore {
  constructor(readonly home: string) {}

  newId(now = new Date()): string {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    return `${stamp}-${randomBytes(3).toString('hex')}`;
  }

  taskDir(id: string): string {
    if (!idPattern.test(id)) throw new TaskNotFound(`"${id}" is not a task id (ids look like 20261204-160512-a1b2c3)`);
    return path.join(this.home, 'tasks', id);
  }

  create(init: Pick<TaskRecord, 'workspaceRoot' | 'workingFolder' | 'task'>, id = this.newId()): TaskRecord {
    const now = new Date().toISOString();
    return {
      version: 1, id, createdAt: now, updatedAt: now, ...init, messages: [], status: 'running', totalSteps: 0, filesChanged: [], commandsRun: [],
      bounds: { steps: 0, tokensIn: 0, tokensOut: 0, repeats: 0, consecutiveErrors: 0 },
    };
  }

  /**
   * Atomic: a crash, a kill or a closed terminal leaves the previous save or this one, never half a
   * file. Not flushed to disk each time (a save follows every tool call; a flush costs 4-15 ms):
   * only a power loss can lose the latest saves. Private to the user (0600): transcripts hold code.
   */
  async save(record: TaskRecord): Promise<void> {
    record.updatedAt = new Date().toISOString();
    await writeFileAtomic(path.join(this.taskDir(record.id), 'task.json'), `${JSON.stringify(record)}\n`, { durable: false, mode: 0o600 });
  }

  /**
   * One process works on a task at a time (two terminals continuing the same task would interleave
   * their writes and checkpoints). A lock left by a process that died is taken over.
   */
  async lock(id: string): Promise<() => Promise<void>> {
    const file = path.join(this.taskDir(id), 'lock');
    await fs.mkdir(path.dirname(file), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await fs.writeFile(file, String(process.pid), { flag: 'wx' });
        return () => fs.rm(file, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number(await fs.readFile(file, 'utf8').catch(() => ''));
        if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) throw new TaskBusy(`task ${id} is running in another process (pid ${holder}); wait for it or stop it first`);
        await fs.rm(file, { force: true });
      }
    }
    throw new TaskBusy(`task ${id} is locked (${file}); remove that file if no other tandem agent runs it`);
  }

  async load(id: string): Promise<TaskRecord> {
    const file = path.join(this.taskDir(id), 'task.json');
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      throw new TaskNotFound(`no task ${id} in ${path.join(this.home, 'tasks')}`);
    }
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      throw new TaskNotFound(`task ${id} cannot be read (${file}: ${(error as Error).message})`);
    }
    if (!isTaskRecord(record)) throw new TaskNotFound(`task ${id} was saved by an unknown version of Tandem (${file})`);
    return record;
  }
}

export class TaskNotFound extends Error {}
export class TaskBusy extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isTaskRecord(value: unknown): value is TaskRecord {
  const v = value as Partial<TaskRecord> | null;
  return !!v && v.version === 1 && typeof v.id === 'string' && Array.isArray(v.messages) && typeof v.workspaceRoot === 'string' && !!v.bounds;
}
