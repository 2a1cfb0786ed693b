// A workspace on disk, the fake model server and the agent loop wired together for tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAgent, TaskStore, type AgentEvent, type AgentOutcome, type ToolEnvironment, type TaskRecord } from '../../../src/core/agent';
import { judgeCommand } from '../../../src/core/agent/safety/commandPolicy';
import { nodeOutboundGate } from '../../../src/core/context';
import { resolveToolPath } from '../../../src/core/agent/safety/workspacePath';
import { LlmClient } from '../../../src/core/llm';
import { readConfig } from '../../../src/core/config';
import { runShellCommand } from '../../../src/core/agent/exec/runShellCommand';
import type { FakeLlmServer } from '../../support/fakeLlm';

export function makeWorkspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-agent-ws-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

export function removeAll(...dirs: string[]): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

export function clientFor(server: FakeLlmServer, contextWindow = 32_768): LlmClient {
  const { config } = readConfig((key) => {
    if (key === 'provider') return 'fake';
    if (key === 'providers') return { fake: { kind: 'openai-compatible', baseUrl: server.baseUrl, models: { chat: 'fake-chat' }, contextWindow } };
    if (key === 'retries.maxRetries') return 0;
    return undefined;
  });
  return new LlmClient({ provider: config.provider, timeouts: config.timeouts, maxRetries: 0 });
}

export async function testEnvironment(root: string, overrides: Partial<ToolEnvironment> = {}, allowed: string[] = ['*']): Promise<ToolEnvironment> {
  const gate = await nodeOutboundGate(root);
  return {
    root, gate, approver: undefined, autoEdit: true, testsCommand: '', readOnly: false,
    resolvePath: (candidate, options) => resolveToolPath(root, candidate, gate, options),
    judgeCommand: (command) => judgeCommand(command, { allowed, workspaceRoot: root }),
    beforeWrite: async () => {},
    afterWrite: async () => {},
    runShell: (options) => runShellCommand({ ...options, env: undefined }),
    ...overrides,
  };
}

export interface RunResult {
  outcome: AgentOutcome;
  events: AgentEvent[];
  record: TaskRecord;
  store: TaskStore;
}

export interface RunInput {
  server: FakeLlmServer;
  root: string;
  home: string;
  task?: string;
  env?: ToolEnvironment;
  record?: TaskRecord;
  protocol?: 'auto' | 'native' | 'text';
  maxSteps?: number;
  tokenBudget?: number;
  contextWindow?: number;
  signal?: AbortSignal;
  onEvent?: (event: AgentEvent) => void;
}

export async function runTask(input: RunInput): Promise<RunResult> {
  const store = new TaskStore(input.home);
  const record = input.record ?? store.create({ workspaceRoot: input.root, workingFolder: input.root, task: input.task ?? 'do the task' });
  const events: AgentEvent[] = [];
  const client = clientFor(input.server, input.contextWindow);
  const outcome = await runAgent({
    stream: (request) => client.streamChat(request), env: input.env ?? (await testEnvironment(input.root)), store, record,
    emit: (event) => {
      events.push(event);
      input.onEvent?.(event);
    },
    signal: input.signal ?? new AbortController().signal, contextWindow: input.contextWindow ?? 32_768, protocol: input.protocol ?? 'auto',
    limits: { maxSteps: input.maxSteps ?? 25, tokenBudget: input.tokenBudget ?? 400_000, maxRepeats: 3, maxConsecutiveErrors: 3 },
    rules: [], workspaceName: 'ws',
  }, input.record && !input.task ? undefined : input.task ?? 'do the task');
  return { outcome, events, record, store };
}
