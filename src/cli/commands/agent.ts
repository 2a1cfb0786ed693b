import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  joinToolProviders, readAgentRules, runAgent, TaskBusy, TaskNotFound, TaskStore, tandemHome, type AgentOutcome, type Approver, type TaskRecord,
} from '../../core/agent';
import { nodeOutboundGate } from '../../core/context';
import { knowledgeToolProvider } from '../../core/knowledge';
import { cliLogger, createCliClient, describeCliFailure, type CliSetup } from '../cliSetup';
import { listCheckpoints, restoreCheckpoint, undoRestore } from './agentCheckpoints';
import { buildAgentEnvironment } from './agentEnvironment';
import { agentMcpTools } from './agentMcp';
import { agentRenderer } from './agentRender';
import { lazyWorkspaceIndex } from './workspaceIndex';

export const agentUsage = `Usage: tandem agent "<task>" [--cwd DIR] [--auto-edit] [--allow PATTERN]... [--max-steps N] [--json]
       tandem agent --continue ID ["<follow-up>"]
       tandem agent --checkpoints ID [--json]
       tandem agent --restore ID STEP
       tandem agent --undo-restore ID [SNAPSHOT]

Works on a task in plain words: reads the code it needs, edits files, runs commands and tests,
reads the failures and fixes them, until it answers without a tool call or a bound stops it.

  --cwd DIR          the workspace folder (default: the current folder)
  --auto-edit        apply edits without asking (each file is checkpointed first); without it
                     edits are shown and asked y/n on a terminal, and refused without one
  --allow PATTERN    run commands matching PATTERN without asking: a glob over the whole command,
                     * = any characters ("npm test*"); repeatable. Denied commands never run and
                     destructive ones always ask (so without a terminal they are refused)
  --max-steps N      the most model turns (default tandem.agent.maxSteps, 25)
  --json             one JSON event per line; the first is {"type":"task","taskId":"..."}
  --continue ID      resume a saved task (after a stop, a crash or Ctrl+C); a command that
                     already ran is never run again
  --checkpoints ID   list the task's steps and the files each changed
  --restore ID STEP  put the files back as they were before step STEP (1 = undo the whole task);
                     files the user changed since are reported as conflicts and left alone
  --undo-restore ID [SNAPSHOT]   put back what a restore replaced (default: the latest restore)
  --cwd, --settings, --provider, --base-url, --model, --verbose   global options, as for every command

Tasks and checkpoints are saved in $TANDEM_HOME/tasks (default ~/.local/state/tandem/tasks).
Exit codes: 0 the task finished, 1 a bound or the model stopped it (or a restore had conflicts),
2 bad usage, 130 Ctrl+C.`;

export interface AgentIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  /** Asks a question on the terminal; undefined when standard input is not a terminal. */
  ask?: (question: string) => Promise<string | undefined>;
}

const options = {
  cwd: { type: 'string' }, 'auto-edit': { type: 'boolean' }, allow: { type: 'string', multiple: true }, 'max-steps': { type: 'string' },
  json: { type: 'boolean' }, continue: { type: 'string' }, checkpoints: { type: 'string' }, restore: { type: 'string' },
  'undo-restore': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The server and settings for the task's folder (the CLI's global options, environment and settings file). Throws UsageError. */
export type SetupFor = (root: string) => CliSetup;

export async function runAgentCommand(argv: string[], io: AgentIo, setupFor: SetupFor): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    return usageError(io, (error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${agentUsage}\n`);
    return 0;
  }
  const store = new TaskStore(tandemHome(io.env));
  const json = values.json === true;
  try {
    if (values.checkpoints !== undefined) return await listCheckpoints(store, values.checkpoints, json, io);
    if (values.restore !== undefined) {
      const step = Number(positionals[0]);
      if (positionals.length !== 1 || !Number.isInteger(step) || step < 1) return usageError(io, '--restore needs a task id and a step number from 1, e.g. --restore 20261204-160512-a1b2c3 2');
      await store.load(values.restore);
      const unlock = await store.lock(values.restore);
      try {
        return await restoreCheckpoint(store, values.restore, step, json, io);
      } finally {
        await unlock();
      }
    }
    const undoing = values['undo-restore'];
    if (undoing !== undefined) {
      if (positionals.length > 1) return usageError(io, '--undo-restore needs a task id and at most one snapshot id, e.g. --undo-restore 20261204-160512-a1b2c3');
      await store.load(undoing);
      const unlock = await store.lock(undoing);
      try {
        return await undoRestore(store, undoing, positionals[0], json, io);
      } finally {
        await unlock();
      }
    }
    const text = positionals.join(' ').trim();
    if (!text && values.continue === undefined) return usageError(io, 'tandem agent needs a task, e.g. tandem agent "add a --json flag to the export command"');
    let maxSteps: number | undefined;
    if (values['max-steps'] !== undefined) {
      maxSteps = Number(values['max-steps']);
      if (!Number.isInteger(maxSteps) || maxSteps < 1 || maxSteps > 500) return usageError(io, `--max-steps ${values['max-steps']}: expected a whole number from 1 to 500`);
    }
    let record: TaskRecord | undefined;
    if (values.continue !== undefined) record = await store.load(values.continue);
    const root = record ? record.workspaceRoot : path.resolve(io.cwd, values.cwd ?? '.');
    if (record && values.cwd !== undefined && path.resolve(io.cwd, values.cwd) !== root) return usageError(io, `task ${record.id} works in ${root}; --cwd cannot move it`);
    if (!(await stat(root).then((s) => s.isDirectory(), () => false))) return usageError(io, `--cwd ${root} is not a folder`);
    if (record && record.status === 'finished' && !text) return usageError(io, `task ${record.id} is finished; add a follow-up: tandem agent --continue ${record.id} "<what next>"`);
    record ??= store.create({ workspaceRoot: root, workingFolder: root, task: text });
    const unlock = await store.lock(record.id);
    try {
      return await runTask({ io, store, record, root, json, maxSteps, text, values, setupFor });
    } finally {
      await unlock();
    }
  } catch (error) {
    if (error instanceof TaskNotFound || error instanceof TaskBusy) return usageError(io, error.message);
    throw error;
  }
}

interface TaskRun {
  io: AgentIo;
  store: TaskStore;
  record: TaskRecord;
  root: string;
  json: boolean;
  maxSteps: number | undefined;
  text: string;
  values: { allow?: string[]; 'auto-edit'?: boolean };
  setupFor: SetupFor;
}

async function runTask(run: TaskRun): Promise<number> {
  const { io, record, root, json, values } = run;
  const setup = run.setupFor(root);
  for (const warning of setup.warnings) io.stderr(`tandem: ${warning}\n`);
  const { config } = setup;
  const client = createCliClient(setup, cliLogger(setup, io.stderr));
  const gate = await nodeOutboundGate(root, config.ignore);
  const emit = agentRenderer(io.stdout, json);
  const approver = !json && io.ask ? terminalApprover(io, io.ask) : undefined;
  const env = await buildAgentEnvironment({
    root, gate, taskDir: run.store.taskDir(record.id), allowed: [...config.agent.allowedCommands, ...(values.allow ?? [])],
    approver, autoEdit: values['auto-edit'] === true, testsCommand: config.tests.command,
  });
  const mcp = await agentMcpTools(root, setup, io, json);
  // The index is opened on the first search_symbols or repo_map call, not before: a task that
  // never asks costs nothing.
  const knowledge = knowledgeToolProvider({ index: lazyWorkspaceIndex(root, gate, io) });
  env.extraTools = mcp ? joinToolProviders(knowledge, mcp.provider) : knowledge;
  const rules = await readAgentRules(root, record.workingFolder, gate);
  const runOnce = (message: string | undefined): Promise<AgentOutcome> => runAgent({
    stream: (request) => client.streamChat(request), env, store: run.store, record, emit,
    signal: io.signal, contextWindow: config.provider.contextWindow, protocol: config.provider.toolProtocol ?? 'auto',
    limits: { maxSteps: run.maxSteps ?? config.agent.maxSteps, tokenBudget: config.agent.tokenBudget, maxRepeats: 3, maxConsecutiveErrors: 3 },
    rules, workspaceName: path.basename(root),
  }, message);

  let outcome: AgentOutcome;
  try {
    outcome = await runOnce(run.text || undefined);
    // On a terminal the user can go on with the same task; an empty line ends it.
    while (!json && io.ask && outcome.reason !== 'cancelled') {
      const followUp = (await io.ask('\nFollow-up (Enter to finish): '))?.trim();
      if (!followUp) break;
      outcome = await runOnce(followUp);
    }
  } finally {
    await mcp?.dispose();
  }
  // Where the server address came from, and how to change it, as every other command says.
  if (outcome.error !== undefined) {
    const advice = describeCliFailure(outcome.error, setup).split('\n').slice(1).join('\n');
    if (advice) io.stderr(`tandem: ${advice}\n`);
  }
  if (!json) io.stderr(`tandem: task ${record.id} — continue it with: tandem agent --continue ${record.id}\n`);
  return outcome.reason === 'finished' ? 0 : outcome.reason === 'cancelled' ? 130 : 1;
}

/** y/n on the terminal: edits show their diff, commands why they need approval. Anything but y is no. */
function terminalApprover(io: AgentIo, ask: (question: string) => Promise<string | undefined>): Approver {
  return async (request) => {
    if (request.kind === 'edit' || request.kind === 'tool') io.stdout(`${request.detail.trimEnd()}\n`);
    const what = request.kind === 'edit' ? `Apply the edit to ${request.subject}?`
      : request.kind === 'tool' ? `Call the MCP tool ${request.subject}?${request.destructive ? ' (the server says it may be destructive)' : ''}`
        : `Run \`${request.subject}\`?${request.destructive ? ' (destructive)' : ''} ${request.detail}`;
    const answer = await ask(`${what} [y/N] `);
    return /^\s*y(es)?\s*$/i.test(answer ?? '');
  };
}

function usageError(io: AgentIo, message: string): number {
  io.stderr(`tandem: ${message}\n\n${agentUsage}\n`);
  return 2;
}
