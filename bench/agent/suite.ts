// The agent engine's own cost, measured in-process: a scripted model (no network, answers at once)
// drives the real loop over a 1,000-file workspace; model time and tool time are measured and
// taken out, what remains per step is the engine (prompt, condensing check, parsing, bounds,
// redaction, the atomic save of the task). Plus the prompt's size (checkpoints: checkpoints.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSystemPrompt, nativeToolDefinitions, runAgent, TaskStore, toolSpecs, type ChatStreamer, type ToolEnvironment } from '../../src/core/agent';
import { runShellCommand } from '../../src/core/agent/exec/runShellCommand';
import { judgeCommand } from '../../src/core/agent/safety/commandPolicy';
import { resolveToolPath } from '../../src/core/agent/safety/workspacePath';
import { nodeOutboundGate } from '../../src/core/context';
import { estimateTokens, type ChatStreamEvent } from '../../src/core/llm';

function workspace(files: number): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-agent-'));
  writeFileSync(path.join(root, '.gitignore'), 'dist/\nnode_modules/\n');
  for (let i = 0; i < files; i++) {
    const dir = path.join(root, 'src', `module${i % 40}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `file${i}.ts`), `export function f${i}(x: number): number {\n${'  x += 1;\n'.repeat(40)}  return x;\n}\n`);
  }
  return root;
}

/** A model that answers at once: a read_file call per turn, then a final answer. */
function scriptedModel(turns: number, files: number): { stream: ChatStreamer; modelMs: () => number } {
  let spent = 0;
  let turn = 0;
  const stream: ChatStreamer = (request) => ({
    async *[Symbol.asyncIterator](): AsyncGenerator<ChatStreamEvent> {
      const started = performance.now();
      const n = turn++;
      const args = { path: `src/module${((n * 7) % files) % 40}/file${(n * 7) % files}.ts`, startLine: 1, endLine: 20 };
      // With tools offered: a native call; without (text protocol): the call written in the reply.
      const native = request.tools !== undefined;
      const calls = n < turns && native ? [{ id: `call_${n}`, name: 'read_file', arguments: JSON.stringify(args) }] : [];
      const text = n >= turns ? 'Done.' : native ? `Reading file ${n}.` : `Reading file ${n}.\n<tool_call>\n${JSON.stringify({ name: 'read_file', arguments: args })}\n</tool_call>`;
      const metrics = { provider: 'bench', model: 'm', endpoint: 'chat' as const, streamed: true, timeToFirstTokenMs: 0, totalMs: 0, tokensIn: 1_000 + request.messages.length * 50, tokensOut: 30, usageSource: 'estimate' as const, attempts: 1, outcome: 'ok' as const };
      spent += performance.now() - started;
      yield { type: 'text', text };
      const resumed = performance.now();
      const result = { text, toolCalls: calls, finishReason: calls.length ? 'tool_calls' : 'stop', metrics };
      spent += performance.now() - resumed;
      yield { type: 'done', result };
    },
  });
  return { stream, modelMs: () => spent };
}

export async function engineScenario(): Promise<Record<string, number>> {
  const files = 1_000;
  const root = workspace(files);
  const home = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-home-'));
  try {
    const gate = await nodeOutboundGate(root);
    const env: ToolEnvironment = {
      root, gate, approver: undefined, autoEdit: true, testsCommand: '', readOnly: false,
      resolvePath: (candidate, options) => resolveToolPath(root, candidate, gate, options),
      judgeCommand: (command) => judgeCommand(command, { allowed: [], workspaceRoot: root }),
      beforeWrite: async () => {}, afterWrite: async () => {},
      runShell: (options) => runShellCommand({ ...options, env: undefined }),
    };
    const overheads: number[] = [];
    for (let run = 0; run < 14; run++) {
      const steps = 24;
      const model = scriptedModel(steps, files);
      const store = new TaskStore(home);
      const record = store.create({ workspaceRoot: root, workingFolder: root, task: 'read the files' });
      const marks: Array<{ at: number; toolMs: number }> = [];
      let toolMs = 0;
      let modelBefore = 0;
      const started = performance.now();
      const outcome = await runAgent({
        stream: model.stream, env, store, record, signal: new AbortController().signal, contextWindow: 32_768, protocol: run % 2 === 0 ? 'native' : 'text',
        limits: { maxSteps: 25, tokenBudget: 10_000_000, maxRepeats: 3, maxConsecutiveErrors: 3 }, rules: [], workspaceName: 'bench',
        emit: (event) => {
          if (event.type === 'toolResult') toolMs += event.durationMs;
          if (event.type === 'step' || event.type === 'stop') {
            const now = performance.now();
            const model2 = model.modelMs();
            marks.push({ at: now, toolMs: toolMs + (model2 - modelBefore) });
            modelBefore = model2;
            toolMs = 0;
          }
        },
      });
      if (outcome.reason !== 'finished') throw new Error(`the scripted task stopped: ${outcome.message}`);
      if (run < 2) continue; // warm-up: JIT, file system caches
      let previous = started;
      for (const mark of marks.slice(1)) {
        overheads.push(mark.at - previous - mark.toolMs);
        previous = mark.at;
      }
    }
    overheads.sort((a, b) => a - b);
    const at = (p: number) => overheads[Math.min(overheads.length - 1, Math.ceil((p / 100) * overheads.length) - 1)] as number;
    return { engineStepMsP50: at(50), engineStepMsP95: at(95), engineStepSamples: overheads.length, loadAverage1m: os.loadavg()[0] ?? 0 };
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
}

export function promptScenario(): Record<string, number> {
  const native = buildSystemPrompt({ protocol: 'native', tools: toolSpecs, rules: [], workspaceName: 'my-project', platform: 'linux', readOnly: false, editsNeedApproval: true });
  const text = buildSystemPrompt({ protocol: 'text', tools: toolSpecs, rules: [], workspaceName: 'my-project', platform: 'linux', readOnly: false, editsNeedApproval: true });
  return {
    nativePromptTokens: estimateTokens(native) + estimateTokens(JSON.stringify(nativeToolDefinitions(toolSpecs))),
    textPromptTokens: estimateTokens(text),
  };
}
